package dev.parley.transport.netty;

import dev.parley.core.Attachment;
import dev.parley.core.Entry;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a web-chat client sends over {@code /ws/client}, decoded and checked by {@link Protocol}.
 * Every frame may carry a {@code ref}, echoed in the {@code ok} or {@code error} it causes.
 */
sealed interface ClientFrame {
  @Nullable String ref();

  /** The client arrives: the entry form's fields, the widget, the page, or an invitation code. */
  record Enter(@Nullable String ref, TenantId tenant, Entry entry) implements ClientFrame {}

  /** A client back on a new connection, proving his session with its token. */
  record Resume(@Nullable String ref, SessionId session, String token) implements ClientFrame {}

  /** A message: text and files by reference. */
  record Message(@Nullable String ref, @Nullable String id, String text, List<Attachment> attachments)
      implements ClientFrame {}

  /** The client is typing. */
  record Typing(@Nullable String ref) implements ClientFrame {}

  /** The client leaves: a waiting session is abandoned, a served one ended. */
  record Leave(@Nullable String ref) implements ClientFrame {}

  /** The client rates the session, 1 to 5. */
  record Feedback(@Nullable String ref, int rating, @Nullable String comment) implements ClientFrame {}

  /** The client asks for his session's transcript by e-mail. */
  record Transcript(@Nullable String ref, String email) implements ClientFrame {}

  /** The offline form, filled in after nobody was online. */
  record Offline(@Nullable String ref, TenantId tenant, Map<String, String> fields) implements ClientFrame {}
}
