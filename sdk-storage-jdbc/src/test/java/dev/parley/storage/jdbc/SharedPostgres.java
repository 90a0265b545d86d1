package dev.parley.storage.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL for the whole test JVM: started on first use (about 3 s), stopped when the
 * JVM exits.
 */
final class SharedPostgres {
  private static EmbeddedPostgres postgres;

  private SharedPostgres() {}

  static synchronized EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is going away; the data directory is temporary
        }
      }));
    }
    return postgres;
  }

  static String jdbcUrl() {
    return get().getJdbcUrl("postgres", "postgres");
  }
}
