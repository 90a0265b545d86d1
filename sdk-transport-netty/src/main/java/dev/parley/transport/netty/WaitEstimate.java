package dev.parley.transport.netty;

import dev.parley.core.TenantId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The estimated wait a waiting client is told: {@code position × average handle time ÷ operators
 * online in his group} (at least one), rounded up to whole seconds. The average handle time is an
 * exponentially weighted average (weight {@value #WEIGHT} for the newest) of the time from
 * acceptance to the end of the tenant's recent sessions, {@link #DEFAULT_HANDLE} until one ended.
 * A rough figure for the widget, not a forecast.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
final class WaitEstimate {
  static final Duration DEFAULT_HANDLE = Duration.ofMinutes(3);
  static final double WEIGHT = 0.1;

  private final Map<TenantId, Double> handleSeconds = new ConcurrentHashMap<>();

  /** A session of {@code tenant} was handled for {@code handled}. */
  void handled(TenantId tenant, Duration handled) {
    double seconds = Math.max(0, handled.toMillis() / 1000.0);
    handleSeconds.merge(tenant, seconds, (old, now) -> old + WEIGHT * (now - old));
  }

  /** The wait for the client at {@code position} in a group with {@code online} operators. */
  long seconds(TenantId tenant, int position, int online) {
    double handle = handleSeconds.getOrDefault(tenant, (double) DEFAULT_HANDLE.toSeconds());
    return (long) Math.ceil(position * handle / Math.max(1, online));
  }
}
