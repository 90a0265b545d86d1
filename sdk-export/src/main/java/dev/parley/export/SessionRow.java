package dev.parley.export;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.TranscriptStore;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One session on its way out: the record, the zone its times are written in, and its transcript,
 * read at most once and only if a column or the HTML asks for it.
 */
final class SessionRow {
  private final SessionRecord session;
  private final DateTimeFormatter times;
  private final @Nullable TranscriptStore transcripts;
  private @Nullable List<MessageRecord> messages;

  SessionRow(SessionRecord session, DateTimeFormatter times, @Nullable TranscriptStore transcripts) {
    this.session = session;
    this.times = times;
    this.transcripts = transcripts;
  }

  SessionRecord session() {
    return session;
  }

  /** The instant as ISO-8601 in the export's zone, such as {@code 2024-05-01T10:00:00Z}. */
  String time(Instant at) {
    return times.format(at);
  }

  @Nullable String time(Optional<Instant> at) {
    return at.map(this::time).orElse(null);
  }

  /** When an operator first answered: its first move to {@code ACTIVE}, else its stored acceptance. */
  Optional<Instant> answeredAt() {
    return session.transitions().stream()
        .filter(t -> t.status() == SessionStatus.ACTIVE)
        .map(SessionTransition::at)
        .findFirst()
        .or(session::acceptedAt);
  }

  /** Whole seconds from {@code from} to {@code to}, or null when either is missing. */
  static @Nullable String seconds(Optional<Instant> from, Optional<Instant> to) {
    if (from.isEmpty() || to.isEmpty()) {
      return null;
    }
    return Long.toString(Duration.between(from.get(), to.get()).toSeconds());
  }

  /** The session's messages, oldest first, read from the transcript store on first use. */
  List<MessageRecord> messages() {
    if (messages == null) {
      TranscriptStore store = requireNonNull(transcripts, "no transcript store was given to the export");
      messages = store.transcript(session.tenant(), session.id());
    }
    return messages;
  }
}
