package dev.parley.testkit;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.Explanation;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One tenant's contact center for a host's tests: the real engine in {@linkplain
 * Parley.Builder#sameThread() same-thread mode} on a {@link ManualClock}, a record of every event,
 * and scripted {@linkplain ScriptedOperator operators} and {@linkplain ScriptedClient clients}.
 * Every command runs to completion before its method returns, and time moves only with {@link
 * #advance}, which fires the deadlines that fell due (offer time-outs, escalations, wrap-up
 * limits, invitation expiries) at their own instants. The same script always gives the same
 * events.
 *
 * <pre>{@code
 * try (TestContactCenter center = TestContactCenter.create()) {
 *   center.group(GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(20)).build());
 *   ScriptedOperator alice = center.operator(OperatorSpec.builder(ALICE).group(SALES).channel(WEB_CHAT).build());
 *   ScriptedOperator bob = center.operator(OperatorSpec.builder(BOB).group(SALES).channel(WEB_CHAT).build());
 *   alice.online();
 *   bob.online();
 *
 *   ScriptedClient jana = center.arrive(Entry.builder(WEB_CHAT).group(SALES).build());
 *   jana.assertThat().isOfferedTo(alice);
 *   center.advance(Duration.ofSeconds(20));           // alice lets the offer time out
 *   jana.assertThat().isOfferedTo(bob);
 *   bob.accept(jana);
 *   jana.assertThat().isActiveWith(bob);
 * }
 * }</pre>
 *
 * <p>A command the engine refuses throws the engine's own exception ({@link
 * dev.parley.core.ParleyException} and its subclasses, or an argument exception), not a {@link
 * CompletionException}, so a test can expect it directly. A host whose code takes a {@link Parley}
 * can hand it {@link #parley()}: what that code does is recorded too.
 *
 * <p>Thread safety: not thread-safe; use one instance from one test thread.
 */
public final class TestContactCenter implements AutoCloseable {
  /** Where the clock starts unless told otherwise: a Monday, 09:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");
  /** The tenant unless told otherwise. */
  public static final TenantId DEFAULT_TENANT = TenantId.of("test");

  private final Instant start;
  private final ManualClock clock;
  private final TenantId tenant;
  private final Parley parley;
  private final EventLog log;
  private int sessionCounter;

  private TestContactCenter(Builder b) {
    this.start = b.start;
    this.clock = new ManualClock(b.start);
    this.tenant = b.tenant;
    this.log = new EventLog(b.tenant);
    Parley.Builder engine = Parley.builder().sameThread().partitions(1).seed(b.seed).clock(clock).listener(log);
    for (EventListener listener : b.listeners) {
      engine.listener(listener);
    }
    this.parley = engine.build();
  }

  /** A center with the defaults: tenant {@code test}, clock at {@link #DEFAULT_START}, seed 0. */
  public static TestContactCenter create() {
    return builder().build();
  }

  /** Starts configuring a center. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up

  /**
   * Replaces the tenant's settings: routing rules, default group, policies.
   *
   * <pre>{@code
   * center.configure(TenantSettings.builder()
   *     .rules(List.of(RoutingRule.to(CZECH).language("cs").build()))
   *     .defaultGroup(SALES)
   *     .build());
   * }</pre>
   */
  public TestContactCenter configure(TenantSettings settings) {
    submit(new Command.ConfigureTenant(settings));
    return this;
  }

  /** Creates a group, or changes an existing one. */
  public TestContactCenter group(GroupSpec spec) {
    submit(new Command.DefineGroup(spec));
    return this;
  }

  /**
   * Creates an operator (offline, as the engine makes every new one), or changes an existing one,
   * and returns his script: {@code center.operator(spec).online()}.
   */
  public ScriptedOperator operator(OperatorSpec spec) {
    submit(new Command.DefineOperator(spec));
    return new ScriptedOperator(this, spec.id());
  }

  /**
   * The script of an operator defined already, by this center or by the host's own code.
   *
   * @throws NoSuchOperatorException when the tenant has no such operator
   */
  public ScriptedOperator operator(OperatorId id) {
    requireNonNull(id, "operator");
    if (snapshot().status(id).isEmpty()) {
      throw new NoSuchOperatorException(id);
    }
    return new ScriptedOperator(this, id);
  }

  // ---------------------------------------------------------------------------------------------
  // Clients

  /**
   * A client arrives under the next generated session id ({@code session-1}, {@code session-2},
   * …). The client is returned whether the engine queued him or refused him at the door; ask
   * {@link ScriptedClient#assertThat()} which.
   */
  public ScriptedClient arrive(Entry entry) {
    requireNonNull(entry, "entry");
    return arrive(nextSessionId(), entry);
  }

  /** A client arrives under a session id of the test's choosing. */
  public ScriptedClient arrive(SessionId session, Entry entry) {
    submit(new Command.Arrive(session, entry));
    return new ScriptedClient(this, session);
  }

  /**
   * The script of a session this center did not start: one the host's code opened through
   * {@link #parley()}, say. A session no event named is reported as such by its assertions.
   */
  public ScriptedClient client(SessionId session) {
    return new ScriptedClient(this, requireNonNull(session, "session"));
  }

  /** The next generated session id that no event has named yet. */
  SessionId nextSessionId() {
    SessionId id;
    do {
      id = SessionId.of("session-" + ++sessionCounter);
    } while (log.knows(id));
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  /** The clock's instant now. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * The clock the engine runs on, for the host's own components under test. It moves only with
   * {@link #advance}; read it, do not cast it and move it, or deadlines wait for the next command.
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Moves the clock forward and fires every deadline that fell due, each at its own instant and in
   * order: an offer that times out after 20 s moves on at +20 s even when the clock moves by a
   * minute.
   *
   * @return the events the deadlines caused, oldest first (often none)
   * @throws IllegalArgumentException when {@code by} is negative
   */
  public List<Event> advance(Duration by) {
    requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, not by " + by);
    }
    return advanceTo(now().plus(by));
  }

  /**
   * Moves the clock forward to {@code instant} and fires the deadlines that fell due.
   *
   * @return the events the deadlines caused, oldest first
   * @throws IllegalArgumentException when {@code instant} is before {@link #now()}
   */
  public List<Event> advanceTo(Instant instant) {
    int mark = log.size();
    clock.set(instant);
    parley.tick();
    return log.since(mark);
  }

  // ---------------------------------------------------------------------------------------------
  // Anything else, and reads

  /**
   * Applies any command to the tenant, for what the scripts have no method for (blocking a client,
   * removing a group, an administrator's re-route).
   *
   * @return the command's events, with those of deadlines that fell due just before it
   * @throws dev.parley.core.ParleyException when the engine refuses the command; it changed nothing
   */
  public List<Event> submit(Command command) {
    return await(parley.submit(tenant, command));
  }

  /** Every event of the tenant so far, oldest first. */
  public List<Event> events() {
    return log.since(0);
  }

  /** The events of one kind so far, oldest first: {@code center.events(Event.SessionOffered.class)}. */
  public <T extends Event> List<T> events(Class<T> kind) {
    requireNonNull(kind, "kind");
    List<T> found = new ArrayList<>();
    for (Event e : log.since(0)) {
      if (kind.isInstance(e)) {
        found.add(kind.cast(e));
      }
    }
    return found;
  }

  /** The tenant's routing state now: live sessions, queue positions, waiting lists. */
  public TenantSnapshot snapshot() {
    return parley.snapshot(tenant);
  }

  /**
   * Why the client's session went where it went, and who could take it now.
   *
   * @throws dev.parley.core.NoSuchSessionException when the engine does not know the session (a
   *     refused one, or one ended longer ago than the tenant's ended retention)
   */
  public Explanation explain(ScriptedClient client) {
    requireNonNull(client, "client");
    return await(parley.explain(tenant, client.id()));
  }

  /**
   * Checks that the router is work-conserving now: no session waits in a queue while an operator
   * could take it. A failure names the session and the operators, with the engine's explanation.
   *
   * @throws AssertionError when some queued session has an eligible candidate
   */
  public void assertNoOneWaitsWhileSomeoneCouldServe() {
    List<SessionView> queued = new ArrayList<>();
    for (SessionView v : snapshot().sessions()) {
      if (v.state() == SessionState.QUEUED) {
        queued.add(v);
      }
    }
    queued.sort(Comparator.comparing(SessionView::id));
    for (SessionView v : queued) {
      Explanation why = await(parley.explain(tenant, v.id()));
      List<OperatorId> could = new ArrayList<>();
      for (Explanation.Candidate c : why.candidates()) {
        if (c.eligible()) {
          could.add(c.operator());
        }
      }
      if (!could.isEmpty()) {
        throw new AssertionError("Expected no session to wait while an operator could take it,\n but "
            + v.id() + " waits (QUEUED" + (v.group() != null ? " in group " + v.group() : " for " + v.waitsFor())
            + " at position " + v.position() + ") while " + could + " could take it.\n\nThe engine's explanation:\n"
            + why);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** The engine, for host code under test; its futures are complete when a call returns. */
  public Parley parley() {
    return parley;
  }

  /** The test's tenant, for host code under test. */
  public Tenant tenant() {
    return parley.tenant(tenant);
  }

  /** Stops the engine. */
  @Override
  public void close() {
    parley.close();
  }

  Instant start() {
    return start;
  }

  SessionHistory history(SessionId session) {
    return new SessionHistory(session, log.of(session));
  }

  List<Event.SessionEvent> eventsOf(SessionId session) {
    return log.of(session);
  }

  /** The result of a same-thread future, or the engine's own exception instead of its wrapper. */
  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "TestContactCenter{" + tenant + " at " + now() + ", " + log.size() + " events}";
  }

  /**
   * Configures a {@link TestContactCenter}; each setter checks its argument at once.
   *
   * <pre>{@code
   * TestContactCenter center = TestContactCenter.builder()
   *     .tenant(TenantId.of("acme"))
   *     .start(Instant.parse("2026-03-02T17:55:00Z"))   // just before closing time
   *     .listener(myEventForwarder)                      // the host's listener under test
   *     .build();
   * }</pre>
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private static final Instant EARLIEST = Instant.parse("1678-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2261-12-31T00:00:00Z");

    private Instant start = DEFAULT_START;
    private TenantId tenant = DEFAULT_TENANT;
    private long seed;
    private final List<EventListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Where the clock starts; default {@link #DEFAULT_START}. */
    public Builder start(Instant start) {
      requireNonNull(start, "start");
      if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
        throw new IllegalArgumentException("the engine's clock runs within the years 1678 to 2261, not at " + start);
      }
      this.start = start;
      return this;
    }

    /** The tenant; default {@link #DEFAULT_TENANT}. */
    public Builder tenant(TenantId tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** Seeds invitation codes; default 0, so that the same script makes the same codes. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Adds a listener of every event, called on the test's thread before the command that caused
     * the event returns: the host's own listener under test, say.
     */
    public Builder listener(EventListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Starts the engine. */
    public TestContactCenter build() {
      return new TestContactCenter(this);
    }
  }
}
