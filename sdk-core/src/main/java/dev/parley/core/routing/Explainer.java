package dev.parley.core.routing;

import dev.parley.core.Channel;
import dev.parley.core.Presence;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Builds {@link Explanation}s from the core's state; a read, off the routing path. */
final class Explainer {
  private static final Channel[] CHANNELS = OperatorState.CHANNELS;

  private Explainer() {}

  static Explanation explain(
      LiveSession s, Collection<OperatorState> operators, List<RoutingRule> rules, CandidateIndex index) {
    String routedBy;
    switch (s.routedBy) {
      case LiveSession.BY_GROUP_ASKED:
        routedBy = "the entry asked for group " + s.group.id;
        break;
      case LiveSession.BY_DEFAULT_GROUP:
        routedBy = "no rule matched; the tenant's default group";
        break;
      case LiveSession.BY_INVITATION:
        routedBy = "invitation code of operator " + (s.target != null ? s.target.id : "?");
        break;
      case LiveSession.BY_REOPENING:
        routedBy = "reopening " + s.reopens + " in its group";
        break;
      case LiveSession.BY_OUTREACH:
        routedBy = "operator " + (s.target != null ? s.target.id : "?") + " reached out to the client"
            + (s.reopens != null ? ", continuing " + s.reopens : "");
        break;
      case LiveSession.BY_RESTORE:
        routedBy = "restored from storage after a restart, in " + (s.target != null ? "operator " + s.target.id : "group " + s.group.id);
        break;
      default:
        routedBy = "rule " + (s.routedBy + 1) + (s.routedBy < rules.size() ? " " + rules.get(s.routedBy) : " (rules changed since)");
    }
    if (s.chatbot != null) {
      routedBy += "; first responder chatbot " + s.chatbot;
    }
    if (s.movedFor != null) {
      routedBy += "; then " + s.movedFor.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " by " + s.movedBy
          + " at " + s.movedAt + (s.target != null ? " to operator " + s.target.id : " to group " + s.group.id);
    }
    RoutingStrategy strategy = s.target == null && s.group != null ? s.group.strategy() : null;
    Explanation.Offer offer = null;
    OperatorState holder = s.operator;
    if (holder != null && s.offeredAt != null) {
      offer = new Explanation.Offer(holder.id, s.offerCandidates,
          key(strategy, s.offerLoad, s.offerCapacity, s.offerIdleSince, s.offerTurn));
    }
    List<Explanation.Candidate> eligible = new ArrayList<>();
    List<Member> eligibleMembers = new ArrayList<>();
    List<Explanation.Candidate> excluded = new ArrayList<>();
    for (OperatorState op : operators) {
      Member m = null;
      for (Member x : op.members) {
        if (x.group == s.group && x.channel == s.channel) {
          m = x;
        }
      }
      boolean inScope = s.target != null ? s.target == op : s.group != null && op.groups.contains(s.group);
      Explanation.Exclusion why = !inScope ? Explanation.Exclusion.NOT_IN_GROUP : exclusion(op, s);
      String key = key(strategy, op.load(s.channel), op.capacity(s.channel), op.changedAt(s.channel),
          m == null ? 0 : index.lastOffer(m.number));
      if (why == null && s.passedBy.contains(op)) {
        why = Explanation.Exclusion.PASSED;
      }
      if (why == null) {
        eligible.add(new Explanation.Candidate(op.id, null, key));
        eligibleMembers.add(m);
      } else {
        excluded.add(new Explanation.Candidate(op.id, why, key));
      }
    }
    if (strategy != null) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < eligible.size(); i++) {
        order.add(i);
      }
      order.sort((a, b) -> index.compare(eligibleMembers.get(a), eligibleMembers.get(b)));
      List<Explanation.Candidate> sorted = new ArrayList<>();
      for (int i : order) {
        sorted.add(eligible.get(i));
      }
      eligible = sorted;
    }
    eligible.addAll(excluded);
    return new Explanation(s.id, s.state, routedBy, s.group == null ? null : s.group.id,
        s.target == null ? null : s.target.id, strategy, offer, eligible);
  }

  private static Explanation.@Nullable Exclusion exclusion(OperatorState op, LiveSession s) {
    int c = s.channel;
    if (op.status().presence() == Presence.OFFLINE) {
      return Explanation.Exclusion.OFFLINE;
    }
    if (op.status().presence() == Presence.AWAY) {
      return Explanation.Exclusion.AWAY;
    }
    if (op.gone()) {
      return Explanation.Exclusion.DISCONNECTED;
    }
    if (op.capacity(c) == 0) {
      return Explanation.Exclusion.CHANNEL_NOT_ASSIGNED;
    }
    if (!op.switchedOn(c)) {
      return Explanation.Exclusion.CHANNEL_OFF;
    }
    if (CHANNELS[c].needsPhoneLine() && !op.phoneLine()) {
      return Explanation.Exclusion.NO_PHONE_LINE;
    }
    if (op.exclusiveLoad() > 0) {
      return Explanation.Exclusion.IN_EXCLUSIVE_SESSION;
    }
    if (CHANNELS[c].exclusive() && op.totalLoad() > 0) {
      return Explanation.Exclusion.NOT_FREE_FOR_EXCLUSIVE;
    }
    if (op.load(c) >= op.capacity(c)) {
      return Explanation.Exclusion.FULL;
    }
    return null;
  }

  private static String key(@Nullable RoutingStrategy strategy, int load, int capacity, long idleSince, long turn) {
    String loadText = "load " + load + "/" + capacity;
    String idle = "idle since " + Instant.ofEpochSecond(0, idleSince);
    if (strategy == null) {
      return loadText;
    }
    switch (strategy) {
      case BY_UTILIZATION:
        return loadText + ", " + idle;
      case LONGEST_IDLE:
        return idle + ", " + loadText;
      case ROUND_ROBIN:
        return "turn " + turn + ", " + loadText;
      default:
        return loadText;
    }
  }
}
