package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
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
import dev.parley.core.event.Event;
import dev.parley.core.event.EventType;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.OutboxRecord;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Every outbox payload the engine writes")
class OutboxPayloadTest {
  private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final GroupId SALES = GroupId.of("sales");
  private static final GroupId BOTS = GroupId.of("bots");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final OperatorId BOB = OperatorId.of("bob");

  @Test
  @DisplayName("of every type is one flat JSON object with unique names, its actor first, text kept exactly")
  void everyTypeIsFlatJson() {
    InMemoryStorage storage = new InMemoryStorage();
    String tricky = "line\nbreak \"quote\" \\ tab\t nul\u0000 \uD83D\uDE00 lone\uD800 \u2028";
    try (Parley parley = Parley.builder().sameThread().clock(new ManualClock(Instant.parse("2030-01-01T09:00:00Z")))
        .storage(storage).outbox().build()) {
      Tenant t = parley.tenant(TenantId.of("acme"));
      t.defineGroup(GroupSpec.builder(SALES).build()).join();
      t.arrive(SessionId.of("s-0"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join(); // refused
      t.submit(new Command.SubmitOfflineForm(SessionId.of("s-0"), Map.of("name", "Jana", "text", tricky))).join();
      t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
      t.defineOperator(OperatorSpec.builder(BOB).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
      t.setStatus(ALICE, OperatorStatus.ONLINE).join();
      SessionId s1 = SessionId.of("s-1");
      t.arrive(s1, Entry.builder(Channel.WEB_CHAT).group(SALES).client("v-1").language("cs").build()).join();
      t.decline(s1, ALICE).join();
      t.setStatus(BOB, OperatorStatus.away("lunch")).join();
      t.setStatus(BOB, OperatorStatus.ONLINE).join();
      t.accept(s1, offeredTo(t, s1)).join();
      t.submit(new Command.PostMessage(s1, Actor.CLIENT, "m-1", tricky,
          List.of(new Attachment("a.png", "image/png", 10, "https://files/a.png")))).join();
      t.post(s1, Actor.SYSTEM, "m-2", "Welcome").join();
      t.submit(new Command.Receipt(s1, "m-2", Event.Delivery.READ)).join();
      t.submit(new Command.Redirect(s1, Actor.admin("root"), SALES, null, tricky)).join();
      OperatorId second = offeredTo(t, s1);
      t.accept(s1, second).join();
      t.end(s1, Actor.operator(second)).join();
      t.submit(new Command.SendTranscript(s1, Actor.CLIENT, "jana@example.cz")).join();
      t.submit(new Command.CompleteWrapUp(s1, second, "sold", tricky)).join();
      t.submit(new Command.Feedback(s1, 5, tricky)).join();
      t.arrive(SessionId.of("s-2"), Entry.builder(Channel.WEB_CHAT).group(SALES).client("v-2").build()).join();
      t.submit(new Command.ClientConnection(SessionId.of("s-2"), "tab", false)).join();
      t.abandon(SessionId.of("s-2")).join();
      t.submit(new Command.OperatorConnection(BOB, "console", false)).join();
      ClientRef spammer = new ClientRef(Channel.WEB_CHAT, "v-3");
      t.submit(new Command.Block(spammer, Actor.admin("root"), tricky)).join();
      t.submit(new Command.Unblock(spammer, Actor.admin("root"))).join();
      ChatbotId faq = ChatbotId.of("faq");
      t.defineChatbot(ChatbotSpec.builder(faq, URI.create("https://bots.example/faq")).secret("0123456789abcdef").build()).join();
      t.defineGroup(GroupSpec.builder(BOTS).chatbot(faq).build()).join();
      t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).group(BOTS).channel(Channel.WEB_CHAT, 3).build()).join();
      for (String id : List.of("s-3", "s-4")) {
        t.arrive(SessionId.of(id), Entry.builder(Channel.WEB_CHAT).group(BOTS).client("v-" + id).build()).join();
      }
      t.submit(new Command.ChatbotHandOff(SessionId.of("s-3"), faq, SALES, Map.of("topic", tricky), tricky)).join();
      t.submit(new Command.ChatbotEnd(SessionId.of("s-4"), faq)).join();
    }

    List<OutboxRecord> outbox = storage.outbox().after("acme", 0, 1_000);
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    for (OutboxRecord r : outbox) {
      seen.add(EventType.ofWireName(r.type()));
      JsonNode json = STRICT.readTree(r.payload());
      assertThat(json.isObject()).as(r.payload()).isTrue();
      assertThat(json.propertyNames().iterator().next()).isEqualTo("actor");
      json.properties().forEach(p -> assertThat(p.getValue().isObject())
          .as("%s in %s is flat", p.getKey(), r.payload()).isFalse());
    }
    assertThat(seen).isEqualTo(EnumSet.allOf(EventType.class));
    assertThat(outbox).filteredOn(r -> r.type().equals("message.received")).singleElement()
        .satisfies(r -> assertThat(STRICT.readTree(r.payload()).get("text").asString())
            .isEqualTo(tricky));
    assertThat(outbox).filteredOn(r -> r.type().equals("session.offline_form")).singleElement()
        .satisfies(r -> assertThat(STRICT.readTree(r.payload()).get("text").asString()).endsWith(tricky.strip()));
    assertThat(outbox).filteredOn(r -> r.type().equals("session.feedback")).singleElement()
        .satisfies(r -> assertThat(STRICT.readTree(r.payload()).get("rating").asInt()).isEqualTo(5));
  }

  /** The operator the session is offered to now. */
  private static OperatorId offeredTo(Tenant t, SessionId s) {
    SessionView v = t.snapshot().session(s).orElseThrow();
    return v.operator() != null ? v.operator() : v.offeredTo().get(0);
  }
}
