package dev.parley.core.internal;

import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is older than the retention period from storage: closed sessions with their
 * transcripts, ended or expired invitations, and outbox records, of every stored tenant, each by
 * its own {@linkplain dev.parley.core.TenantSettings#historyRetention retention} or else the
 * engine's; a tenant with neither keeps everything.
 *
 * <p>Concurrency: {@link #runIfDue} may be called from any thread; runs do not overlap.
 */
final class HistoryPurge {
  /** How often a purge runs at most. */
  static final Duration EVERY = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);

  private final Storage storage;
  private final Clock clock;
  private final @Nullable Duration retention;
  private final Function<String, Optional<Duration>> tenantRetention;
  private Instant lastRun = Instant.MIN;

  /**
   * @param retention the engine's retention, or null: for ever
   * @param tenantRetention a tenant's own retention by its id, from its settings
   */
  HistoryPurge(Storage storage, Clock clock, @Nullable Duration retention,
      Function<String, Optional<Duration>> tenantRetention) {
    this.storage = storage;
    this.clock = clock;
    this.retention = retention;
    this.tenantRetention = tenantRetention;
  }

  /** Purges if the last purge was {@link #EVERY} ago or more; a storage failure waits for the next. */
  synchronized void runIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(lastRun.plus(EVERY))) {
      return;
    }
    lastRun = now;
    try {
      for (String tenant : storage.config().tenants()) {
        Optional<Duration> kept = tenantRetention.apply(tenant).or(() -> Optional.ofNullable(retention));
        if (kept.isPresent()) {
          Instant cutoff = now.minus(kept.get());
          int sessions = storage.sessions().purgeClosedBefore(tenant, cutoff);
          int invitations = storage.invitations().purgeEndedBefore(tenant, cutoff);
          int outbox = storage.outbox().purgeBefore(tenant, cutoff);
          log.info("purged {}'s history before {}: {} sessions, {} invitations, {} outbox records", tenant, cutoff,
              sessions, invitations, outbox);
        }
      }
    } catch (StorageException e) {
      log.warn("could not purge history; trying again in {}", EVERY, e);
    }
  }
}
