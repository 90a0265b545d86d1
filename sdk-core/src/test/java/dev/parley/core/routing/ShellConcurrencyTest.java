package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two producer threads hammer one tenant through the threaded shell, each playing clients and
 * operators from its own seeded script while the other changes statuses, redirects and moves the
 * clock under it. A listener rebuilds the {@link ShadowModel} from the delivered events and checks
 * capacity after every event; at the end the model must agree with the engine's snapshot on every
 * live session, with nobody waiting while an operator could take him.
 */
class ShellConcurrencyTest {
  private static final int COMMANDS_PER_PRODUCER = 20_000;
  private static final TenantId TENANT = TenantId.of("busy");
  private static final List<GroupId> GROUPS = List.of(GroupId.of("chat"), GroupId.of("all-hands"));
  private static final List<OperatorId> OPERATORS = new ArrayList<>();

  static {
    for (int i = 0; i < 8; i++) {
      OPERATORS.add(OperatorId.of("op" + i));
    }
  }

  private final ShadowModel model = new ShadowModel();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final AtomicLong ids = new AtomicLong();

  @Test
  @DisplayName("two producers hammering the shell never break an invariant")
  void twoProducersKeepEveryInvariant() throws Exception {
    AtomicLong events = new AtomicLong();
    try (Parley parley = Parley.builder().clock(clock).partitions(2).queueCapacity(256).listener(e -> {
      events.incrementAndGet();
      try {
        model.observe(e);
        model.checkCapacity(e);
      } catch (Throwable t) {
        failures.add(t);
      }
    }).build()) {
      Tenant tenant = parley.tenant(TENANT);
      tenant.defineGroup(GroupSpec.builder(GROUPS.get(0)).offerTimeout(Duration.ofSeconds(15)).build()).join();
      tenant.defineGroup(GroupSpec.builder(GROUPS.get(1)).strategy(RoutingStrategy.WHOLE_GROUP).wrapUpLimit(Duration.ZERO).build()).join();
      for (int i = 0; i < OPERATORS.size(); i++) {
        OperatorSpec.Builder spec = OperatorSpec.builder(OPERATORS.get(i)).group(GROUPS.get(0)).channel(Channel.WEB_CHAT, 1 + i % 4)
            .channel(Channel.WHATSAPP, 2).channel(Channel.VIDEO_CALL);
        if (i % 2 == 0) {
          spec.group(GROUPS.get(1));
        }
        tenant.defineOperator(spec.build()).join();
        tenant.setStatus(OPERATORS.get(i), OperatorStatus.ONLINE).join();
      }

      CountDownLatch start = new CountDownLatch(1);
      List<Thread> producers = new ArrayList<>();
      for (long seed = 1; seed <= 2; seed++) {
        long s = seed;
        Thread t = new Thread(() -> {
          try {
            start.await();
            produce(parley, tenant, new SplittableRandom(s));
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "producer-" + seed);
        producers.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : producers) {
        t.join();
      }
      // A command that changes nothing: its future completes after every earlier batch was heard.
      tenant.setStatus(OPERATORS.get(0), OperatorStatus.ONLINE).join();
      tenant.setStatus(OPERATORS.get(0), OperatorStatus.ONLINE).join();

      assertThat(failures).isEmpty();
      TenantSnapshot end = tenant.snapshot();
      List<SessionId> live = new ArrayList<>();
      end.sessions().forEach(v -> live.add(v.id()));
      model.check(live, end::session, "after both producers");
      assertThat(events.get()).isGreaterThan(COMMANDS_PER_PRODUCER);
      assertThat(model.seen()).containsKeys("SessionAccepted", "SessionEnded", "OfferEnded", "SessionRequeued", "WrapUpCompleted");
    }
  }

  /** One producer's script: clients arrive; operators accept, end and wrap up what they were offered; chaos besides. */
  private void produce(Parley parley, Tenant tenant, SplittableRandom random) {
    List<SessionId> mine = new ArrayList<>();
    List<Command> followUps = new ArrayList<>();
    for (int i = 0; i < COMMANDS_PER_PRODUCER; i++) {
      int action = random.nextInt(20);
      Command command;
      if (action < 6 || mine.isEmpty()) {
        SessionId id = SessionId.of("s" + ids.incrementAndGet());
        mine.add(id);
        Channel channel = new Channel[] {Channel.WEB_CHAT, Channel.WHATSAPP, Channel.VIDEO_CALL}[random.nextInt(3)];
        command = new Command.Arrive(id, Entry.builder(channel).client("c" + id.value()).group(GROUPS.get(random.nextInt(2))).build());
      } else if (action < 14 && !followUps.isEmpty()) {
        command = followUps.remove(random.nextInt(followUps.size()));
      } else if (action == 14) {
        OperatorStatus[] statuses = {OperatorStatus.ONLINE, OperatorStatus.away("break"), OperatorStatus.OFFLINE};
        command = new Command.SetStatus(OPERATORS.get(random.nextInt(OPERATORS.size())), statuses[random.nextInt(3)]);
      } else if (action == 15) {
        command = new Command.SetStatus(OPERATORS.get(random.nextInt(OPERATORS.size())), OperatorStatus.ONLINE);
      } else if (action == 16) {
        command = new Command.Abandon(mine.get(random.nextInt(mine.size())));
      } else if (action == 17) {
        command = Command.Redirect.toGroup(mine.get(random.nextInt(mine.size())), Actor.admin("boss"), GROUPS.get(random.nextInt(2)), "moved");
      } else if (action == 18) {
        clock.advance(Duration.ofSeconds(random.nextInt(10)));
        parley.tick();
        continue;
      } else {
        command = new Command.End(mine.get(random.nextInt(mine.size())), Actor.CLIENT);
      }
      List<Event> result;
      try {
        result = tenant.submit(command).join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof ParleyException) && !(e.getCause() instanceof IllegalArgumentException)) {
          throw e;
        }
        continue;
      }
      for (Event e : result) {
        followUps.addAll(followUpsOf(e, random));
      }
      if (followUps.size() > 200) {
        followUps.subList(0, 100).clear();
      }
    }
  }

  /** What an operator does next, given an event of his. */
  private static List<Command> followUpsOf(Event e, SplittableRandom random) {
    if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      OperatorId op = o.operators().get(random.nextInt(o.operators().size()));
      return List.of(random.nextInt(5) == 0 ? new Command.Decline(o.session(), op) : new Command.Accept(o.session(), op));
    }
    if (e instanceof Event.SessionAccepted) {
      Event.SessionAccepted a = (Event.SessionAccepted) e;
      return List.of(new Command.End(a.session(), Actor.operator(a.operator())));
    }
    if (e instanceof Event.SessionEnded && ((Event.SessionEnded) e).state() == dev.parley.core.SessionState.WRAP_UP) {
      Event.SessionEnded end = (Event.SessionEnded) e;
      return List.of(new Command.CompleteWrapUp(end.session(), end.operator(), "solved", null));
    }
    return List.of();
  }
}
