package dev.parley.core;

import java.util.Objects;

/**
 * A file sent in a message, by reference: the engine and its storage keep where the file is, never
 * its bytes.
 *
 * <p>Thread safety: immutable.
 *
 * @param name the file's name as the sender gave it
 * @param contentType its media type, such as {@code image/png}
 * @param size its size in bytes
 * @param uri where it can be fetched, such as {@code https://files.example.com/f/123}
 */
public record Attachment(String name, String contentType, long size, String uri) {
  /** Checks the components. */
  public Attachment {
    Ids.check("attachment name", name);
    Ids.check("attachment content type", contentType);
    if (size < 0) {
      throw new IllegalArgumentException("attachment size must not be negative, was: " + size);
    }
    Objects.requireNonNull(uri, "uri");
    if (uri.isBlank()) {
      throw new IllegalArgumentException("attachment uri must not be blank");
    }
  }
}
