package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import java.util.List;

/**
 * A row of the redirect picker: one group with at least one logged-in operator, its online / busy
 * / away counts and waiting clients, and the same per operator.
 *
 * <p>Online counts every operator who is {@code ONLINE}, busy those of them with at least one
 * session in hand; away those who are {@code AWAY}.
 *
 * <p>Thread safety: immutable.
 *
 * @param group the group
 * @param online operators online
 * @param busy online operators with at least one session
 * @param away operators away
 * @param waiting clients waiting for the group
 * @param operators the group's logged-in operators
 */
public record GroupCounts(GroupId group, int online, int busy, int away, int waiting, List<OperatorRow> operators) {
  /** Copies the list. */
  public GroupCounts {
    requireNonNull(group, "group");
    operators = List.copyOf(operators);
  }

  /**
   * One logged-in operator of the group.
   *
   * @param operator the operator
   * @param status his status
   * @param sessions the sessions he has in hand (offered to him alone, active, wrap-up)
   * @param waiting clients waiting for him alone
   */
  public record OperatorRow(OperatorId operator, OperatorStatus status, int sessions, int waiting) {
    /** Checks the components. */
    public OperatorRow {
      requireNonNull(operator, "operator");
      requireNonNull(status, "status");
    }
  }
}
