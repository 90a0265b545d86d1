package dev.parley.core.stats;

import dev.parley.core.GroupId;
import java.time.Duration;

/**
 * One group's figures: the clients waiting now, longest-waiting first (O(1) to enter or leave as
 * events come), sessions in service, and its service and queue figures over the window.
 *
 * <p>Thread safety: none; its tenant's lock guards it.
 */
final class GroupTally {
  final GroupId id;
  final SlidingWindow window;
  final Duration threshold;
  private final long thresholdNanos;
  final WaitingTracks waiting = new WaitingTracks();
  private final WaitEstimator estimator = new WaitEstimator();
  int inService;

  GroupTally(GroupId id, SlidingWindow window, Duration threshold) {
    this.id = id;
    this.window = window;
    this.threshold = threshold;
    this.thresholdNanos = TenantTally.nanos(threshold);
  }

  /** A client's wait ended in an answer at {@code at}. */
  void answered(Track t, long at) {
    long wait = at - t.waitingSince;
    window.add(at, Figure.IN_THRESHOLD, wait <= thresholdNanos ? 1 : 0);
    window.add(at, Figure.ANSWERED_WAIT_NANOS, wait);
    if (t.offeredAt != Track.NONE) {
      window.add(at, Figure.OFFERS_ACCEPTED, 1);
      window.add(at, Figure.OFFER_NANOS, at - t.offeredAt);
    }
  }

  /** A client left at {@code at} while waiting. */
  void abandoned(Track t, long at) {
    window.add(at, Figure.ABANDONED, 1);
    window.add(at, Figure.ABANDONED_WAIT_NANOS, at - t.waitingSince);
  }

  /**
   * Takes the group's figures at {@code now} for the estimates of {@link #estimateNanos} that
   * follow at the same instant; false when they cannot tell (see {@link WaitEstimator}).
   */
  boolean canEstimate(long now) {
    window.advance(now);
    double holding = mean(Figure.HANDLE_NANOS, Figure.HANDLED) + mean(Figure.WRAP_UP_NANOS, Figure.HANDLED);
    double abandons = ratio(Figure.ABANDONED, Figure.ANSWERED_WAIT_NANOS, Figure.ABANDONED_WAIT_NANOS);
    double offer = mean(Figure.OFFER_NANOS, Figure.OFFERS_ACCEPTED);
    return estimator.figures(inService, holding, abandons, offer);
  }

  /** The expected wait at a 1-based place in nanoseconds, by the figures {@link #canEstimate} took. */
  double estimateNanos(int position) {
    return estimator.waitNanos(position);
  }

  GroupStatistics read(long now, int online, int busy, int away, Duration tolerance) {
    window.advance(now);
    Track longestWaiting = waiting.first();
    Duration longest = longestWaiting == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - longestWaiting.waitingSince));
    return new GroupStatistics(id, waiting.size(), longest, online, busy, away, inService, threshold,
        window.inWindow(Figure.IN_THRESHOLD), window.inWindow(Figure.ABANDONED),
        Duration.ofNanos(window.inWindow(Figure.ANSWERED_WAIT_NANOS)), ServiceFigures.read(window::inWindow),
        EstimateAccuracy.read(window::inWindow, Figure.FIRST_ESTIMATES, tolerance),
        EstimateAccuracy.read(window::inWindow, Figure.ALL_ESTIMATES, tolerance));
  }

  /** A mean over the window, or since the start when the window has none; 0 when neither has. */
  private double mean(int sum, int count) {
    return ratio(sum, count, -1);
  }

  /**
   * {@code numerator / (denominator + other)} over the window, or since the start when that is
   * empty; 0 when both are. {@code other} is -1 for none.
   */
  private double ratio(int numerator, int denominator, int other) {
    long over = window.inWindow(denominator) + (other < 0 ? 0 : window.inWindow(other));
    if (over > 0) {
      return (double) window.inWindow(numerator) / over;
    }
    long ever = window.sinceStart(denominator) + (other < 0 ? 0 : window.sinceStart(other));
    return ever > 0 ? (double) window.sinceStart(numerator) / ever : 0;
  }
}
