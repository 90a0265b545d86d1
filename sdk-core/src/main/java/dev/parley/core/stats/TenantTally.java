package dev.parley.core.stats;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.GroupCounts;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's live statistics, kept up to date from its events: each event costs O(1) (an answer
 * one more step per estimate the client was given), and nothing is ever scanned per event.
 *
 * <p>Concurrency: every method holds the instance's lock; events come from one thread at a time
 * (the tenant's listener thread), reads from any.
 */
final class TenantTally {
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
  private final TenantId tenant;
  private final StatisticsSettings settings;
  private final long resolutionNanos;
  private final long toleranceNanos;
  private final Map<GroupId, GroupTally> groups = new LinkedHashMap<>();
  private final Map<OperatorId, OperatorTally> operators = new LinkedHashMap<>();
  private final Map<SessionId, Track> tracks = new HashMap<>();
  /** The track found last: a command's events are mostly about one session. Always one in {@code tracks}. */
  private @Nullable Track lastTrack;
  /** The accuracy of estimates since the start, over every group ever. */
  private final long[] estimatesSinceStart = new long[Figure.GROUP_FIGURES];
  /** The newest instant heard; reads never look earlier. */
  private long latest = Track.NONE;
  /** Each group's history, oldest sample first; no longer than {@link #historySamples}. */
  private final Map<GroupId, ArrayDeque<GroupSample>> history = new LinkedHashMap<>();
  private final int historySamples;
  private final long historyEveryNanos;
  /** When the last sample was taken. */
  private long lastSample = Track.NONE;

  TenantTally(TenantId tenant, StatisticsSettings settings) {
    this.tenant = tenant;
    this.settings = settings;
    this.resolutionNanos = settings.window().toNanos() / settings.buckets();
    this.toleranceNanos = nanos(settings.estimateTolerance());
    this.historySamples = (int) settings.historySpan().dividedBy(settings.historyEvery());
    this.historyEveryNanos = settings.historyEvery().toNanos();
  }

  TenantId tenant() {
    return tenant;
  }

  synchronized void onEvent(Event e) {
    apply(e);
  }

  /** Takes in {@code events[from, to)}, in order, under one hold of the lock. */
  synchronized void onEvents(List<? extends Event> events, int from, int to) {
    for (int i = from; i < to; i++) {
      apply(events.get(i));
    }
  }

  private void apply(Event e) {
    long at = nanos(e.at());
    latest = Math.max(latest, at);
    if (e instanceof Event.SessionQueued q) {
      Track t = track(q.session());
      stopWaiting(t);
      startWaiting(t, q.group(), at);
    } else if (e instanceof Event.SessionOffered o) {
      Track t = waitingTrack(o.session());
      if (t != null) {
        t.offeredAt = at;
      }
    } else if (e instanceof Event.OfferEnded o && o.state() == SessionState.QUEUED) {
      Track t = waitingTrack(o.session());
      if (t != null) {
        t.offeredAt = Track.NONE;
      }
    } else if (e instanceof Event.SessionAccepted a) {
      accepted(a.session(), a.operator(), at);
    } else if (e instanceof Event.SessionRequeued r) {
      Track t = track(r.session());
      stopWaiting(t);
      release(t);
      // Sent to one operator by name, it stays its group's client: r.group() is null then.
      startWaiting(t, r.group() != null ? r.group() : t.group == null ? null : t.group.id, at);
    } else if (e instanceof Event.SessionAbandoned a) {
      abandoned(a.session(), at);
    } else if (e instanceof Event.SessionEnded s) {
      ended(s.session(), s.state(), at);
    } else if (e instanceof Event.WrapUpCompleted w) {
      wrappedUp(w.session(), at);
    } else if (e instanceof Event.GroupDefined g) {
      group(g.spec().id());
    } else if (e instanceof Event.GroupRemoved g) {
      groups.remove(g.group());
    } else if (e instanceof Event.OperatorDefined o) {
      operator(o.spec().id());
    } else if (e instanceof Event.OperatorRemoved o) {
      operators.remove(o.operator());
    }
  }

  private void startWaiting(Track t, @Nullable GroupId group, long at) {
    t.group = group == null ? null : group(group);
    t.waiting = true;
    t.waitingSince = at;
    t.offeredAt = Track.NONE;
    t.forgetEstimates();
    if (t.group != null) {
      t.group.waiting.add(t);
    }
  }

  /** Takes the track out of its queue, if it waits; its estimates are forgotten at the next wait. */
  private static void stopWaiting(Track t) {
    if (t.waiting && t.group != null) {
      t.group.waiting.remove(t);
    }
    t.waiting = false;
  }

  /** The session's track, made if it has none. */
  private Track track(SessionId session) {
    Track t = lastTrack;
    if (t == null || t.id != session) {
      t = tracks.computeIfAbsent(session, Track::new);
      lastTrack = t;
    }
    return t;
  }

  private @Nullable Track existingTrack(SessionId session) {
    Track t = lastTrack;
    if (t == null || t.id != session) {
      t = tracks.get(session);
      if (t != null) {
        lastTrack = t;
      }
    }
    return t;
  }

  private @Nullable Track waitingTrack(SessionId session) {
    Track t = existingTrack(session);
    return t != null && t.waiting ? t : null;
  }

  private @Nullable Track removeTrack(SessionId session) {
    Track t = tracks.remove(session);
    if (t != null && t == lastTrack) {
      lastTrack = null;
    }
    return t;
  }

  private void accepted(SessionId session, OperatorId operator, long at) {
    Track t = track(session);
    if (t.operator != null) {
      return; // heard twice: nothing new
    }
    if (t.waiting) {
      stopWaiting(t);
      if (t.group != null) {
        t.group.answered(t, at);
        compareEstimates(t, at);
      }
    }
    OperatorTally op = operator(operator);
    t.operator = op;
    t.acceptedAt = at;
    op.inHand++;
    op.window.add(at, Figure.ANSWERED, 1);
    if (t.group != null) {
      t.group.inService++;
      t.group.window.add(at, Figure.ANSWERED, 1);
    }
  }

  /** Compares the estimates the client was given with his answer at {@code at}. */
  private void compareEstimates(Track t, long at) {
    if (t.firstPredicted != Track.NONE) {
      long error = at - t.firstPredicted;
      long size = Math.abs(error);
      accuracy(t.group, Figure.FIRST_ESTIMATES, at, 1, size <= toleranceNanos ? 1 : 0, size, error);
    }
    if (t.estimates > 0) {
      long within = 0;
      long sizes = 0;
      long errors = 0;
      for (int i = 0; i < t.estimates; i++) {
        long error = at - t.predicted[i];
        long size = Math.abs(error);
        within += size <= toleranceNanos ? 1 : 0;
        sizes += size;
        errors += error;
      }
      accuracy(t.group, Figure.ALL_ESTIMATES, at, t.estimates, within, sizes, errors);
    }
  }

  /** Adds up the accuracy of {@code count} estimates compared at {@code at}. */
  private void accuracy(GroupTally g, int start, long at, long count, long within, long sizes, long errors) {
    g.window.add(at, start + Figure.ESTIMATES, count);
    g.window.add(at, start + Figure.WITHIN, within);
    g.window.add(at, start + Figure.ABSOLUTE_ERROR_NANOS, sizes);
    g.window.add(at, start + Figure.ERROR_NANOS, errors);
    estimatesSinceStart[start + Figure.ESTIMATES] += count;
    estimatesSinceStart[start + Figure.WITHIN] += within;
    estimatesSinceStart[start + Figure.ABSOLUTE_ERROR_NANOS] += sizes;
    estimatesSinceStart[start + Figure.ERROR_NANOS] += errors;
  }

  private void abandoned(SessionId session, long at) {
    Track t = removeTrack(session);
    if (t != null && t.waiting) {
      stopWaiting(t);
      if (t.group != null) {
        t.group.abandoned(t, at);
      }
    }
  }

  private void ended(SessionId session, SessionState state, long at) {
    Track t = state == SessionState.WRAP_UP ? existingTrack(session) : removeTrack(session);
    if (t == null) {
      return;
    }
    stopWaiting(t);
    if (t.acceptedAt != Track.NONE) {
      serve(t, at, Figure.HANDLED, Figure.HANDLE_NANOS, at - t.acceptedAt);
    }
    if (state == SessionState.WRAP_UP) {
      t.endedAt = at;
    } else {
      release(t);
    }
  }

  private void wrappedUp(SessionId session, long at) {
    Track t = removeTrack(session);
    if (t == null) {
      return;
    }
    if (t.endedAt != Track.NONE) {
      serve(t, at, Figure.WRAPPED_UP, Figure.WRAP_UP_NANOS, at - t.endedAt);
    }
    release(t);
  }

  /** Counts one more of a service figure, and its time, for the session's operator and group. */
  private static void serve(Track t, long at, int count, int nanosField, long nanos) {
    if (t.operator != null) {
      count(t.operator.window, at, count, nanosField, nanos);
    }
    if (t.group != null) {
      count(t.group.window, at, count, nanosField, nanos);
    }
  }

  private static void count(SlidingWindow w, long at, int count, int nanosField, long nanos) {
    w.add(at, count, 1);
    w.add(at, nanosField, nanos);
  }

  /** The session leaves its operator's hands (ended, wrapped up, or sent back to a queue). */
  private static void release(Track t) {
    if (t.operator == null) {
      return;
    }
    t.operator.inHand--;
    if (t.group != null) {
      t.group.inService--;
    }
    t.operator = null;
    t.acceptedAt = Track.NONE;
    t.endedAt = Track.NONE;
  }

  /** Takes in the snapshot's live sessions not heard of yet: waiting ones, and those in an operator's hands. */
  synchronized void learn(TenantSnapshot routing) {
    for (SessionView v : routing.sessions()) {
      if (tracks.containsKey(v.id())) {
        continue;
      }
      Track t = new Track(v.id());
      if (v.state().waiting()) {
        tracks.put(v.id(), t);
        startWaiting(t, v.group(), nanos(v.waitingSince()));
      } else if (v.operator() != null && (v.state() == SessionState.ACTIVE || v.state() == SessionState.WRAP_UP)) {
        // When it was accepted or ended is not known: its handle and wrap-up times will not count.
        tracks.put(v.id(), t);
        t.group = v.group() == null ? null : group(v.group());
        t.operator = operator(v.operator());
        t.operator.inHand++;
        if (t.group != null) {
          t.group.inService++;
        }
      }
    }
  }

  synchronized Optional<WaitEstimate> estimate(SessionId session, GroupId group, int position, Instant clock) {
    GroupTally g = groups.get(group);
    if (g == null) {
      return Optional.empty();
    }
    long now = now(clock);
    if (!g.canEstimate(now)) {
      return Optional.empty();
    }
    long waitNanos = Math.round(g.estimateNanos(position));
    recordEstimate(g, session, position, now + waitNanos);
    return Optional.of(new WaitEstimate(session, group, position, Duration.ofNanos(waitNanos), instant(now)));
  }

  synchronized List<WaitEstimate> estimates(GroupId group, List<SessionId> waiting, int firstPlace, Instant clock) {
    GroupTally g = groups.get(group);
    if (g == null || waiting.isEmpty()) {
      return List.of();
    }
    long now = now(clock);
    if (!g.canEstimate(now)) {
      return List.of();
    }
    Instant at = instant(now);
    WaitEstimate[] estimates = new WaitEstimate[waiting.size()];
    for (int i = 0; i < estimates.length; i++) {
      SessionId session = waiting.get(i);
      int position = firstPlace + i;
      long waitNanos = Math.round(g.estimateNanos(position));
      recordEstimate(g, session, position, now + waitNanos);
      estimates[i] = new WaitEstimate(session, group, position, Duration.ofNanos(waitNanos), at);
    }
    return Collections.unmodifiableList(Arrays.asList(estimates));
  }

  /** Remembers what a client waiting in {@code g} was told, to compare it with his answer. */
  private void recordEstimate(GroupTally g, SessionId session, int position, long predictedAt) {
    Track t = existingTrack(session);
    if (t != null && t.waiting && t.group == g) {
      t.estimated(position, predictedAt);
    }
  }

  synchronized TenantStatistics read(TenantSnapshot routing, Instant clock) {
    long now = now(clock);
    Map<GroupId, GroupCounts> presence = new HashMap<>();
    for (GroupCounts row : routing.redirectPicker()) {
      presence.put(row.group(), row);
      group(row.group());
      for (GroupCounts.OperatorRow op : row.operators()) {
        operator(op.operator());
      }
    }
    Duration tolerance = settings.estimateTolerance();
    List<GroupStatistics> groupFigures = new ArrayList<>(groups.size());
    for (GroupTally g : groups.values()) {
      GroupCounts p = presence.get(g.id);
      groupFigures.add(p == null ? g.read(now, 0, 0, 0, tolerance) : g.read(now, p.online(), p.busy(), p.away(), tolerance));
    }
    List<OperatorStatistics> operatorFigures = new ArrayList<>(operators.size());
    for (OperatorTally op : operators.values()) {
      operatorFigures.add(op.read(now, routing.status(op.id).orElse(OperatorStatus.OFFLINE)));
    }
    return new TenantStatistics(tenant, instant(now), settings.window(), groupFigures, operatorFigures,
        EstimateAccuracy.read(i -> estimatesSinceStart[i], Figure.FIRST_ESTIMATES, tolerance),
        EstimateAccuracy.read(i -> estimatesSinceStart[i], Figure.ALL_ESTIMATES, tolerance));
  }

  /**
   * Samples the figures into their history, unless the last sample is less than {@link
   * StatisticsSettings#historyEvery()} old; each group keeps its last {@link #historySamples}.
   *
   * @return whether it sampled
   */
  synchronized boolean sample(TenantSnapshot routing, Instant clock) {
    long now = now(clock);
    if (lastSample != Track.NONE && now - lastSample < historyEveryNanos) {
      return false;
    }
    lastSample = now;
    TenantStatistics figures = read(routing, clock);
    for (GroupStatistics g : figures.groups()) {
      ArrayDeque<GroupSample> samples = history.computeIfAbsent(g.group(), id -> new ArrayDeque<>());
      if (samples.size() == historySamples) {
        samples.removeFirst();
      }
      samples.addLast(GroupSample.of(figures.at(), g));
    }
    return true;
  }

  synchronized StatisticsHistory history() {
    Map<GroupId, List<GroupSample>> copy = new LinkedHashMap<>();
    history.forEach((g, samples) -> copy.put(g, List.copyOf(samples)));
    return new StatisticsHistory(tenant, settings.historyEvery(), settings.historySpan(), copy);
  }

  private GroupTally group(GroupId id) {
    GroupTally known = groups.get(id);
    return known != null ? known : groups.computeIfAbsent(id, g -> new GroupTally(g,
        new SlidingWindow(Figure.GROUP_FIGURES, settings.buckets(), resolutionNanos), settings.serviceLevelThreshold(g)));
  }

  private OperatorTally operator(OperatorId id) {
    OperatorTally known = operators.get(id);
    return known != null ? known : operators.computeIfAbsent(id, o -> new OperatorTally(o,
        new SlidingWindow(Figure.SERVICE_FIGURES, settings.buckets(), resolutionNanos)));
  }

  private long now(Instant clock) {
    return Math.max(nanos(clock), latest);
  }

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** A non-negative duration in nanoseconds; {@code Long.MAX_VALUE} (as good as forever) beyond that. */
  static long nanos(Duration d) {
    return d.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
