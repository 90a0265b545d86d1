package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.BlacklistStore;
import dev.parley.storage.ConfigStore;
import dev.parley.storage.ContactStore;
import dev.parley.storage.InvitationStore;
import dev.parley.storage.InboxStore;
import dev.parley.storage.OutboxStore;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.PartitionFences;
import dev.parley.storage.SessionStore;
import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import dev.parley.storage.TagStore;
import dev.parley.storage.TemplateStore;
import dev.parley.storage.TranscriptStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;

/**
 * Parley's storage on a relational database: an embedded SQLite file ({@link #embedded}, the durable
 * default), an embedded H2 file, PostgreSQL, or a {@link DataSource} the host already has.
 *
 * <p>{@link Builder#build()} migrates the schema (versioned scripts under {@code db/parley/} on
 * the class path, and the database's own under {@code db/parley-h2/}, {@code db/parley-postgresql/}
 * or {@code db/parley-sqlite/}, recorded in the table {@code parley_schema_history}; a schema that is
 * already current is left alone) and then hands out the stores, which talk plain JDBC:
 *
 * <pre>{@code
 * try (JdbcStorage storage = JdbcStorage.embedded(Path.of("data/parley.db")).build()) {
 *   storage.blacklist().put(entry);
 * }
 * }</pre>
 *
 * <p>Consistency: a session and its lists, a message and its words, a {@code saveAll} or {@code
 * appendAll}, an erasure or purge and the transcripts it removes, a contact's removal and the
 * sessions it unlinks: each is one transaction. Reads of a record and its lists see one committed state.
 *
 * <p>Full-text search ({@link dev.parley.storage.SessionQuery.Builder#text}) follows {@link
 * dev.parley.storage.Words} on every database: on PostgreSQL through a GIN index of each message's
 * words as a {@code tsvector}, on SQLite through an FTS5 index of each message's words, on H2
 * through a table of each session's words searched by prefix.
 *
 * <p>Durability: every write runs in its own transaction and has committed when the call returns.
 * On PostgreSQL (with its default {@code fsync} and {@code synchronous_commit} on) and on SQLite
 * ({@link #sqlite}: WAL, {@code synchronous=FULL}) the commit is on the disk by then: it survives a
 * crash of the process and a power cut. H2 hands each commit to the operating system before
 * returning ({@code WRITE_DELAY=0}), so it survives a crash of the process, but it does not force it
 * to the disk: a power cut may lose the last writes.
 *
 * <p>Instants are kept exactly, to the nanosecond, from 1677-09-21T00:12:43.145224192Z to
 * 2262-04-11T23:47:16.854775807Z (epoch nanoseconds in a 64-bit column); a store rejects an
 * instant outside that range with an {@link IllegalArgumentException}.
 *
 * <p>Fencing: a partition's writer persists through a {@link #fenced} view, whose every call first
 * checks the partition's epoch in {@code parley_partition} in its own transaction (see {@link
 * dev.parley.storage.PartitionFence}).
 *
 * <p>Failure: a database error surfaces as a {@link StorageException} with the {@code
 * SQLException} as its cause; the write it interrupted has been rolled back.
 *
 * <p>Thread safety: safe for use by several threads at once. The stores hold no state of their
 * own; each call borrows a connection from the pool.
 */
public final class JdbcStorage implements Storage {
  private final @Nullable HikariDataSource ownPool;
  private final Database database;
  private final SessionStore sessions;
  private final TranscriptStore transcripts;
  private final ContactStore contacts;
  private final BlacklistStore blacklist;
  private final InvitationStore invitations;
  private final TagStore tags;
  private final TemplateStore templates;
  private final OutboxStore outbox;
  private final InboxStore inbox;
  private final ConfigStore config;
  private final PartitionFences fences;
  private final @Nullable PartitionFence fence;
  /** False for a view (fenced, or joining a transaction): its storage owns the pool. */
  private final boolean owner;

