package dev.parley.transport.netty;

import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What a route answers: a JSON document, a text, or a body streamed as it is written. */
sealed interface Response {
  /** A JSON document with a status, and the {@code ETag} of what it shows when it has one. */
  record Json(int status, JsonNode body, @Nullable String etag) implements Response {
    Json(int status, JsonNode body) {
      this(status, body, null);
    }
  }

  /** A text with its media type (a vendor's {@code ok}, a {@code hub.challenge}, TwiML). */
  record Text(int status, String contentType, String body) implements Response {}

  /** The answer of another node of the cluster, as it came: a forwarded request's. */
  record Relayed(int status, String contentType, byte[] body, @Nullable String etag) implements Response {}

  /**
   * A static file of the host's pages, sent with a content security policy that lets it load
   * scripts, styles and sockets of its own origin only.
   */
  record File(String contentType, byte[] body) implements Response {}

  /**
   * A body written by {@code writer} into a stream that sends each chunk as it fills, waiting
   * while the client does not keep up: an export of any size holds a few chunks in memory.
   */
  record Stream(String contentType, String fileName, StreamWriter writer) implements Response {}

  /** Writes a streamed body; runs on a worker thread and may block on the client. */
  @FunctionalInterface
  interface StreamWriter {
    void writeTo(OutputStream out) throws Exception;
  }

  static Response ok(JsonNode body) {
    return new Json(200, body);
  }

  static Response created(JsonNode body) {
    return new Json(201, body);
  }

  static Response noContent() {
    return new Text(204, "text/plain; charset=utf-8", "");
  }
}
