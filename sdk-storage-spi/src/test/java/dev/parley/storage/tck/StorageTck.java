package dev.parley.storage.tck;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.Storage;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link Storage} must meet, store by store and across stores: sessions and
 * their history queries, full-text search, transcripts, contacts, tags, templates, the outbox,
 * configuration, tenant isolation and concurrent writers.
 *
 * <p>Extend it and implement {@link #createStorage()}; the kit closes each storage after its test.
 * Override a feature flag such as {@link #supportsFullTextSearch()} to skip what the storage does
 * not claim.
 *
 * <pre>{@code
 * class JdbcStorageTest extends StorageTck {
 *   @Override
 *   protected Storage createStorage() {
 *     return JdbcStorage.h2(freshDirectory()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>The groups live in their own files (a kit per capability, such as {@link SessionStoreKit});
 * each is a {@code @Nested} class here, so one subclass runs them all against one factory.
 *
 * <p>Semantics the kit pins down beyond the interfaces' signatures are stated in the Javadoc of the
 * SPI ({@link dev.parley.storage.SessionQuery}, {@link dev.parley.storage.SessionStore}, ...); the
 * kit holds implementations to exactly those.
 */
public abstract class StorageTck {
  /** An arbitrary instant all the tests count from. */
  protected static final Instant T0 = StoreTck.T0;

  private @Nullable Storage storage;

  /** Creates the kit; subclasses need a no-argument constructor, as JUnit requires. */
  protected StorageTck() {}

  /** Returns a fresh, empty storage: called once before each test, and closed after it. */
  protected abstract Storage createStorage();

  /**
   * Whether the storage keeps every {@link Instant} (from year -1000000000 to 1000000000) exactly.
   * Override to return {@code false} for one that keeps a narrower range, such as epoch nanoseconds
   * in a 64-bit integer (1677 to 2262); the far-instant tests are then skipped.
   */
  protected boolean supportsAllInstants() {
    return true;
  }

  /**
   * Whether the storage implements {@link dev.parley.storage.SessionQuery#words()}. Override to
   * return {@code false} for one that cannot search transcripts; the full-text tests are then
   * skipped (and such a storage must reject a query with words with an {@link
   * UnsupportedOperationException}).
   */
  protected boolean supportsFullTextSearch() {
    return true;
  }

  /**
   * Whether the storage implements {@link Storage#fences()} and {@link Storage#fenced}, which a
   * cluster needs. Override to return {@code false} for one that does not; the fencing tests are
   * then skipped.
   */
  protected boolean supportsFencing() {
    return true;
  }

  /**
   * Holds a stored session of the {@linkplain #storage() storage under test} as a concurrent writer
   * would (on a database: an open transaction that has locked its row), so that a write of that
   * session waits until the hold is closed: how the fencing tests keep a batch in flight while a
   * change of owner races it. Return empty (the default) when the storage cannot; those tests are
   * then skipped.
   */
  protected Optional<SessionHold> holdSession(String tenant, String id) {
    return Optional.empty();
  }

  /** The storage under test, made fresh for each test by {@link #createStorage()}. */
  protected final Storage storage() {
    return requireNonNull(storage, "the storage is made before each test; call this from a test");
  }

  @BeforeEach
  final void createStorageUnderTest() {
    storage = createStorage();
  }

  @AfterEach
  final void closeStorageUnderTest() {
    if (storage != null) {
      storage.close();
    }
  }

  @Nested
  @DisplayName("sessions")
  class Sessions extends SessionStoreKit {
    Sessions() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("history queries")
  class HistoryQueries extends SessionQueryKit {
    HistoryQueries() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("full-text search")
  class FullTextSearch extends FullTextSearchKit {
    FullTextSearch() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("transcripts")
  class Transcripts extends TranscriptStoreKit {
    Transcripts() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("contacts")
  class Contacts extends ContactStoreKit {
    Contacts() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("tags")
  class Tags extends TagStoreKit {
    Tags() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("templates and stars")
  class Templates extends TemplateStoreKit {
    Templates() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("outbox")
  class Outbox extends OutboxStoreKit {
    Outbox() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("webhook inbox")
  class Inbox extends InboxStoreKit {
    Inbox() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("configuration")
  class Config extends ConfigStoreKit {
    Config() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("tenant isolation")
  class TenantIsolation extends TenantIsolationKit {
    TenantIsolation() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("under concurrent writers")
  class ConcurrentWriters extends ConcurrencyKit {
    ConcurrentWriters() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("erasing a client")
  class Erasure extends ErasureKit {
    Erasure() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("fencing a partition's writers")
  class Fencing extends FencingKit {
    Fencing() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("writing a pass together")
  class Together extends TogetherKit {
    Together() {
      super(StorageTck.this);
    }
  }

  @Nested
  @DisplayName("argument checks")
  class ArgumentChecks extends ArgumentChecksKit {
    ArgumentChecks() {
      super(StorageTck.this);
    }
  }
}