  private JdbcStorage(Database database, @Nullable HikariDataSource ownPool, PartitionFences fences,
      @Nullable PartitionFence fence, boolean owner) {
    this.ownPool = ownPool;
    this.database = database;
    this.fences = fences;
    this.fence = fence;
    this.owner = owner;
    JdbcTranscriptStore transcriptStore = new JdbcTranscriptStore(database);
    this.sessions = new JdbcSessionStore(database, transcriptStore);
    this.transcripts = transcriptStore;
    this.contacts = new JdbcContactStore(database);
    this.blacklist = new JdbcBlacklistStore(database);
    this.invitations = new JdbcInvitationStore(database);
    this.tags = new JdbcTagStore(database);
    this.templates = new JdbcTemplateStore(database);
    this.outbox = new JdbcOutboxStore(database);
    this.inbox = new JdbcInboxStore(database);
    this.config = new JdbcConfigStore(database);
  }

  /**
   * Starts building the zero-setup durable default: an embedded database in a file, with nothing to
   * install and every acknowledged write on the disk. Today that is {@link #sqlite SQLite}, chosen
   * over {@link #h2 H2} because H2 does not force its commits to the disk (see the class's note on
   * durability), and SQLite was measured as fast or faster on the engine's writes, history pages and
   * restarts ({@code benchmarks/README.md}).
   *
   * <pre>{@code
   * JdbcStorage storage = JdbcStorage.embedded(Path.of("data/parley.db")).build();
   * }</pre>
   *
   * @param file the database file, created with its directory if missing
   */
  public static Builder embedded(Path file) {
    return sqlite(file);
  }

