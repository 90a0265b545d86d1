package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One step in a stored session's history: the state it moved to, when, who moved it and why.
 *
 * <p>Thread safety: immutable.
 *
 * @param at when the session moved
 * @param status the state it moved to
 * @param actor who moved it, such as {@code client}, {@code operator:alice}, {@code system}
 * @param reason why, such as {@code ACCEPTED}, {@code REDIRECTED}, {@code CLIENT_DISCONNECTED};
 *     null when the state says it all
 * @param group the group it belonged to after the step, or null
 * @param operator the operator concerned (offered to, accepted by, redirected to), or null
 */
public record SessionTransition(
    Instant at,
    SessionStatus status,
    String actor,
    @Nullable String reason,
    @Nullable String group,
    @Nullable String operator) {

  /** Checks the components. */
  public SessionTransition {
    requireNonNull(at, "at must not be null");
    requireNonNull(status, "status must not be null");
    FieldChecks.nonBlank("actor", actor);
  }
}
