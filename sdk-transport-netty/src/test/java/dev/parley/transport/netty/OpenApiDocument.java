package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API's OpenAPI document as the API tests hold answers to it: every answer of a route
 * under {@code /api/v1} must be documented for its path, method and status, and a JSON answer
 * must fit the document's schema for it, where an object may have no property the document does
 * not name ({@code unevaluatedProperties: false} is added to every object schema for the check).
 * {@link Center} checks every answer it gets.
 *
 * <p>Thread safety: safe for concurrent use; schemas are made once per response.
 */
final class OpenApiDocument {
  /** The document as served, read from beside {@link AdminApi}. */
  static final OpenApiDocument SERVED = new OpenApiDocument(read());

  private final JsonNode document;
  /** The document with every object schema closed, as the checks read it. */
  private final ObjectNode strict;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiDocument(JsonNode document) {
    this.document = document;
    this.strict = (ObjectNode) document.deepCopy();
    strict.path("components").path("schemas").properties().forEach(e -> close(e.getValue()));
    strict.path("paths").forEach(path -> path.forEach(op -> op.path("responses").forEach(r ->
        r.path("content").forEach(media -> close(media.path("schema"))))));
    strict.path("components").path("responses").forEach(r -> r.path("content").forEach(media -> close(media.path("schema"))));
    openAllOfMembers();
  }

  /** The document's text as the server has it. */
  static String text() {
    try (InputStream in = AdminApi.class.getResourceAsStream("openapi.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read() {
    return Json.MAPPER.readTree(text());
  }

  /**
   * Checks one answer of the API: fails the test when its route, method or status is not in the
   * document, or when a JSON body does not fit the schema documented for it.
   *
   * @param path the request's path, such as {@code /api/v1/tenants/acme/groups/sales}
   */
  void check(String method, String path, int status, String contentType, String body) {
    String base = document.at("/servers/0/url").asString();
    if (!path.startsWith(base + "/") || path.equals(base + "/openapi.json")) {
      return;
    }
    String template = template(path.substring(base.length()));
    if (template == null) {
      if (status == 404 || status == 405) {
        return; // the server's own answer to a path that is no route
      }
      fail("%s %s answered %d but no path of the OpenAPI document fits it", method, path, status);
    }
    JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      if (status == 405) {
        return;
      }
      fail("%s %s answered %d but the OpenAPI document has no %s on %s", method, path, status, method, template);
    }
    JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
    if (response.isMissingNode()) {
      fail("%s %s answered %d, a status the OpenAPI document does not give %s %s: %s", method, path, status, method,
          template, body);
    }
    String media = contentType.split(";")[0].strip();
    if (body.isEmpty() && !response.has("content")) {
      return;
    }
    if (!response.path("content").has(media)) {
      fail("%s %s answered %d as %s, which the OpenAPI document does not give it", method, path, status, media);
    }
    if (!media.equals("application/json")) {
      return;
    }
    String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
    Schema schema = schemas.computeIfAbsent(pointer, p -> schema(method, template, status));
    List<Error> errors = schema.validate(Json.MAPPER.readTree(body));
    if (!errors.isEmpty()) {
      fail("%s %s answered %d with a body that does not fit the OpenAPI document's schema: %s%nbody: %s", method, path,
          status, errors, body);
    }
  }

  /** The document's path template that fits {@code path}; the one with the most literal segments wins. */
  private String template(String path) {
    List<String> segments = Route.split(path);
    String best = null;
    int literals = -1;
    for (String template : (Iterable<String>) () -> document.path("paths").propertyNames().iterator()) {
      Route route = new Route("GET", template, call -> null);
      if (route.match(segments).isPresent() && route.literals() > literals) {
        best = template;
        literals = route.literals();
      }
    }
    return best;
  }

  /** A schema of the strict document: the response's, with the document's components beside it for its references. */
  private Schema schema(String method, String template, int status) {
    JsonNode response = resolve(strict.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
        .path("responses").path(String.valueOf(status)), strict);
    ObjectNode root = Json.object();
    root.set("allOf", Json.array().add(response.at("/content/application~1json/schema")));
    root.set("components", strict.path("components"));
    return registry.getSchema(SchemaLocation.of("urn:parley:openapi"), root);
  }

  private JsonNode resolve(JsonNode node) {
    return resolve(node, document);
  }

  private static JsonNode resolve(JsonNode node, JsonNode in) {
    return node.has("$ref") ? in.at(node.get("$ref").asString().substring(1)) : node;
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }

  /** Adds {@code unevaluatedProperties: false} to every object schema with properties, inside and out. */
  private static void close(JsonNode schema) {
    if (!(schema instanceof ObjectNode s)) {
      return;
    }
    if (s.has("properties") && !s.has("additionalProperties") && !s.has("unevaluatedProperties")) {
      s.put("unevaluatedProperties", false);
    }
    s.path("properties").forEach(OpenApiDocument::close);
    close(s.path("items"));
    close(s.path("additionalProperties"));
    if (s.has("allOf")) {
      s.path("allOf").forEach(OpenApiDocument::close);
      s.put("unevaluatedProperties", false);
    }
  }

  /**
   * Members of an {@code allOf} describe part of an object only: each is made to refer to an
   * open copy of its schema (closed inside, open at its top), so that the closing of the whole
   * sees every member's properties.
   */
  private void openAllOfMembers() {
    ObjectNode components = (ObjectNode) strict.path("components").path("schemas");
    List<Map.Entry<String, JsonNode>> all = new ArrayList<>(components.properties());
    for (Map.Entry<String, JsonNode> e : all) {
      ArrayNode members = e.getValue().path("allOf") instanceof ArrayNode a ? a : null;
      if (members == null) {
        continue;
      }
      for (JsonNode m : members) {
        ObjectNode member = (ObjectNode) m;
        ObjectNode open = (ObjectNode) resolve(member, strict).deepCopy();
        open.remove("unevaluatedProperties");
        if (member.has("$ref")) {
          String name = member.get("$ref").asString().replaceAll(".*/", "") + ".open";
          components.set(name, open);
          member.put("$ref", "#/components/schemas/" + name);
        } else {
          member.remove("unevaluatedProperties");
        }
      }
    }
  }

  @Override
  public String toString() {
    return "OpenApiDocument" + schemas.keySet();
  }
}
