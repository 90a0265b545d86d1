package dev.parley.examples.simulate;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.stats.EstimateAccuracy;
import dev.parley.core.stats.LiveStatistics;
import dev.parley.core.stats.StatisticsSettings;
import dev.parley.core.stats.TenantStatistics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A discrete-event simulation of one queue at virtual time, driving the engine's real {@link
 * RoutingCore}: the simulator decides when clients arrive, how long they are served and how long
 * they are willing to wait; the core decides who serves whom, exactly as in production.
 *
 * <p>The center: one group with the chosen strategy, auto-accept, no wrap-up and no offer time-out;
 * {@code operators} operators online in it, each taking up to {@code capacity} web chats at once.
 * Clients arrive as a Poisson stream; each handle time is exponential and independent of the
 * operator's load; a client who waits may abandon when his exponential patience runs out. The
 * simulator learns from the core's events whom it accepted and when, schedules that session's end
 * on its own timer heap, and applies each timer's command at the timer's instant.
 *
 * <p>Arrivals stop at the end of the measured window; the run then goes on until every client who
 * arrived in the window has been answered or has left, so that late arrivals' waits are not cut
 * short. Waits of earlier clients do not depend on later ones (first come, first served), so this
 * tail adds no bias.
 *
 * <p>The engine's {@link LiveStatistics} hear every event, on the virtual clock. Each client of the
 * window who has to wait is given the engine's wait estimate on arrival, from his place in the
 * queue; the statistics check it against his answer, and so does the simulator, per batch, for the
 * confidence interval. Whenever the queue moves, every waiting client of the window is told his
 * new place and estimate again, and the statistics check those too. Without statistics ({@code
 * --no-statistics}) nobody is told anything and only the routing runs.
 *
 * <p>The places: the core keeps its queue as a heap, and reading it in order sorts a copy. Since
 * every client here has the same priority, the core serves them first come, first served, so the
 * simulator keeps its own {@link WaitingLine} of them and reads their places there. It checks that
 * line against the core as it goes: each client who waited must be the first in it when the core
 * answers him, and each one told an estimate on arrival must stand where the core says he stands;
 * the run fails otherwise.
 *
 * <p>Every draw comes from {@link SplittableRandom}s split off one seeded root, one stream each
 * for arrivals, handle times and patience: the same options give the same figures.
 *
 * <pre>{@code
 * SimulationResult result = new Simulator(options).run(fraction -> {});
 * result.averageSpeedOfAnswer().value();
 * }</pre>
 *
 * <p>Thread safety: none; run it on one thread, once.
 */
public final class Simulator {
  private static final long NANOS = 1_000_000_000L;
  private static final int WAITING = 1;
  private static final int SERVED = 2;
  private static final long UNTOLD = Long.MIN_VALUE;
  /** How often, in loop turns, progress is reported. */
  private static final int PROGRESS_EVERY = 1 << 16;

  private final SimulationOptions options;
  private final RoutingCore core;
  private final EventSink sink = new EventSink();
  private final SessionSlots slots;
  private final TimerHeap timers = new TimerHeap();
  private final WaitingLine line;
  private final OperatorId[] operatorIds;
  private final Actor[] operatorActors;
  private final SplittableRandom arrivalDraws;
  private final SplittableRandom handleDraws;
  private final SplittableRandom patienceDraws;
  private final double meanArrivalGapNanos;
  private final double meanHandleNanos;
  private final double meanPatienceNanos;

  private final Batches window;
  private final SessionTally tally;
  private final OccupancyMeter occupancy;
  private final WaitHistogram waits;
  private final QueueTrace queue;
  private final ManualClock clock = new ManualClock(Instant.EPOCH);
  /** The engine's live statistics; null when the run leaves them out. */
  private final @Nullable LiveStatistics statistics;
  private final TenantId tenant = TenantId.of("simulation");
  private final GroupId group = GroupId.of("queue");

  // Per slot, grown with the slots.
  private int[] state = new int[64];
  private long[] arrivedAt = new long[64];
  /** The batch the slot's client arrived in, or -1 outside the measured window. */
  private int[] batchOf = new int[64];
  private int[] operatorOf = new int[64];
  /** When the slot's client was told on arrival he would be answered, or {@link #UNTOLD}. */
  private long[] predicted = new long[64];

  /** The slot arriving in the command being applied, whose acceptance then is at once. */
  private int arriving = -1;
  /** The operator whose session is ending in the command being applied. */
  private int freed = -1;
  /** Clients who arrived in the window and are neither answered nor gone. */
  private long outstanding;
  private long calls;
  private boolean ran;

