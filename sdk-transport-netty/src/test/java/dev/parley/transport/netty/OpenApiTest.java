package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("The OpenAPI document")
class OpenApiTest {
  private final Center center = new Center();

  @AfterEach
  void stop() {
    center.close();
  }

  @Test
  @DisplayName("is valid OpenAPI 3.1 to a real parser, which has nothing to say of it")
  void valid() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(OpenApiDocument.text(), null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(result.getOpenAPI().getPaths()).hasSize(Json.MAPPER.readTree(OpenApiDocument.text()).get("paths").size());
  }

  @Test
  @DisplayName("fails an answer with a field, a status or a route it does not document")
  void checksAnswers() {
    OpenApiDocument document = OpenApiDocument.SERVED;
    String chatbot = "/api/v1/tenants/acme/chatbots/faq";
    document.check("GET", chatbot, 200, "application/json", "{\"id\":\"faq\",\"endpoint\":\"https://b/\",\"replyTimeout\":\"PT5S\"}");
    assertThatThrownBy(() -> document.check("GET", chatbot, 200, "application/json",
        "{\"id\":\"faq\",\"endpoint\":\"https://b/\",\"colour\":\"red\"}")).hasMessageContaining("colour");
    assertThatThrownBy(() -> document.check("GET", chatbot, 200, "application/json", "{\"id\":7}"))
        .hasMessageContaining("id");
    assertThatThrownBy(() -> document.check("GET", chatbot, 418, "application/json", "{}")).hasMessageContaining("418");
    assertThatThrownBy(() -> document.check("POST", chatbot, 200, "application/json", "{}"))
        .hasMessageContaining("no POST");
    assertThatThrownBy(() -> document.check("GET", "/api/v1/tenants/acme/nothing/here", 200, "application/json", "{}"))
        .hasMessageContaining("no path");
  }

  @Test
  @DisplayName("is served without a token and documents exactly the routes of the admin API")
  void matchesRoutes() throws IOException {
    Center.Answer answer = center.call(new Request.Builder().url(center.url("/api/v1/openapi.json")).build());
    assertThat(answer.status()).isEqualTo(200);
    JsonNode document = answer.json();
    String base = document.at("/servers/0/url").asString();
    assertThat(document.get("openapi").asString()).startsWith("3.");

    Set<String> documented = new TreeSet<>();
    document.get("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
      if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + base + path.getKey());
      }
    }));
    Set<String> routed = new TreeSet<>();
    for (Route route : Router.standard(null).routes()) {
      if (route.template().startsWith(AdminApi.PREFIX + "/")) {
        routed.add(route.method() + " " + route.template());
      }
    }

    assertThat(documented).isEqualTo(routed);
  }

  @Test
  @DisplayName("names its parameters as the routes capture them, and every reference resolves")
  void parameters() throws IOException {
    JsonNode document = center.call(new Request.Builder().url(center.url("/api/v1/openapi.json")).build()).json();
    document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      Set<String> inPath = new TreeSet<>();
      op.getValue().path("parameters").forEach(p -> {
        JsonNode parameter = p.has("$ref") ? document.at(p.get("$ref").asString().substring(1)) : p;
        assertThat(parameter.isMissingNode()).as(p.toString()).isFalse();
        if (parameter.get("in").asString().equals("path")) {
          inPath.add(parameter.get("name").asString());
        }
      });
      Set<String> captured = new TreeSet<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
      while (m.find()) {
        captured.add(m.group(1));
      }
      assertThat(inPath).as(op.getKey() + " " + path.getKey()).isEqualTo(captured);
    }));
    java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#([^\"]+)\"").matcher(document.toString());
    while (refs.find()) {
      assertThat(document.at(refs.group(1)).isMissingNode()).as(refs.group(1)).isFalse();
    }
  }
}
