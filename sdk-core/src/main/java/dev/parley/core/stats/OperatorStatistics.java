package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;

/**
 * One operator's live statistics: his status and sessions in hand now, and what he served over the
 * statistics window.
 *
 * <p>Thread safety: immutable.
 *
 * @param operator the operator
 * @param status his status now ({@code OFFLINE} for an operator the routing state does not know)
 * @param inHand sessions he accepted and is not yet done with (active or in wrap-up)
 * @param service what he served in the window
 */
public record OperatorStatistics(OperatorId operator, OperatorStatus status, int inHand, ServiceFigures service) {
  /** Checks the components. */
  public OperatorStatistics {
    requireNonNull(operator, "operator");
    requireNonNull(status, "status");
    requireNonNull(service, "service");
  }
}
