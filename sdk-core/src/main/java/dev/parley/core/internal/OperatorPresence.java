package dev.parley.core.internal;

import dev.parley.core.Channel;
import dev.parley.core.OperatorStatus;
import java.util.Objects;
import java.util.Set;

/**
 * What an operator changes about himself while at work, kept beside his {@link
 * dev.parley.core.OperatorSpec} so a restart finds him as he was.
 *
 * @param status his presence and away reason
 * @param switchedOff the assigned channels he has switched off
 * @param phoneLine whether his phone line is available
 * @param tracked whether the engine was ever told of a console of his: after a restart he is taken
 *     to be gone, with his grace to come back
 */
record OperatorPresence(OperatorStatus status, Set<Channel> switchedOff, boolean phoneLine, boolean tracked) {
  /** Checks the status and copies the set. */
  OperatorPresence {
    Objects.requireNonNull(status, "status");
    switchedOff = Set.copyOf(switchedOff);
  }
}
