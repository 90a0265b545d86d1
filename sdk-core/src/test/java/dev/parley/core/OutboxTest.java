package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.event.Event;
import dev.parley.core.event.EventType;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.OutboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox of an engine built with outbox()")
class OutboxTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final SessionId S1 = SessionId.of("s-1");
  private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

  private final InMemoryStorage storage = new InMemoryStorage();
  private final ManualClock clock = new ManualClock(T0);

  private Parley start(boolean outbox) {
    Parley.Builder b = Parley.builder().sameThread().clock(clock).storage(storage);
    Parley parley = (outbox ? b.outbox() : b).build();
    Tenant acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ofMinutes(2)).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    return parley;
  }

  private static void serve(Tenant acme) {
    acme.arrive(S1, Entry.builder(Channel.WEB_CHAT).group(SALES).client("visitor-7").language("en").build()).join();
    acme.accept(S1, ALICE).join();
    acme.post(S1, Actor.CLIENT, "m-1", "Hello \"there\"\n\uD83D\uDE00").join();
    acme.post(S1, Actor.operator(ALICE), "m-2", "Hi!").join();
    acme.end(S1, Actor.operator(ALICE)).join();
    acme.completeWrapUp(S1, ALICE, "solved").join();
  }

  private List<OutboxRecord> outbox() {
    return storage.outbox().after("acme", 0, 1_000);
  }

  @Test
  @DisplayName("holds a session's life as typed records, numbered from 1, in the order it happened")
  void sessionLife() {
    try (Parley parley = start(true)) {
      serve(parley.tenant(ACME));
    }

    List<OutboxRecord> records = outbox();
    assertThat(records).extracting(OutboxRecord::type).containsExactly("operator.status_changed", "session.queued",
        "session.offered", "session.accepted", "message.received", "message.sent", "session.ended",
        "session.wrapped_up");
    assertThat(records).extracting(OutboxRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(records.subList(1, records.size())).allSatisfy(r -> {
      assertThat(r.session()).isEqualTo("s-1");
      assertThat(r.at()).isEqualTo(T0);
    });
    assertThat(records.get(0).session()).isNull();
    assertThat(records.get(0).payload()).isEqualTo("{\"actor\":\"operator:alice\",\"operator\":\"alice\",\"from\":\"OFFLINE\",\"to\":\"ONLINE\"}");
    assertThat(records.get(1).payload()).isEqualTo("{\"actor\":\"client\",\"channel\":\"WEB_CHAT\",\"client\":\"visitor-7\","
        + "\"group\":\"sales\",\"operator\":null,\"priority\":0,\"language\":\"en\",\"reopens\":null}");
    assertThat(records.get(2).payload()).isEqualTo("{\"actor\":\"system\",\"group\":\"sales\",\"operators\":[\"alice\"]}");
    assertThat(records.get(4).payload()).isEqualTo("{\"actor\":\"client\",\"messageId\":\"m-1\","
        + "\"text\":\"Hello \\\"there\\\"\\n\uD83D\uDE00\",\"attachments\":[]}");
    assertThat(records.get(7).payload()).isEqualTo("{\"actor\":\"operator:alice\",\"operator\":\"alice\","
        + "\"result\":\"solved\",\"note\":null,\"timedOut\":false}");
  }

  @Test
  @DisplayName("stays empty when the engine was built without it")
  void offByDefault() {
    try (Parley parley = start(false)) {
      serve(parley.tenant(ACME));
      assertThat(parley.keepsOutbox()).isFalse();
    }
    assertThat(outbox()).isEmpty();
  }

  @Test
  @DisplayName("holds redirects, blocks and abandonments under their own types; configuration stays out")
  void otherTypes() {
    try (Parley parley = start(true)) {
      Tenant acme = parley.tenant(ACME);
      assertThat(parley.keepsOutbox()).isTrue();
      acme.arrive(S1, Entry.builder(Channel.WEB_CHAT).group(SALES).client("v-1").build()).join();
      acme.accept(S1, ALICE).join();
      acme.submit(new Command.Redirect(S1, Actor.operator(ALICE), SALES, null, "over to you")).join();
      acme.submit(new Command.Block(new ClientRef(Channel.WEB_CHAT, "v-2"), Actor.operator(ALICE), "spam")).join();
      acme.arrive(SessionId.of("s-2"), Entry.builder(Channel.WEB_CHAT).group(SALES).client("v-2").build()).join();
    }

    assertThat(outbox()).extracting(OutboxRecord::type).containsSubsequence("session.accepted", "session.redirected",
        "client.blocked").doesNotContain("session.refused");
    assertThat(outbox()).filteredOn(r -> r.type().equals("session.redirected")).singleElement()
        .extracting(OutboxRecord::payload).asString().contains("\"reason\":\"REDIRECTED\"", "\"note\":\"over to you\"");
    assertThat(outbox()).extracting(OutboxRecord::type)
        .allSatisfy(type -> assertThat(EventType.ofWireName(type).wireName()).isEqualTo(type));
  }

  @Test
  @DisplayName("is written before the command is acknowledged, in the threaded engine too")
  void beforeAcknowledgement() throws Exception {
    try (Parley parley = Parley.builder().storage(storage).outbox().partitions(1).build()) {
      Tenant acme = parley.tenant(ACME);
      acme.defineGroup(GroupSpec.builder(SALES).build()).get(10, TimeUnit.SECONDS);
      List<Event> events = acme.arrive(S1, Entry.builder(Channel.WEB_CHAT).group(SALES).build()).get(10, TimeUnit.SECONDS);

      assertThat(events).hasSize(outbox().size()); // nobody online: refused, with the offline form
      assertThat(outbox()).extracting(OutboxRecord::type).containsExactly("session.refused");
      assertThat(outbox().get(0).payload()).isEqualTo("{\"actor\":\"system\",\"channel\":\"WEB_CHAT\",\"client\":null,"
          + "\"reason\":\"NOBODY_ONLINE\",\"offlineForm\":true,\"group\":\"sales\"}");
    }
  }

  @Test
  @DisplayName("cannot be kept by an engine that keeps nothing")
  void notWithKeepNothing() {
    assertThatThrownBy(() -> Parley.builder().keepNothing().outbox().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outbox()");
  }

  @Nested
  @DisplayName("beside other modules' configuration")
  class OtherModules {
    @Test
    @DisplayName("a restart leaves configuration kinds with a dot in their name alone")
    void dottedKindsAreSkipped() {
      try (Parley parley = start(true)) {
        parley.tenant(ACME).arrive(S1, Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
      }
      storage.config().put(new ConfigRecord("acme", "webhooks.subscription", "crm", Map.of("url", "https://crm/")));

      try (Parley again = Parley.builder().sameThread().clock(clock).storage(storage).outbox().build()) {
        assertThat(again.snapshot(ACME).sessions()).hasSize(1);
      }
    }
  }
}
