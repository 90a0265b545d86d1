package dev.parley.storage.jdbc;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashTest}, which kills it with {@code kill -9} while it writes:
 * stores session after session (queued, two messages, then accepted) through {@link JdbcStorage}
 * and prints each session's id once all its writes have returned.
 *
 * <p>Arguments: {@code h2 <file>}, {@code sqlite <file>} or {@code postgres <jdbcUrl>}, then the
 * tenant to write.
 */
final class CrashingSessionWriter {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");

  private CrashingSessionWriter() {}

  public static void main(String[] args) {
    String tenant = args[2];
    Storage storage = open(args[0], args[1]).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos(); // in case nobody kills it
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String id = "s-" + i;
      Instant at = T0.plusSeconds(i);
      SessionRecord queued = storage.sessions().save(SessionRecord.builder(tenant, id, "WEB_CHAT", at)
          .group("sales").arrivalSeq(i)
          .transition(new SessionTransition(at, SessionStatus.QUEUED, "client", null, "sales", null))
          .build());
      storage.transcripts().append(message(tenant, id, "m-" + i + "-1", at, "I need a refund for order " + i));
      storage.transcripts().append(message(tenant, id, "m-" + i + "-2", at.plusSeconds(1), "parcel never came"));
      storage.sessions().save(queued.toBuilder().status(SessionStatus.ACTIVE).operator("alice")
          .acceptedAt(at.plusSeconds(2))
          .transition(new SessionTransition(at.plusSeconds(2), SessionStatus.ACTIVE, "operator:alice", "ACCEPTED",
              "sales", "alice"))
          .build());
      System.out.println(id);
      System.out.flush();
    }
    Runtime.getRuntime().halt(1);
  }

  /** The storage of kind {@code h2}, {@code sqlite} or {@code postgres} at {@code target} (a file or a URL). */
  static JdbcStorage.Builder open(String kind, String target) {
    switch (kind) {
      case "h2":
        return JdbcStorage.h2(Path.of(target));
      case "sqlite":
        return JdbcStorage.sqlite(Path.of(target));
      case "postgres":
        return JdbcStorage.postgres(target, "postgres", "postgres");
      default:
        throw new IllegalArgumentException("unknown storage '" + kind + "'; the storages are h2, sqlite and postgres");
    }
  }

  static MessageRecord message(String tenant, String session, String id, Instant at, String text) {
    return new MessageRecord(tenant, session, id, at, MessageRecord.Sender.CLIENT, null, text, List.of(),
        MessageRecord.Delivery.SENT);
  }
}