  /** A simulation of the given options; nothing runs until {@link #run}. */
  public Simulator(SimulationOptions options) {
    this.options = options;
    long warmup = hoursToNanos(options.warmupHours());
    long end = warmup + hoursToNanos(options.hours());
    this.window = new Batches(warmup, end);
    this.tally = new SessionTally(Math.round(options.serviceLevelSeconds() * NANOS));
    this.occupancy = new OccupancyMeter(window, options.operators());
    this.waits = new WaitHistogram(Math.round(options.meanHandleSeconds() * NANOS / 100));
    this.queue = new QueueTrace(end);
    this.meanArrivalGapNanos = NANOS / options.arrivalsPerSecond();
    this.meanHandleNanos = options.meanHandleSeconds() * NANOS;
    this.meanPatienceNanos = options.abandonMeanSeconds() * NANOS;
    SplittableRandom root = new SplittableRandom(options.seed());
    this.arrivalDraws = root.split();
    this.handleDraws = root.split();
    this.patienceDraws = root.split();

    this.statistics = !options.statistics() ? null : new LiveStatistics(StatisticsSettings.builder()
        .serviceLevelThreshold(Duration.ofNanos(Math.round(options.serviceLevelSeconds() * NANOS)))
        .estimateTolerance(Duration.ofNanos(SessionTally.ESTIMATE_TOLERANCE_NANOS))
        .build(), clock);
    this.core = new RoutingCore(tenant, options.seed());
    setUp(new Command.ConfigureTenant(TenantSettings.builder().endedRetention(Duration.ZERO).build()));
    setUp(new Command.DefineGroup(GroupSpec.builder(group)
        .strategy(options.strategy())
        .autoAccept(true)
        .offerTimeout(Duration.ZERO)
        .wrapUpLimit(Duration.ZERO)
        .build()));
    this.operatorIds = new OperatorId[options.operators()];
    this.operatorActors = new Actor[options.operators()];
    for (int i = 0; i < options.operators(); i++) {
      OperatorId id = OperatorId.of("op" + i);
      setUp(new Command.DefineOperator(
          OperatorSpec.builder(id).group(group).channel(Channel.WEB_CHAT, options.capacity()).build()));
      setUp(new Command.SetStatus(id, OperatorStatus.ONLINE));
      operatorIds[i] = id;
      operatorActors[i] = Actor.operator(id);
    }
    this.slots = new SessionSlots(Entry.builder(Channel.WEB_CHAT).group(group).build());
    this.line = new WaitingLine(slots);
  }

  /**
   * Runs the simulation and measures it.
   *
   * @param progress told the share of virtual time done, from 0 to 1, now and then
   */
  public SimulationResult run(DoubleConsumer progress) {
    if (ran) {
      throw new IllegalStateException("a simulator runs once; make another for another run");
    }
    ran = true;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    loop(progress);
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return measure(cpuSeconds);
  }

  private void loop(DoubleConsumer progress) {
    long end = window.end();
    long nextArrival = exponential(arrivalDraws, meanArrivalGapNanos);
    boolean open = nextArrival < end;
    int turn = 0;
    while (true) {
      long due = timers.nextDue();
      if (open && nextArrival <= due) {
        long t = nextArrival;
        queue.advance(t, line.size());
        arrive(t);
        nextArrival = later(t, exponential(arrivalDraws, meanArrivalGapNanos));
        open = nextArrival < end;
      } else if (due != Long.MAX_VALUE && (outstanding > 0 || due < end)) {
        queue.advance(due, line.size());
        fire(timers.poll(), due);
      } else {
        break;
      }
      if (++turn == PROGRESS_EVERY) {
        turn = 0;
        progress.accept(Math.min(1, (double) core.now().getEpochSecond() * NANOS / end));
      }
    }
    queue.advance(end, line.size());
    occupancy.finish();
    progress.accept(1);
  }

  private void arrive(long t) {
    int k = slots.acquire();
    if (k >= state.length) {
      growSlots();
    }
    state[k] = WAITING;
    arrivedAt[k] = t;
    calls++;
    int b = -1;
    if (window.contains(t)) {
      b = window.of(t);
      tally.arrive(b);
      outstanding++;
    }
    batchOf[k] = b;
    predicted[k] = UNTOLD;
    arriving = k;
    apply(slots.arrive(k), t);
    arriving = -1;
    if (state[k] == WAITING) {
      line.join(k);
      if (b >= 0) {
        predicted[k] = told(k);
      }
    }
    if (state[k] == WAITING && options.abandons()) {
      timers.schedule(k, later(t, exponential(patienceDraws, meanPatienceNanos)));
    }
  }

