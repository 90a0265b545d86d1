package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.SessionRecord;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's persister on a storage that {@linkplain JdbcStorage#together stores a pass
 * together}: when a pass's commit fails, the whole pass was rolled back, so the retry must store it
 * again from its start, the outbox records too. The database is a real SQLite file; only the
 * commits of transactions that appended to the outbox, the passes', are made to fail, the way a
 * lost connection or a full disk fails them. A retry that went on from the pass's failed write
 * would append nothing to the outbox, commit, and lose the pass's events.
 */
@DisplayName("The engine on a storage that stores each pass in one transaction")
class EnginePassRetryTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");

  @TempDir Path dir;

  @Test
  @DisplayName("stores a pass whose commit failed again whole: the same outbox, sessions and messages as a run without failures")
  void retriesTheWholePass() {
    Stored calm = run(dir.resolve("calm.db"), 0);
    Stored stormy = run(dir.resolve("stormy.db"), 3);

    assertThat(stormy.failedCommits()).isEqualTo(3);
    assertThat(stormy.events()).isNotEmpty().isEqualTo(calm.events());
    assertThat(stormy.session()).isEqualTo(calm.session());
    assertThat(stormy.messages()).containsExactly("hello", "anyone there?");
  }

  private record Stored(int failedCommits, List<String> events, String session, List<String> messages) {}

  private static Stored run(Path file, int commitsToFail) {
    AtomicInteger failing = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try (HikariDataSource pool = TestPools.sqlite(file, true);
        JdbcStorage storage = JdbcStorage.using(failingCommits(pool, failing, failed)).build();
        Parley parley = Parley.builder().storage(storage).outbox().build()) {
      Tenant acme = parley.tenant(ACME);
      acme.defineGroup(GroupSpec.builder(SALES).build()).join();
      OperatorId alice = OperatorId.of("alice");
      acme.defineOperator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
      acme.setStatus(alice, OperatorStatus.ONLINE).join();
      failing.set(commitsToFail);
      SessionId s = SessionId.of("s-1");
      acme.arrive(s, Entry.builder(Channel.WEB_CHAT).client("visitor-1").group(SALES).build()).join();
      acme.post(s, Actor.CLIENT, "m-1", "hello").join();
      acme.post(s, Actor.CLIENT, "m-2", "anyone there?").join();
      List<String> events = storage.outbox().after("acme", 0, 1000).stream().map(OutboxRecord::type).toList();
      SessionRecord session = storage.sessions().find("acme", "s-1").orElseThrow();
      List<String> messages = storage.transcripts().transcript("acme", "s-1").stream().map(m -> m.text()).toList();
      return new Stored(failed.get(), events,
          session.status() + " v" + session.version() + " " + session.transitions().size() + " transitions",
          messages);
    }
  }

  /** {@code pool} with its connections' next {@code failing} commits failing (and counted). */
  private static DataSource failingCommits(DataSource pool, AtomicInteger failing, AtomicInteger failed) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        Connection real = pool.getConnection();
        AtomicBoolean appended = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT INTO parley_outbox ")) {
                appended.set(true);
              }
              if (method.getName().equals("commit") && appended.getAndSet(false)
                  && failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                throw new SQLTransientConnectionException("the commit failed (test)");
              }
              if (method.getName().equals("rollback") && args == null) {
                appended.set(false);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }

      @Override
      public Connection getConnection(String user, String password) {
        throw new UnsupportedOperationException();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isWrapperFor(Class<?> type) {
        return false;
      }
    };
  }
}
