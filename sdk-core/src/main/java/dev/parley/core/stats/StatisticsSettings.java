package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How live statistics are kept: the window the service figures slide over, the service-level
 * threshold (per group where it differs), the error a wait estimate may have and still count as
 * right, and the history kept of the figures.
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
  /**
   * A 30-minute window in 30 buckets, answers within 20 s count, estimates within ±30 s are right,
   * a sample a minute kept for six hours.
   */
  public static final StatisticsSettings DEFAULTS = builder().build();

  /** The most samples a group's history holds. */
  public static final int MAX_SAMPLES = 10_080;

  private final Duration window;
  private final int buckets;
  private final Duration serviceLevelThreshold;
  private final Map<GroupId, Duration> thresholds;
  private final Duration estimateTolerance;
  private final Duration historySpan;
  private final Duration historyEvery;

  private StatisticsSettings(Builder b) {
    this.window = b.window;
    this.buckets = b.buckets;
    this.serviceLevelThreshold = b.serviceLevelThreshold;
    this.thresholds = Map.copyOf(b.thresholds);
    this.estimateTolerance = b.estimateTolerance;
    this.historySpan = b.historySpan;
    this.historyEvery = b.historyEvery;
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

  /** How far back the figures' history reaches ({@link LiveStatistics#history}). */
  public Duration historySpan() {
    return historySpan;
  }

  /** How often the figures are sampled into their history. */
  public Duration historyEvery() {
    return historyEvery;
  }

  /** Configures {@link StatisticsSettings}; each setter checks its argument at once. */
  public static final class Builder {
    private Duration window = Duration.ofMinutes(30);
    private int buckets = 30;
    private Duration serviceLevelThreshold = Duration.ofSeconds(20);
    private final Map<GroupId, Duration> thresholds = new HashMap<>();
    private Duration estimateTolerance = Duration.ofSeconds(30);
    private Duration historySpan = Duration.ofHours(6);
    private Duration historyEvery = Duration.ofMinutes(1);

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

    /**
     * The history kept of each group's figures: a sample every {@code every}, for the last {@code
     * span}; default one a minute for six hours. A group's history costs about 80 bytes a sample.
     *
     * @throws IllegalArgumentException unless {@code every} is from one second to one hour and the
     *     span holds 1 to 10,080 samples
     */
    public Builder history(Duration span, Duration every) {
      requireNonNull(span, "span");
      requireNonNull(every, "every");
      if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("samples must be from one second to one hour apart, not " + every);
      }
      long samples = span.dividedBy(every);
      if (samples < 1 || samples > MAX_SAMPLES) {
        throw new IllegalArgumentException("a history of " + span + " sampled every " + every + " holds " + samples
            + " samples, not 1 to " + MAX_SAMPLES);
      }
      this.historySpan = span;
      this.historyEvery = every;
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