  /** The engine's estimate of a waiting client's answer, from his place: what he is told on arrival. */
  private long told(int k) {
    if (statistics == null) {
      return UNTOLD;
    }
    OptionalInt place = core.queuePosition(slots.id(k));
    if (place.isEmpty()) {
      return UNTOLD;
    }
    if (place.getAsInt() != line.size() || line.get(place.getAsInt() - 1) != k) {
      throw new IllegalStateException("the core puts " + slots.id(k) + " at place " + place.getAsInt()
          + ", not last of the line " + line + " that came first");
    }
    return statistics.estimate(tenant, slots.id(k), group, place.getAsInt())
        .map(e -> nanos(e.expectedAnswerAt()))
        .orElse(UNTOLD);
  }

  /** The slot's one timer fires: the end of its service, or the end of its client's patience. */
  private void fire(int k, long t) {
    if (state[k] == SERVED) {
      int op = operatorOf[k];
      occupancy.change(op, t, -1);
      freed = op;
      apply(new Command.End(slots.id(k), operatorActors[op]), t);
      freed = -1;
    } else {
      line.leave(k);
      if (batchOf[k] >= 0) {
        tally.abandon(batchOf[k]);
        outstanding--;
      }
      apply(slots.abandon(k), t);
    }
    state[k] = 0;
    slots.release(k);
    if (outstanding > 0 && statistics != null) {
      retell();
    }
  }

