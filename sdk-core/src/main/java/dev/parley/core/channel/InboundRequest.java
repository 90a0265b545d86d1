package dev.parley.core.channel;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request exactly as the transport received it: method, full URI, headers and the raw body
 * bytes. Signatures are computed over these bytes, so a transport must not re-encode the body.
 *
 * <pre>{@code
 * InboundRequest request = InboundRequest.builder("POST", URI.create("https://cc.example/wa"))
 *     .header("X-Hub-Signature-256", signature)
 *     .body(bytes)
 *     .build();
 * }</pre>
 *
 * <p>Header names are case-insensitive. Thread safety: immutable (the body is copied in and out).
 */
public final class InboundRequest {
  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private InboundRequest(Builder b) {
    method = b.method;
    uri = b.uri;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = Map.copyOf(copy);
    body = b.body.clone();
  }

  /** Starts a request with its method ({@code GET}, {@code POST}) and URI (absolute, or a path). */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The URI as requested, with its query. */
  public URI uri() {
    return uri;
  }

  /** Every header, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter, percent-decoded. */
  public Optional<String> queryParameter(String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  /** A copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** The body's length in bytes, without copying it. */
  public int bodyLength() {
    return body.length;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public String toString() {
    return method + " " + uri + " (" + body.length + " bytes)";
  }

  /** Builds an {@link InboundRequest}. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(String method, URI uri) {
      Objects.requireNonNull(method, "method");
      if (method.isBlank()) {
        throw new IllegalArgumentException("method must not be blank");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Adds a header value; several values for one name are kept in order. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value of header " + name);
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    /** The raw body bytes as received (copied). */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** Builds the request. */
    public InboundRequest build() {
      return new InboundRequest(this);
    }
  }
}
