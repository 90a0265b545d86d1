package dev.parley.core.internal;

import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is older than the retention period from storage: closed sessions with their
 * transcripts, ended or expired invitations, and outbox records, of every stored tenant.
 *
 * <p>Concurrency: {@link #runIfDue} may be called from any thread; runs do not overlap.
 */
final class HistoryPurge {
  /** How often a purge runs at most. */
  static final Duration EVERY = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(HistoryPurge.class);

  private final Storage storage;
  private final Clock clock;
  private final Duration retention;
  private Instant lastRun = Instant.MIN;

  HistoryPurge(Storage storage, Clock clock, Duration retention) {
    this.storage = storage;
    this.clock = clock;
    this.retention = retention;
  }

  /** Purges if the last purge was {@link #EVERY} ago or more; a storage failure waits for the next. */
  synchronized void runIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(lastRun.plus(EVERY))) {
      return;
    }
    lastRun = now;
    Instant cutoff = now.minus(retention);
    try {
      int sessions = 0;
      int invitations = 0;
      int outbox = 0;
      for (String tenant : storage.config().tenants()) {
        sessions += storage.sessions().purgeClosedBefore(tenant, cutoff);
        invitations += storage.invitations().purgeEndedBefore(tenant, cutoff);
        outbox += storage.outbox().purgeBefore(tenant, cutoff);
      }
      log.info("purged history before {}: {} sessions, {} invitations, {} outbox records", cutoff, sessions,
          invitations, outbox);
    } catch (StorageException e) {
      log.warn("could not purge history before {}; trying again in {}", cutoff, EVERY, e);
    }
  }
}
