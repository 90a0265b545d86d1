package dev.parley.channels.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.parley.channels.RateLimit;
import java.util.function.LongSupplier;

/**
 * A token bucket on an injected nanosecond ticker. {@link #reserve()} takes a token now and says
 * how long the caller must wait before using it; the bucket may go into debt, so callers queue up
 * fairly instead of being refused.
 *
 * <p>Thread safety: safe for concurrent use; guarded by its own lock.
 */
public final class TokenBucket {
  private final double perNano;
  private final double burst;
  private final LongSupplier ticker;

  @GuardedBy("this")
  private double tokens;

  @GuardedBy("this")
  private long last;

  /** A full bucket for {@code limit}, timed by {@code ticker}. */
  public TokenBucket(RateLimit limit, LongSupplier ticker) {
    this.perNano = limit.perSecond() / 1e9;
    this.burst = limit.burst();
    this.ticker = ticker;
    this.tokens = burst;
    this.last = ticker.getAsLong();
  }

  /** Takes one token; returns the nanoseconds to wait before the call may go (0: at once). */
  public synchronized long reserve() {
    long now = ticker.getAsLong();
    tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
  }
}