  /**
   * The queue moved: every waiting client of the window is told his new place and estimate, as a
   * channel gateway tells them; the statistics check one estimate per place against the answer.
   * Called only while someone of the window waits (clients of the warm-up are told nothing).
   */
  private void retell() {
    int n = line.size();
    for (int i = 0; i < n; ) {
      if (batchOf[line.get(i)] < 0) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && batchOf[line.get(j)] >= 0) {
        j++;
      }
      statistics.estimates(tenant, group, line.ids(i, j), i + 1);
      i = j;
    }
  }

  private void apply(Command command, long t) {
    Instant now = Instant.ofEpochSecond(t / NANOS, t % NANOS);
    clock.set(now);
    core.apply(command, now, sink);
    if (statistics != null) {
      statistics.onEvents(sink);
    }
    for (int i = 0, n = sink.size(); i < n; i++) {
      Event e = sink.get(i);
      if (e instanceof Event.SessionAccepted) {
        Event.SessionAccepted a = (Event.SessionAccepted) e;
        int k = arriving >= 0 && a.session() == slots.id(arriving) ? arriving : SessionSlots.slotOf(a.session());
        Instant at = a.at();
        accepted(k, operatorIndex(a.operator()), at.getEpochSecond() * NANOS + at.getNano());
      } else if (e instanceof Event.SessionRefused) {
        throw new IllegalStateException("the core refused a client, which this center never does: " + e);
      }
    }
    sink.clear();
  }

  /** The index of an operator, read from his id {@code op<index>}; the operator just freed is tried first. */
  private int operatorIndex(OperatorId id) {
    return freed >= 0 && id == operatorIds[freed] ? freed : SessionSlots.numberAfter(id.value(), 2);
  }

  private void accepted(int k, int op, long t) {
    if (k != arriving) {
      if (line.first() != k) {
        throw new IllegalStateException("the core answered " + slots.id(k) + " before the line " + line
            + " that came first");
      }
      line.leave(k);
    }
    state[k] = SERVED;
    operatorOf[k] = op;
    occupancy.change(op, t, +1);
    timers.schedule(k, later(t, exponential(handleDraws, meanHandleNanos)));
    int b = batchOf[k];
    if (b >= 0) {
      long wait = t - arrivedAt[k];
      boolean atOnce = k == arriving;
      tally.answer(b, wait, atOnce);
      if (predicted[k] != UNTOLD) {
        tally.estimated(b, t - predicted[k]);
      }
      if (!atOnce) {
        waits.add(wait);
      }
      outstanding--;
    }
  }

  private SimulationResult measure(double cpuSeconds) {
    int k = Batches.COUNT;
    double[] pWait = new double[k];
    double[] asa = new double[k];
    double[] serviceLevel = new double[k];
    double[] abandonRate = new double[k];
    double[] occupied = new double[k];
    double[] estimateError = new double[k];
    double[] estimateWithin = new double[k];
    int n = options.operators();
    int capacity = options.capacity();
    for (int b = 0; b < k; b++) {
      long resolved = tally.answered[b] + tally.abandoned[b];
      pWait[b] = ratio(tally.answeredAfterWait[b] + tally.abandoned[b], resolved);
      asa[b] = ratio(tally.waitSeconds[b], tally.answered[b]);
      serviceLevel[b] = ratio(tally.answeredWithinTarget[b], tally.arrived[b]);
      abandonRate[b] = ratio(tally.abandoned[b], tally.arrived[b]);
      estimateError[b] = ratio(tally.estimateErrorSeconds[b], tally.estimated[b]);
      estimateWithin[b] = ratio(tally.estimatedWithin[b], tally.estimated[b]);
      double busy = 0;
      for (int op = 0; op < n; op++) {
        busy += occupancy.busy(op, b);
      }
      occupied[b] = busy / ((double) n * capacity * window.length(b));
    }
    double[] perOperator = new double[n];
    double busyAll = 0;
    double most = 0;
    double least = Double.MAX_VALUE;
    double windowNanos = window.end() - window.start();
    for (int op = 0; op < n; op++) {
      double busy = occupancy.busy(op);
      busyAll += busy;
      perOperator[op] = busy / (capacity * windowNanos);
      most = Math.max(most, perOperator[op]);
      least = Math.min(least, perOperator[op]);
    }
    long arrived = SessionTally.sum(tally.arrived);
    long answered = SessionTally.sum(tally.answered);
    long abandoned = SessionTally.sum(tally.abandoned);
    long estimated = SessionTally.sum(tally.estimated);
    // Without statistics the engine checked no estimate: an empty accuracy, whose figures read n/a.
    EstimateAccuracy none = new EstimateAccuracy(0, 0, Duration.ofNanos(SessionTally.ESTIMATE_TOLERANCE_NANOS),
        Duration.ZERO, Duration.ZERO);
    TenantStatistics engine = statistics == null ? null : statistics.statistics(tenant, core.snapshot(0));
    return new SimulationResult(
        options,
        arrived,
        answered,
        abandoned,
        calls,
        Estimate.fromBatches(
            ratio(SessionTally.sum(tally.answeredAfterWait) + abandoned, answered + abandoned), pWait),
        Estimate.fromBatches(ratio(SessionTally.sum(tally.waitSeconds), answered), asa),
        Estimate.fromBatches(ratio(SessionTally.sum(tally.answeredWithinTarget), arrived), serviceLevel),
        Estimate.fromBatches(busyAll / (n * capacity * windowNanos), occupied),
        Estimate.fromJackknife(ratio(most, least), spreadWithoutEachBatch()),
        Estimate.fromBatches(ratio(abandoned, arrived), abandonRate),
        Estimate.fromBatches(ratio(SessionTally.sum(tally.estimateErrorSeconds), estimated), estimateError),
        Estimate.fromBatches(ratio(SessionTally.sum(tally.estimatedWithin), estimated), estimateWithin),
        engine == null ? none : engine.firstEstimates(),
        engine == null ? none : engine.allEstimates(),
        perOperator,
        waits,
        queue,
        cpuSeconds);
  }

  /** The busiest operator's occupancy over the least busy one's, over the window without each batch in turn. */
  private double[] spreadWithoutEachBatch() {
    double[] spreads = new double[Batches.COUNT];
    for (int b = 0; b < Batches.COUNT; b++) {
      double busiest = 0;
      double idlest = Double.MAX_VALUE;
      for (int op = 0; op < options.operators(); op++) {
        double x = occupancy.busy(op) - occupancy.busy(op, b);
        busiest = Math.max(busiest, x);
        idlest = Math.min(idlest, x);
      }
      spreads[b] = ratio(busiest, idlest);
    }
    return spreads;
  }

  /** {@code a / b}; NaN when both are zero, infinite when only {@code b} is. */
  private static double ratio(double a, double b) {
    return a / b;
  }

  private void setUp(Command command) {
    core.apply(command, Instant.EPOCH, sink);
    if (statistics != null) {
      statistics.onEvents(sink);
    }
    sink.clear();
  }

  private void growSlots() {
    int length = state.length * 2;
    state = Arrays.copyOf(state, length);
    arrivedAt = Arrays.copyOf(arrivedAt, length);
    batchOf = Arrays.copyOf(batchOf, length);
    operatorOf = Arrays.copyOf(operatorOf, length);
    predicted = Arrays.copyOf(predicted, length);
  }

  /**
   * An exponential draw of the given mean, in whole nanoseconds. {@code nextExponential} is the
   * JDK's ziggurat: exact in distribution, and cheaper than {@code -log(1 - u)}.
   */
  private static long exponential(SplittableRandom random, double meanNanos) {
    return Math.round(random.nextExponential() * meanNanos);
  }

  /** {@code t + gap}, or {@link Long#MAX_VALUE} (never) when that is beyond the range of time. */
  private static long later(long t, long gap) {
    return gap >= Long.MAX_VALUE - t ? Long.MAX_VALUE : t + gap;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * NANOS + t.getNano();
  }

  private static long hoursToNanos(double hours) {
    return Math.round(hours * 3600 * NANOS);
  }
}
