package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How live statistics are kept: the window the service figures slide over, the service-level
 * threshold (per group where it differs), and the error a wait estimate may have and still count as
 * right.
 *
 * <pre>{@code
 * Parley.builder().statistics(StatisticsSettings.builder()
 *     .window(Duration.ofMinutes(15))
 *     .serviceLevelThreshold(Duration.ofSeconds(20))
 *     .serviceLevelThreshold(GroupId.of("vip"), Duration.ofSeconds(10))
 *     .build());
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class StatisticsSettings {
  /** A 30-minute window in 30 buckets, answers within 20 s count, estimates within ±30 s are right. */
  public static final StatisticsSettings DEFAULTS = builder().build();

  private final Duration window;
  private final int buckets;
  private final Duration serviceLevelThreshold;
  private final Map<GroupId, Duration> thresholds;
  private final Duration estimateTolerance;

  private StatisticsSettings(Builder b) {
    this.window = b.window;
    this.buckets = b.buckets;
    this.serviceLevelThreshold = b.serviceLevelThreshold;
    this.thresholds = Map.copyOf(b.thresholds);
    this.estimateTolerance = b.estimateTolerance;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How far back the figures over a window reach. */
  public Duration window() {
    return window;
  }

  /** How many steps the window slides in: it moves forward one {@code window / buckets} at a time. */
  public int buckets() {
    return buckets;
  }

  /** The service-level threshold of a group: its own, or the default one. */
  public Duration serviceLevelThreshold(GroupId group) {
    return thresholds.getOrDefault(requireNonNull(group, "group"), serviceLevelThreshold);
  }

  /** The largest error for which an estimate counts as right. */
  public Duration estimateTolerance() {
    return estimateTolerance;
  }

  /** Configures {@link StatisticsSettings}; each setter checks its argument at once. */
  public static final class Builder {
    private Duration window = Duration.ofMinutes(30);
    private int buckets = 30;
    private Duration serviceLevelThreshold = Duration.ofSeconds(20);
    private final Map<GroupId, Duration> thresholds = new HashMap<>();
    private Duration estimateTolerance = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * How far back the figures over a window reach; default 30 minutes.
     *
     * @throws IllegalArgumentException unless from one minute to one week
     */
    public Builder window(Duration window) {
      requireNonNull(window, "window");
      if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("the window must be from one minute to one week, not " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * How many steps the window slides in; default 30. More steps slide more smoothly and cost a
     * little more memory per group and operator.
     *
     * @throws IllegalArgumentException unless 1 to 1,440
     */
    public Builder buckets(int buckets) {
      if (buckets < 1 || buckets > 1_440) {
        throw new IllegalArgumentException("buckets must be 1..1440, not " + buckets);
      }
      this.buckets = buckets;
      return this;
    }

    /** The wait within which an answer counts toward the service level; default 20 s. */
    public Builder serviceLevelThreshold(Duration threshold) {
      this.serviceLevelThreshold = checkThreshold(threshold);
      return this;
    }

    /** One group's service-level threshold, where it differs from the default one. */
    public Builder serviceLevelThreshold(GroupId group, Duration threshold) {
      thresholds.put(requireNonNull(group, "group"), checkThreshold(threshold));
      return this;
    }

    /** The largest error for which an estimate counts as right; default 30 s. */
    public Builder estimateTolerance(Duration tolerance) {
      requireNonNull(tolerance, "tolerance");
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException("the estimate tolerance must not be negative, not " + tolerance);
      }
      this.estimateTolerance = tolerance;
      return this;
    }

    private static Duration checkThreshold(Duration threshold) {
      requireNonNull(threshold, "threshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("a service-level threshold must not be negative, not " + threshold);
      }
      return threshold;
    }

    /** Builds the settings. */
    public StatisticsSettings build() {
      return new StatisticsSettings(this);
    }
  }
}
