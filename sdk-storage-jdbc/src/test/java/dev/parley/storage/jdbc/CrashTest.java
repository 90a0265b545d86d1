package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes sessions and messages through {@link JdbcStorage} and is killed with {@code
 * kill -9} in the middle: every session whose writes returned before the kill is found whole on
 * reopening, on H2, SQLite and PostgreSQL.
 */
class CrashTest {
  /** How many sessions the child reports stored before it is killed. */
  private static final int BEFORE_KILL = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("on H2, every session stored before a kill -9 is there whole after reopening the file")
  void h2() throws Exception {
    Path file = dir.resolve("parley");
    List<String> stored = writeUntilKilled("h2", file.toString(), "acme");

    try (Storage reopened = JdbcStorage.h2(file).build()) {
      assertWhole(reopened, "acme", stored);
    }
  }

  @Test
  @DisplayName("on SQLite, every session stored before a kill -9 is there whole after reopening the file")
  void sqlite() throws Exception {
    Path file = dir.resolve("parley.db");
    List<String> stored = writeUntilKilled("sqlite", file.toString(), "acme");

    try (Storage reopened = JdbcStorage.sqlite(file).build()) {
      assertWhole(reopened, "acme", stored);
    }
  }

  @Test
  @DisplayName("on PostgreSQL, every session stored before the writer's kill -9 is there whole")
  void postgres() throws Exception {
    String tenant = "crash-" + System.nanoTime();
    List<String> stored = writeUntilKilled("postgres", SharedPostgres.jdbcUrl(), tenant);

    try (Storage storage = JdbcStorage.postgres(SharedPostgres.jdbcUrl(), "postgres", "postgres").build()) {
      assertWhole(storage, tenant, stored);
    }
  }

  // Starts the writer, kills it once it has reported BEFORE_KILL sessions, and returns every id it
  // reported, including those it printed between the count being reached and the kill.
  private static List<String> writeUntilKilled(String database, String target, String tenant)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashingSessionWriter.class.getName(), database, target, tenant)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> stored = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        stored.add(line);
        if (stored.size() == BEFORE_KILL) {
          // SIGKILL: no shutdown hooks, no closing of the pool or the file. Through the handle, since
          // Process.destroyForcibly() also closes the pipe, losing the lines still in it.
          child.toHandle().destroyForcibly();
          assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(stored).as("sessions the writer stored before it was killed").hasSizeGreaterThanOrEqualTo(BEFORE_KILL);
    assertThat(child.exitValue()).as("killed, not finished").isNotZero();
    return stored;
  }

  private static void assertWhole(Storage storage, String tenant, List<String> stored) {
    for (String id : stored) {
      SessionRecord session = storage.sessions().find(tenant, id).orElseThrow(() -> new AssertionError(id + " is lost"));
      assertThat(session.version()).as(id).isEqualTo(2);
      assertThat(session.status()).as(id).isEqualTo(SessionStatus.ACTIVE);
      assertThat(session.transitions()).as(id).hasSize(2);
      assertThat(storage.transcripts().transcript(tenant, id)).as(id).extracting(MessageRecord::text)
          .containsExactly("I need a refund for order " + id.substring(2), "parcel never came");
    }
    List<String> found = storage.sessions().query(SessionQuery.builder(tenant).text("refund parcel")
            .limit(SessionQuery.MAX_LIMIT).build())
        .items().stream().map(SessionRecord::id).toList();
    assertThat(found).as("searchable").containsAll(stored);
  }
}
