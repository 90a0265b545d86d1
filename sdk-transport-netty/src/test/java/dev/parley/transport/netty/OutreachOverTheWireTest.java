package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.RetryPolicy;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.ManualClock;
import dev.parley.core.SessionId;
import dev.parley.storage.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Outreach over the operator's socket: contact a WhatsApp client again, '+' by template (the Graph API on a real local server)")
class OutreachOverTheWireTest {
  private static final SessionId ENDED = SessionId.of("wa-ended");
  private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T08:00:00Z"));
  private final MockWebServer graph = new MockWebServer();
  private Center center;

  @BeforeEach
  void start() throws Exception {
    graph.start(0);
    center = new Center(clock, (parley, b) -> b.gateway(Center.ACME, ChannelGateway.builder(parley, Center.ACME)
        .adapter(WhatsAppAdapter.builder("106540352242922", "token-1", "app-secret", "verify")
            .baseUrl(graph.url("/v23.0/").toString())
            .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(2), 2, Duration.ofSeconds(1))).build())
        .clock(clock).build()));
    center.acme.submit(new Command.ClientMessage(ENDED, Entry.builder(Channel.WHATSAPP).client("420777111222").build(),
        "wamid.in-1", "Is my order on its way?", List.of())).join();
    center.acme.setStatus(Center.ALICE, dev.parley.core.OperatorStatus.ONLINE).join();
    center.acme.accept(ENDED, Center.ALICE).join();
    center.acme.end(ENDED, Actor.operator(Center.ALICE)).join();
    center.acme.completeWrapUp(ENDED, Center.ALICE, "solved").join();
  }

  @AfterEach
  void stop() {
    center.close();
    graph.close();
  }

  private static MockResponse accepted(String id) {
    return new MockResponse.Builder().code(200)
        .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + id + "\"}]}").build();
  }

  @Test
  @DisplayName("within 24 hours 'contact' opens a linked session that is the operator's at once; after them it wants a template, which goes to the Graph API")
  void contact() throws Exception {
    Ws alice = center.console(center.operatorToken(Center.ALICE));
    clock.advance(Duration.ofHours(2));
    alice.send("{\"type\":\"contact\",\"session\":\"" + ENDED.value() + "\",\"ref\":\"c1\"}");

    JsonNode contacted = alice.next("contacted");
    assertThat(contacted.get("ref").asString()).isEqualTo("c1");
    SessionRecord reopened = center.storage.sessions().find("acme", contacted.get("session").asString()).orElseThrow();
    assertThat(reopened.status().name()).isEqualTo("ACTIVE");
    assertThat(reopened.operator()).contains("alice");
    assertThat(reopened.reopens()).contains(ENDED.value());
    center.acme.end(SessionId.of(reopened.id()), Actor.operator(Center.ALICE)).join();
    center.acme.completeWrapUp(SessionId.of(reopened.id()), Center.ALICE, "solved").join();

    clock.advance(Duration.ofHours(23));
    alice.send("{\"type\":\"contact\",\"session\":\"" + ENDED.value() + "\",\"ref\":\"c2\"}");
    assertThat(alice.next("error").get("code").asString()).isEqualTo("OutsideMessagingWindow");

    graph.enqueue(accepted("wamid.t-1"));
    alice.send("{\"type\":\"contact\",\"session\":\"" + ENDED.value() + "\",\"template\":{\"name\":\"order_update\","
        + "\"language\":\"en_US\",\"parameters\":[\"42\"]},\"ref\":\"c3\"}");
    assertThat(alice.next("contacted").get("ref").asString()).isEqualTo("c3");
    RecordedRequest sent = graph.takeRequest(10, TimeUnit.SECONDS);
    assertThat(sent.getBody().utf8()).contains("\"to\":\"420777111222\"").contains("\"type\":\"template\"")
        .contains("\"name\":\"order_update\"");
  }

  @Test
  @DisplayName("'+' starts a WhatsApp conversation by template to a number; without a template, or a call without telephony, it is refused")
  void outreach() throws Exception {
    Ws alice = center.console(center.operatorToken(Center.ALICE));
    graph.enqueue(accepted("wamid.t-2"));
    alice.send("{\"type\":\"outreach\",\"channel\":\"whatsapp\",\"to\":\"420601123456\",\"group\":\"sales\","
        + "\"template\":{\"name\":\"hello\",\"language\":\"cs\"},\"ref\":\"o1\"}");

    String session = alice.next("contacted").get("session").asString();
    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("\"to\":\"420601123456\"")
        .contains("\"name\":\"hello\"");
    SessionRecord record = center.storage.sessions().find("acme", session).orElseThrow();
    assertThat(record.status().name()).isEqualTo("ACTIVE");
    assertThat(record.client()).contains("420601123456");
    assertThat(record.notes()).singleElement().satisfies(n -> assertThat(n.text()).contains("Sent the template hello"));

    alice.send("{\"type\":\"outreach\",\"channel\":\"whatsapp\",\"to\":\"420601999999\",\"ref\":\"o2\"}");
    assertThat(alice.next("error").get("code").asString()).isEqualTo("Malformed");
    alice.send("{\"type\":\"outreach\",\"channel\":\"phone\",\"to\":\"+420601999999\",\"ref\":\"o3\"}");
    JsonNode refused = alice.next("error");
    assertThat(refused.get("code").asString()).isEqualTo("IllegalState");
    assertThat(refused.get("message").asString()).contains("places no calls");
  }
}
