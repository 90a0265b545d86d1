package dev.parley.channels.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.BlockedClientException;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.InboundResult.Skipped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every delivery: drops items of blocked clients, then items whose vendor id was
 * seen within the window. Ids are remembered only once the whole delivery passed, so a refused
 * request or a failing blacklist lookup leaves no trace. Items the adapter could not read are
 * logged at {@code warn} with the vendor's id and passed on in {@link
 * InboundResult.Delivery#skipped()}.
 *
 * <p>Thread safety: safe for concurrent deliveries; of two racing deliveries of one id exactly one
 * gets it (the cache's {@code putIfAbsent}).
 */
public final class InboundGate {
  private static final Logger log = LoggerFactory.getLogger(InboundGate.class);

  private final String vendor;
  private final Cache<String, Boolean> seen;
  private final Predicate<ClientRef> blocked;

  /** Remembers up to {@code maxIds} ids for {@code window} each, timed by {@code clock}. */
  public InboundGate(String vendor, Duration window, long maxIds, Predicate<ClientRef> blocked, Clock clock) {
    this.vendor = vendor;
    this.blocked = blocked;
    this.seen = Caffeine.newBuilder()
        .expireAfterWrite(window)
        .maximumSize(maxIds)
        .ticker(ticker(clock))
        .executor(Runnable::run)
        .build();
  }

  /** Filters the items of {@code batch} and wraps them in a delivery answered with {@code reply}. */
  public InboundResult.Delivery admit(Batch batch, HttpReply reply) {
    return admit(batch, reply, false);
  }

  /**
   * Like {@link #admit(Batch, HttpReply)}, but a blocked client fails the whole request with {@link
   * BlockedClientException} when {@code refuseBlocked} (interactive channels), remembering nothing.
   */
  public InboundResult.Delivery admit(Batch batch, HttpReply reply, boolean refuseBlocked) {
    List<InboundItem> items = batch.items();
    Set<ClientRef> refused = new LinkedHashSet<>();
    Set<String> inBatch = new HashSet<>();
    List<InboundItem> candidates = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    for (InboundItem item : items) {
      if (refused.contains(item.client()) || blocked.test(item.client())) {
        if (refuseBlocked) {
          throw new BlockedClientException(item.client());
        }
        refused.add(item.client());
      } else if (inBatch.add(item.id())) {
        candidates.add(item);
      } else {
        duplicates.add(item.id());
      }
    }
    List<InboundItem> admitted = new ArrayList<>();
    for (InboundItem item : candidates) {
      if (seen.asMap().putIfAbsent(vendor + ':' + item.id(), Boolean.TRUE) == null) {
        admitted.add(item);
      } else {
        duplicates.add(item.id());
      }
    }
    for (Skipped s : batch.skipped()) {
      log.warn("{}: skipped item {} of a delivery, the others were taken: {}", vendor, s.vendorId(), s.reason());
    }
    return new InboundResult.Delivery(admitted, duplicates, List.copyOf(refused), batch.skipped(), reply);
  }

  private static Ticker ticker(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }
}