  /**
   * Starts building a storage in an embedded SQLite database in a file ({@code org.xerial:sqlite-jdbc},
   * whose jar carries SQLite's native library for the common platforms). The database runs in WAL
   * mode with {@code synchronous=FULL}: a commit returns once it is in the write-ahead log and the
   * log is forced to the disk ({@code fsync}), so an acknowledged write survives a power cut as well
   * as a crash of the process. Foreign keys are enforced; a writer waits up to a minute for another's
   * commit. SQLite writes one transaction at a time; reads run beside it, each on its own snapshot.
   * Several processes may open the file, but one storage per file is what Parley expects.
   *
   * @param file the database file, such as {@code Path.of("data/parley.db")}; created with its
   *     directory if missing
   */
  public static Builder sqlite(Path file) {
    requireNonNull(file, "file must not be null");
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new StorageException("could not create the directory of " + absolute + ": " + e.getMessage()
          + "; check that the path is writable", e);
    }
    return new Builder(null, sqliteUrl(absolute), "", "");
  }

  /** The JDBC URL of the SQLite file {@code file}, with the settings {@link #sqlite} promises. */
  static String sqliteUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath().normalize()
        + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=60000";
  }

  /**
   * Starts building a storage in an embedded H2 database in a file: nothing to install, and it
   * survives a crash of the process, but not a power cut (H2 does not force its commits to the
   * disk); prefer {@link #embedded}. H2 keeps the data in {@code file + ".mv.db"} (a trailing {@code .mv.db} in {@code
   * file} is dropped) and creates the file and its directory if they are missing. Only one
   * process may open the file at a time.
   *
   * @param file where the database lives, such as {@code Path.of("data/parley")}
   */
  public static Builder h2(Path file) {
    requireNonNull(file, "file must not be null");
    String base = file.toAbsolutePath().normalize().toString();
    if (base.endsWith(".mv.db")) {
      base = base.substring(0, base.length() - ".mv.db".length());
    }
    // WRITE_DELAY=0: H2 writes each commit to the file before the commit returns. By default it
    // batches them for up to 500 ms, and a killed process loses them (JdbcStorageTest shows it).
    // QUERY_CACHE_SIZE=64: each connection keeps the statements it has parsed; by default only 8,
    // fewer than one saveAll and appendAll use, so H2 parsed every statement again (half the time
    // of a single session's save).
    return new Builder(null, "jdbc:h2:file:" + base + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64", "sa", "");
  }

  /**
   * Starts building a storage in a PostgreSQL database (version 15 or later), through a pool this
   * storage makes and closes.
   *
   * @param jdbcUrl such as {@code jdbc:postgresql://db.example.com:5432/parley}
   * @param user the database user; it needs to create tables in its default schema the first time
   * @param password that user's password
   */
  public static Builder postgres(String jdbcUrl, String user, String password) {
    requireNonNull(jdbcUrl, "jdbcUrl must not be null");
    requireNonNull(user, "user must not be null");
    requireNonNull(password, "password must not be null");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl must start with jdbc:postgresql:, was: '" + jdbcUrl + "'");
    }
    return new Builder(null, jdbcUrl, user, password);
  }

  /**
   * Starts building a storage on the host's own {@link DataSource} (H2 2.x, PostgreSQL 15+ or
   * SQLite 3.45+, the last opened with {@code foreign_keys=true}),
   * typically its connection pool. The storage never closes it. Connections may come in
   * auto-commit or manual-commit mode: the storage commits each write itself in the latter.
   */
  public static Builder using(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource must not be null"), null, null, null);
  }

  /** Sessions, in table {@code parley_session} and its {@code parley_session_*} child tables. */
  @Override
  public SessionStore sessions() {
    return sessions;
  }

  /** Transcripts, in tables {@code parley_message} and {@code parley_message_file}. */
  @Override
  public TranscriptStore transcripts() {
    return transcripts;
  }

  /** Contacts, in table {@code parley_contact} and its {@code parley_contact_*} child tables. */
  @Override
  public ContactStore contacts() {
    return contacts;
  }

  /** The blacklist, in table {@code parley_blacklist}. */
  @Override
  public BlacklistStore blacklist() {
    return blacklist;
  }

  /** The invitations, in table {@code parley_invitation}. */
  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  /** The tag catalogue and recent tags, in tables {@code parley_tag} and {@code parley_recent_tag}. */
  @Override
  public TagStore tags() {
    return tags;
  }

  /** Templates and stars, in tables {@code parley_template} and {@code parley_template_star}. */
  @Override
  public TemplateStore templates() {
    return templates;
  }

  /** The outbox, in table {@code parley_outbox} and its counters and cursors. */
  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  /** Tenants' configuration, in tables {@code parley_config} and {@code parley_config_property}. */
  @Override
  public InboxStore inbox() {
    return inbox;
  }

  @Override
  public ConfigStore config() {
    return config;
  }

  /** The partitions' epochs, in table {@code parley_partition}. */
  @Override
  public PartitionFences fences() {
    return fences;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each call of the view's stores runs in one transaction that begins with {@code SELECT epoch
   * FROM parley_partition WHERE partition_id = ?}, {@code FOR SHARE} on PostgreSQL and {@code FOR
   * UPDATE} on H2 (which has no shared row lock): one more round trip per call.
   */
  @Override
  public Storage fenced(PartitionFence fence) {
    requireNonNull(fence, "fence must not be null");
    return new JdbcStorage(database.fenced(fence), null, fences, fence, false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One database transaction: the view's stores run every statement on its connection, and it
   * commits when {@code writes} returns. A fenced view's transaction begins with the fence check,
   * whose lock it holds to the commit.
   */
  @Override
  public void together(Consumer<Storage> writes) {
    requireNonNull(writes, "writes must not be null");
    database.transaction("store writes together", c -> {
      writes.accept(new JdbcStorage(database.joining(c), null, fences, fence, false));
      return null;
    });
  }

  /** True: {@link #together} is one transaction. */
  @Override
  public boolean storesTogether() {
    return true;
  }

  /** True: a write has committed when the call returns (see the class's note on durability). */
  @Override
  public boolean durable() {
    return true;
  }

  /**
   * Closes the connection pool if this storage made it (a {@link #using(DataSource) host's own}
   * is left open). The stores fail with an {@link IllegalStateException} afterwards, those of its
   * {@linkplain #fenced fenced views} too. Closing twice is harmless; closing a view changes
   * nothing.
   */
  @Override
  public void close() {
    if (!owner) {
      return; // a view: its storage owns the pool
    }
    database.close();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcStorage{" + (ownPool != null ? ownPool.getJdbcUrl() : "host's DataSource")
        + (fence != null ? ", fenced by " + fence : "") + "}";
  }

  /**
   * Configures a {@link JdbcStorage}; obtained from {@link #embedded}, {@link #sqlite}, {@link #h2},
   * {@link #postgres} or {@link #using}.
   *
   * <p>Thread safety: not thread-safe; use it on one thread, then drop it.
   */
  public static final class Builder {
    private final @Nullable DataSource dataSource;
    private final @Nullable String jdbcUrl;
    private final @Nullable String user;
    private final @Nullable String password;
    private int maximumPoolSize = 10;
    private boolean poolSizeSet;
    private Duration fencedIdleTimeout = Duration.ofSeconds(2);

    private Builder(
        @Nullable DataSource dataSource,
        @Nullable String jdbcUrl,
        @Nullable String user,
        @Nullable String password) {
      this.dataSource = dataSource;
      this.jdbcUrl = jdbcUrl;
      this.user = user;
      this.password = password;
    }

    /**
     * Sets how many connections the pool this storage makes may hold at most; 10 unless set. Not
     * for {@link #using(DataSource)}: a host's pool is sized by the host.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Builder maximumPoolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maximumPoolSize must be at least 1, was: " + size);
      }
      this.maximumPoolSize = size;
      this.poolSizeSet = true;
      return this;
    }

    /**
     * Sets how long, on PostgreSQL, a {@linkplain JdbcStorage#fenced fenced} batch's transaction may
     * sit idle between its statements before PostgreSQL ends the session
     * ({@code idle_in_transaction_session_timeout}, set for that transaction only); 2 s unless
     * set. A batch holds its partition's row lock to its commit, and a takeover waits for it: this
     * bounds how long a writer that stopped mid-batch (a paused process, a link gone dark) can hold
     * a takeover up. A healthy writer's batch is never idle that long; if it is (a long garbage
     * collection), the batch fails and the engine runs it again.
     *
     * @throws IllegalArgumentException if it is less than 1 ms
     */
    public Builder fencedIdleTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout must not be null");
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("fencedIdleTimeout must be at least 1 ms, was: " + timeout);
      }
      this.fencedIdleTimeout = timeout;
      return this;
    }

    /**
     * Opens the pool (unless the host gave its own), migrates the schema to the latest version and
     * returns the storage.
     *
     * @throws IllegalStateException if a pool size was set for a host's own {@code DataSource}
     * @throws StorageException if the database cannot be reached, is not H2, PostgreSQL or SQLite,
     *     or the schema cannot be migrated; nothing is left open
     */
    public JdbcStorage build() {
      if (dataSource != null && poolSizeSet) {
        throw new IllegalStateException(
            "maximumPoolSize applies only to a pool JdbcStorage makes; size the DataSource passed to using() instead");
      }
      HikariDataSource pool = dataSource == null ? openPool() : null;
      DataSource source = pool != null ? pool : requireNonNull(dataSource);
      try {
        Dialect dialect = Dialect.of(source);
        migrate(source, dialect);
        Database database = new Database(source, dialect, fencedIdleTimeout);
        return new JdbcStorage(database, pool, new PartitionTable(database), null, true);
      } catch (RuntimeException e) {
        if (pool != null) {
          pool.close();
        }
        throw e;
      }
    }

    private HikariDataSource openPool() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(maximumPoolSize);
      config.setAutoCommit(true);
      config.setPoolName("parley-storage");
      if (requireNonNull(jdbcUrl).startsWith("jdbc:postgresql:")) {
        // The driver sends a batch of INSERTs as multi-row INSERTs: a saveAll of 64 new sessions
        // is then a few statements per table, not 64.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new StorageException(
            "could not connect to " + jdbcUrl + ": " + e.getMessage()
                + "; check the URL, the user and the password, and that the database is running",
            e);
      }
    }

    private static void migrate(DataSource source, Dialect dialect) {
      try {
        Flyway.configure(JdbcStorage.class.getClassLoader())
            .dataSource(source)
            .locations("classpath:db/parley", dialect.migrations())
            .placeholders(dialect.placeholders())
            .table("parley_schema_history")
            // A host's schema may hold its own tables: start Parley's history below version 1.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
      } catch (FlywayException e) {
        throw new StorageException(
            "could not migrate the Parley schema: " + e.getMessage()
                + "; check that the user may create tables and that parley_schema_history was not edited by hand",
            e);
      }
    }
  }
}
