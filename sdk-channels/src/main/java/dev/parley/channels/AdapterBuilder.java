package dev.parley.channels;

import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.InboundGate;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.MessagingWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The settings every adapter's builder has: the clock, the host's blacklist lookup, how long vendor
 * ids are remembered to drop duplicates, and the largest body accepted.
 *
 * <p>The blacklist lookup is called on the thread that calls {@code receive}, once per client in a
 * delivery, before anything about him is kept; it may block (a storage query), and whatever it
 * throws fails that {@code receive} without side effects.
 *
 * @param <B> the concrete builder
 */
public abstract class AdapterBuilder<B extends AdapterBuilder<B>> {
  private Clock clock = Clock.systemUTC();
  private Predicate<ClientRef> blocked = client -> false;
  private Duration deduplicationWindow;
  private long maxRememberedIds = 100_000;
  private int maxInboundBytes;
  private @Nullable MessagingWindow messagingWindow;

  /** With the adapter's defaults for the window and the size limit. */
  protected AdapterBuilder(Duration deduplicationWindow, int maxInboundBytes) {
    this.deduplicationWindow = deduplicationWindow;
    this.maxInboundBytes = maxInboundBytes;
  }

  /** The clock for instants and for forgetting ids; default the system clock. */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** The host's blacklist: true for a client whose input must be dropped. Default: nobody. */
  public B blocked(Predicate<ClientRef> blocked) {
    this.blocked = Objects.requireNonNull(blocked, "blocked");
    return self();
  }

  /** How long a vendor id is remembered to drop redelivery; at least the vendor's retry period. */
  public B deduplicationWindow(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the deduplication window must be positive, not " + window);
    }
    this.deduplicationWindow = window;
    return self();
  }

  /** How many ids are remembered at most; the oldest are forgotten first. Default 100 000. */
  public B maxRememberedIds(long max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxRememberedIds must be at least 1, not " + max);
    }
    this.maxRememberedIds = max;
    return self();
  }

  /** The largest request body, in bytes; larger ones are refused unread. */
  public B maxInboundBytes(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxInboundBytes must be at least 1, not " + bytes);
    }
    this.maxInboundBytes = bytes;
    return self();
  }

  /**
   * Overrides the channel's messaging window (when free-form messages may be sent), for when the
   * vendor changes its rules or the account has other terms.
   */
  public B messagingWindow(MessagingWindow window) {
    this.messagingWindow = Objects.requireNonNull(window, "window");
    return self();
  }

  /** The window set by {@link #messagingWindow(MessagingWindow)}, else the adapter's {@code fallback}. */
  protected final MessagingWindow messagingWindowOr(MessagingWindow fallback) {
    return messagingWindow != null ? messagingWindow : fallback;
  }

  /** Checks a required setting: not null, not blank. */
  protected static String nonBlank(String what, @Nullable String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  /** This builder, typed. */
  protected abstract B self();

  /** The inbound settings, with a fresh gate whose ids are prefixed with {@code vendor}. */
  protected final Inbound inbound(String vendor) {
    return new Inbound(new InboundGate(vendor, deduplicationWindow, maxRememberedIds, blocked, clock), clock, maxInboundBytes);
  }

  /** The clock set. */
  protected final Clock clock() {
    return clock;
  }
}
