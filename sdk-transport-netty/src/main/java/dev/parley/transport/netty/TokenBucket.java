package dev.parley.transport.netty;

/**
 * A connection's message allowance: {@code rate} messages a second on average, up to {@code
 * burst} at once.
 *
 * <p>Thread safety: confined to the connection's event loop.
 */
final class TokenBucket {
  private final double perNano;
  private final int burst;
  private double tokens;
  private long last;

  TokenBucket(int rate, int burst, long now) {
    this.perNano = rate / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token if there is one, at {@code now} nanoseconds. */
  boolean tryTake(long now) {
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
