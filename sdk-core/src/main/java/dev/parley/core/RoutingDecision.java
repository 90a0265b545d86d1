package dev.parley.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Which group an entry goes to under a tenant's settings, and why: the answer of {@link
 * TenantSettings#decide(Entry)}, which applies the very rule matching the engine applies to an
 * arriving client ({@link TenantSettings#matchingRule(Entry)}). An administrator asks it to try
 * his routing rules before clients meet them.
 *
 * <pre>{@code
 * RoutingDecision d = settings.decide(Entry.builder(Channel.WEB_CHAT).language("cs").build());
 * d.chosen();  // Optional[cz-support]
 * d.why();     // "rule 2 RoutingRule{→cz-support, language=cs} matched"
 * }</pre>
 *
 * <p>It answers from the settings alone: an arrival may still be refused at the door for what
 * the engine knows at that moment (a blocked client, nobody online, a full queue), and an entry
 * with an invitation code goes to the invitation's operator.
 *
 * <p>Thread safety: immutable.
 *
 * @param group the group chosen, or null when none is ({@link Reason#NO_ROUTE})
 * @param reason how it was chosen
 * @param rule the index (from 0) of the rule that matched, or -1 when no rule decided
 * @param priority the entry's priority in the group's queue: its own plus the matching rule's
 * @param why the decision in words
 */
public record RoutingDecision(@Nullable GroupId group, Reason reason, int rule, int priority, String why) {
  /** Checks that the components agree. */
  public RoutingDecision {
    requireNonNull(reason, "reason");
    requireNonNull(why, "why");
    if ((reason == Reason.RULE) != (rule >= 0)) {
      throw new IllegalArgumentException("a rule index (" + rule + ") goes with reason RULE only, not " + reason);
    }
    if ((group == null) != (reason == Reason.NO_ROUTE)) {
      throw new IllegalArgumentException("a decision " + reason + " must " + (group == null ? "" : "not ") + "name a group");
    }
  }

  /** How a group was chosen. */
  public enum Reason {
    /** The entry asked for a group itself (a widget's group, an IVR choice). */
    GROUP_ASKED,
    /** A routing rule matched; {@link #rule()} says which. */
    RULE,
    /** No rule matched: the tenant's default group. */
    DEFAULT_GROUP,
    /** No rule matched and the tenant has no default group: the arrival is refused. */
    NO_ROUTE
  }

  /** The group chosen; empty when the entry would be refused for want of a route. */
  public Optional<GroupId> chosen() {
    return Optional.ofNullable(group);
  }

  /** The index of the rule that matched, when one did. */
  public OptionalInt matchedRule() {
    return rule < 0 ? OptionalInt.empty() : OptionalInt.of(rule);
  }
}
