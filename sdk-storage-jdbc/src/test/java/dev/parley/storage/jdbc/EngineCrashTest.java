package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The engine on an embedded database file")
class EngineCrashTest {
  private static final int ACKS = 300;

  @TempDir Path dir;

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "sqlite"})
  @DisplayName("keeps every session and message it acknowledged when its process is killed")
  void keepsWhatItAcknowledged(String kind) throws Exception {
    Path file = dir.resolve("parley-" + kind);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            EngineCrashingHost.class.getName(), kind, file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int acked = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked < ACKS && (line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked = Integer.parseInt(line.substring("acked ".length()));
        }
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing flushed on the way out
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).as("sessions the child acknowledged").isEqualTo(ACKS);

    try (JdbcStorage storage = CrashingSessionWriter.open(kind, file.toString()).build();
        Parley parley = Parley.builder().storage(storage).build()) {
      TenantSnapshot acme = parley.snapshot(EngineCrashingHost.ACME);
      for (int n = 0; n <= acked; n++) {
        String id = "s" + n;
        assertThat(storage.sessions().find("acme", id)).as("session %s", id).isPresent();
        assertThat(storage.transcripts().find("acme", "m" + n)).as("message of %s", id).isPresent();
        assertThat(acme.session(SessionId.of(id)).map(SessionView::state))
            .as("%s is live again", id).hasValueSatisfying(s -> assertThat(s.terminal()).isFalse());
      }
      assertThat(acme.sessions().stream().filter(v -> v.state() == SessionState.OFFERED)).hasSizeLessThanOrEqualTo(2);
    }
  }
}
