package dev.parley.core.stats;

/**
 * Where each figure sits in a {@link SlidingWindow}: the service figures, kept for groups and
 * operators alike, first; then those only a group keeps. Times are sums in nanoseconds.
 */
final class Figure {
  /** Sessions accepted. */
  static final int ANSWERED = 0;
  /** Sessions whose handling (acceptance to end) was timed. */
  static final int HANDLED = 1;
  static final int HANDLE_NANOS = 2;
  /** Wrap-ups completed after a timed end. */
  static final int WRAPPED_UP = 3;
  static final int WRAP_UP_NANOS = 4;
  /** How many figures an operator keeps. */
  static final int SERVICE_FIGURES = 5;

  /** Sessions accepted within the group's service-level threshold. */
  static final int IN_THRESHOLD = 5;
  static final int ABANDONED = 6;
  /** Waits that ended in an answer, summed. */
  static final int ANSWERED_WAIT_NANOS = 7;
  /** Waits that ended in the client leaving, summed. */
  static final int ABANDONED_WAIT_NANOS = 8;
  /** Acceptances that followed an offer, and the time from the offer to the acceptance. */
  static final int OFFERS_ACCEPTED = 9;
  static final int OFFER_NANOS = 10;
  /** Where the accuracy of first estimates starts (four figures: see {@link #ESTIMATES}). */
  static final int FIRST_ESTIMATES = 11;
  /** Where the accuracy of every estimate starts. */
  static final int ALL_ESTIMATES = 15;
  /** How many figures a group keeps. */
  static final int GROUP_FIGURES = 19;

  /** Offsets of an accuracy's figures from its start: how many, how many within the tolerance, errors summed. */
  static final int ESTIMATES = 0;
  static final int WITHIN = 1;
  static final int ABSOLUTE_ERROR_NANOS = 2;
  static final int ERROR_NANOS = 3;
  static final int ACCURACY_FIGURES = 4;

  private Figure() {}
}
