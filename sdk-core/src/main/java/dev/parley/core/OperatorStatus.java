package dev.parley.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An operator's status: {@link Presence} and, when away, an optional reason (lunch, personal, or
 * a tenant's own).
 *
 * <p>Thread safety: immutable.
 *
 * @param presence online, away or offline
 * @param reason why the operator is away; only with {@link Presence#AWAY}
 */
public record OperatorStatus(Presence presence, @Nullable String reason) {
  /** Online: receives new sessions. The status after login. */
  public static final OperatorStatus ONLINE = new OperatorStatus(Presence.ONLINE, null);
  /** Away with no reason given. */
  public static final OperatorStatus AWAY = new OperatorStatus(Presence.AWAY, null);
  /** Logged out. */
  public static final OperatorStatus OFFLINE = new OperatorStatus(Presence.OFFLINE, null);

  /** Checks that only an away status carries a reason. */
  public OperatorStatus {
    Objects.requireNonNull(presence, "presence");
    if (reason != null) {
      if (presence != Presence.AWAY) {
        throw new IllegalArgumentException(
            "only AWAY carries a reason, not " + presence + " (reason: " + reason + ")");
      }
      Ids.check("away reason", reason);
    }
  }

  /** Away for the given reason, e.g. {@code "lunch"}. */
  public static OperatorStatus away(String reason) {
    return new OperatorStatus(Presence.AWAY, Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public String toString() {
    return reason == null ? presence.toString() : presence + "(" + reason + ")";
  }
}
