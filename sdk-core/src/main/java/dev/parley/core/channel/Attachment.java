package dev.parley.core.channel;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file a client sent, by reference: the adapter does not download it. The reference is what the
 * vendor gives: a URL (Messenger, VK, e-mail parts as {@code cid:} URLs) or a media id to fetch
 * through the vendor's API (WhatsApp, prefixed {@code whatsapp-media:}).
 *
 * <p>Thread safety: immutable.
 *
 * @param kind what kind of file
 * @param reference where to get it
 * @param mediaType the MIME type, if the vendor says
 * @param fileName the file's name, if the vendor says
 */
public record Attachment(MediaKind kind, String reference, @Nullable String mediaType, @Nullable String fileName) {
  /** Checks the components. */
  public Attachment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
    if (reference.isBlank()) {
      throw new IllegalArgumentException("an attachment's reference must not be blank");
    }
  }
}
