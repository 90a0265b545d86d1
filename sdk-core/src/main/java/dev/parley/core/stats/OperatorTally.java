package dev.parley.core.stats;

import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;

/**
 * One operator's figures: sessions in hand now, and his service over the window.
 *
 * <p>Thread safety: none; its tenant's lock guards it.
 */
final class OperatorTally {
  final OperatorId id;
  final SlidingWindow window;
  int inHand;

  OperatorTally(OperatorId id, SlidingWindow window) {
    this.id = id;
    this.window = window;
  }

  OperatorStatistics read(long now, OperatorStatus status) {
    window.advance(now);
    return new OperatorStatistics(id, status, inHand, ServiceFigures.read(window::inWindow));
  }
}
