package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a session went where it went: how its group was chosen, the last offer made for it with
 * the chosen operator's key and the number of candidates then, and every operator of the tenant
 * as a candidate <em>now</em> — eligible ones in the order the group's strategy would pick them,
 * with their keys; the others with the reason they are excluded.
 *
 * <pre>{@code
 * Explanation why = core.explain(sessionId);
 * System.out.println(why);   // a readable multi-line account
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param session the session
 * @param state its state
 * @param routedBy how its group or operator was chosen, in words
 * @param group its group, or null
 * @param waitsFor the one operator it is directed to, or null
 * @param strategy its group's strategy, or null when directed to one operator
 * @param lastOffer the last offer to one operator, or null
 * @param candidates the tenant's operators as candidates for it now
 */
public record Explanation(
    SessionId session,
    SessionState state,
    String routedBy,
    @Nullable GroupId group,
    @Nullable OperatorId waitsFor,
    @Nullable RoutingStrategy strategy,
    @Nullable Offer lastOffer,
    List<Candidate> candidates) {

  /** Copies the list. */
  public Explanation {
    requireNonNull(session, "session");
    requireNonNull(state, "state");
    requireNonNull(routedBy, "routedBy");
    candidates = List.copyOf(candidates);
  }

  /** The last offer, when there was one. */
  public Optional<Offer> offer() {
    return Optional.ofNullable(lastOffer);
  }

  /** Why an operator is not a candidate. */
  public enum Exclusion {
    /** Not a member of the session's group (or not the operator it is directed to). */
    NOT_IN_GROUP,
    /** Logged out. */
    OFFLINE,
    /** Away. */
    AWAY,
    /** Online, but his last console is gone: offered nothing until one connects again. */
    DISCONNECTED,
    /** The session's channel is not assigned to him. */
    CHANNEL_NOT_ASSIGNED,
    /** He switched the channel off. */
    CHANNEL_OFF,
    /** His phone line is not available. */
    NO_PHONE_LINE,
    /** At capacity on the channel. */
    FULL,
    /** He has an exclusive session (a call) in hand. */
    IN_EXCLUSIVE_SESSION,
    /** The channel is exclusive and he has other sessions in hand. */
    NOT_FREE_FOR_EXCLUSIVE,
    /** He declined this session or let its offer time out; asked again only when nobody else can. */
    PASSED
  }

  /**
   * An offer to one operator.
   *
   * @param operator who got it
   * @param candidates how many operators could take it then
   * @param key the operator's key then, in words (load, idle time, turn)
   */
  public record Offer(OperatorId operator, int candidates, String key) {
    /** Checks the components. */
    public Offer {
      requireNonNull(operator, "operator");
      requireNonNull(key, "key");
    }
  }

  /**
   * One operator as a candidate.
   *
   * @param operator the operator
   * @param exclusion why he is excluded, or null when he is a candidate
   * @param key his routing key in words, e.g. {@code "load 1/4, idle since 2026-…"}
   */
  public record Candidate(OperatorId operator, @Nullable Exclusion exclusion, String key) {
    /** Checks the components. */
    public Candidate {
      requireNonNull(operator, "operator");
      requireNonNull(key, "key");
    }

    /** Whether the group's strategy would consider him now. */
    public boolean eligible() {
      return exclusion == null;
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append("session ").append(session).append(" is ").append(state).append('\n');
    s.append("  routed by: ").append(routedBy).append('\n');
    if (strategy != null) {
      s.append("  group ").append(group).append(", ").append(strategy).append('\n');
    }
    if (waitsFor != null) {
      s.append("  directed to ").append(waitsFor).append('\n');
    }
    if (lastOffer != null) {
      s.append("  last offer: ").append(lastOffer.operator()).append(" (").append(lastOffer.key())
          .append("), best of ").append(lastOffer.candidates()).append('\n');
    }
    for (Candidate c : candidates) {
      s.append("  ").append(c.eligible() ? "candidate " : "excluded  ").append(c.operator());
      if (!c.eligible()) {
        s.append(": ").append(c.exclusion());
      }
      s.append(" — ").append(c.key()).append('\n');
    }
    return s.toString();
  }
}
