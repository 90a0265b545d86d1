package dev.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.widget.WidgetAdapter;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Telling waiting clients their place through their channel")
class QueueUpdatesTest {
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Outgoing> pushed = new ArrayList<>();
  private final Parley parley = Parley.builder().sameThread().keepNothing().clock(clock).build();
  private final Tenant acme = parley.tenant(TenantId.of("acme"));
  private ChannelGateway gateway;

  /** Alice serves sales one chat at a time and has served one in 100 s: the engine can estimate. */
  @BeforeEach
  void start() {
    WidgetAdapter chat = WidgetAdapter.webChat().transport(out -> {
      pushed.add(out);
      return CompletableFuture.completedFuture(new SendOutcome.Sent("m" + pushed.size(), 1));
    }).build();
    gateway = ChannelGateway.builder(parley, acme.id()).adapter(chat).clock(clock).queueUpdates(Channel.WEB_CHAT).build();
    acme.defineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    arrive("s0");
    clock.advance(Duration.ofSeconds(100));
    end("s0");
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  private void arrive(String session) {
    acme.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).client("visitor-" + session).group(SALES).build())
        .join();
  }

  private void end(String session) {
    acme.end(SessionId.of(session), Actor.operator(ALICE)).join();
  }

  private List<String> told() {
    List<String> texts = new ArrayList<>();
    for (Outgoing o : pushed) {
      texts.add(o.to().identifier() + ": " + ((OutboundMessage.Text) o.message()).text());
    }
    pushed.clear();
    return texts;
  }

  @Test
  @DisplayName("each waiting client is told his place and expected wait, again only when his place moves")
  void toldWhenPlaceMoves() {
    arrive("s1"); // served
    arrive("s2");
    arrive("s3");

    assertThat(gateway.tellWaitingClients()).isEqualTo(2);
    assertThat(told()).containsExactlyInAnyOrder(
        "visitor-s2: You are number 1 in the queue. Expected wait: about 2 minutes.",
        "visitor-s3: You are number 2 in the queue. Expected wait: about 4 minutes.");
    assertThat(gateway.tellWaitingClients()).as("nothing moved").isZero();

    clock.advance(Duration.ofSeconds(20));
    end("s1"); // s2 is answered; the mean handle time is now (100 + 20) / 2 s
    assertThat(gateway.tellWaitingClients()).isEqualTo(1);
    assertThat(told()).containsExactly("visitor-s3: You are number 1 in the queue. Expected wait: about a minute.");
    assertThat(acme.statistics().allEstimates().estimates()).as("s2's estimate was checked").isEqualTo(1);
  }
}
