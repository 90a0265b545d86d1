package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Command;
import dev.parley.core.GroupSpec;
import dev.parley.core.SessionId;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("A web chat from the widget's socket to the operator's console and back")
class WebChatFlowTest {
  private final Center center = new Center();

  @AfterEach
  void stop() {
    center.close();
  }

  private Ws client(String extra) {
    Request request = new Request.Builder().url(center.url("/ws/client"))
        .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
        .header("Accept-Language", "cs-CZ,cs;q=0.9").header("Origin", "https://shop.example").build();
    Ws ws = new Ws(center.http, request);
    ws.opened.join();
    ws.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"name\":\"Jana\",\"widget\":\"support\","
        + "\"pageUrl\":\"https://shop.example/cart\"" + extra + "}");
    return ws;
  }

  @Test
  @DisplayName("enter, offer, accept, messages and typing both ways, tags and notes, end, wrap-up, feedback")
  void fullFlow() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws jana = client("");
    JsonNode entered = jana.next("entered");
    String session = entered.get("session").asString();
    assertThat(entered.get("token").asString()).contains(".");

    JsonNode offer = alice.next("offer");
    assertThat(offer.get("session").asString()).isEqualTo(session);
    assertThat(offer.at("/preview/entry/name").asString()).isEqualTo("Jana");
    assertThat(offer.at("/preview/entry/browser").asString()).isEqualTo("Chrome");
    assertThat(offer.at("/preview/entry/os").asString()).isEqualTo("Windows");
    assertThat(offer.at("/preview/entry/language").asString()).isEqualTo("cs");
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a1\"}");
    assertThat(alice.next("ok").get("ref").asString()).isEqualTo("a1");
    assertThat(jana.next("joined").get("operator").asString()).isEqualTo("alice");

    jana.send("{\"type\":\"typing\"}");
    assertThat(alice.next("typing").get("session").asString()).isEqualTo(session);
    jana.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"Where is my parcel?\",\"attachments\":[{\"name\":\"receipt.png\","
        + "\"contentType\":\"image/png\",\"size\":1234,\"url\":\"https://files.example/r.png\"}]}");
    JsonNode heard = alice.next("message");
    assertThat(heard.get("text").asString()).isEqualTo("Where is my parcel?");
    assertThat(heard.at("/attachments/0/name").asString()).isEqualTo("receipt.png");
    alice.send("{\"type\":\"typing\",\"session\":\"" + session + "\"}");
    jana.next("typing");
    alice.send("{\"type\":\"send\",\"session\":\"" + session + "\",\"text\":\"On its way.\"}");
    assertThat(jana.next("message").get("text").asString()).isEqualTo("On its way.");

    alice.send("{\"type\":\"tag\",\"session\":\"" + session + "\",\"tag\":\"delivery\"}");
    alice.send("{\"type\":\"note\",\"session\":\"" + session + "\",\"text\":\"asked twice\"}");
    alice.send("{\"type\":\"parameter\",\"session\":\"" + session + "\",\"name\":\"order\",\"value\":\"42\"}");
    alice.send("{\"type\":\"client_info\",\"session\":\"" + session + "\",\"email\":\"jana@example.cz\"}");
    assertThat(alice.next("updated").get("tag").asString()).isEqualTo("delivery");
    alice.send("{\"type\":\"picker\",\"ref\":\"p1\"}");
    assertThat(alice.next("picker").at("/groups/0/group").asString()).isEqualTo("sales");

    alice.send("{\"type\":\"end\",\"session\":\"" + session + "\"}");
    assertThat(jana.next("ended").get("reason").asString()).isEqualTo("OPERATOR_ENDED");
    assertThat(alice.next("ended").get("state").asString()).isEqualTo("WRAP_UP");
    alice.send("{\"type\":\"wrapup\",\"session\":\"" + session + "\",\"result\":\"solved\",\"note\":\"sent tracking\"}");
    alice.next("wrapped");
    jana.send("{\"type\":\"feedback\",\"rating\":5,\"comment\":\"quick\",\"ref\":\"f1\"}");
    assertThat(jana.next("ok").get("ref").asString()).isEqualTo("f1");

    SessionRecord stored = center.storage.sessions().find("acme", session).orElseThrow();
    assertThat(stored.result()).contains("solved");
    assertThat(stored.rating()).contains(5);
    assertThat(stored.tags()).containsExactly("delivery");
    assertThat(stored.parameters()).containsEntry("order", "42");
    assertThat(stored.email()).contains("jana@example.cz");
    assertThat(stored.notes()).extracting(n -> n.text()).contains("asked twice");
    assertThat(center.storage.transcripts().transcript("acme", session)).extracting(MessageRecord::text)
        .containsExactly("Where is my parcel?", "On its way.");
  }

  @Test
  @DisplayName("a client of a group with a chatbot hears the bot first, then is handed to an operator; leaving the bot abandons")
  void chatbotFirst() throws Exception {
    ChatbotId faq = ChatbotId.of("faq");
    center.acme.defineChatbot(ChatbotSpec.builder(faq, URI.create("http://127.0.0.1:9/faq")).secret("0123456789abcdef").build()).join();
    center.acme.defineGroup(GroupSpec.builder(Center.SALES).offerTimeout(Duration.ofMinutes(5)).chatbot(faq).build()).join();
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws jana = client("");
    SessionId session = SessionId.of(jana.next("entered").get("session").asString());

    center.acme.post(session, Actor.bot(faq), "b1", "Hi, I am the FAQ bot.").join();
    JsonNode hello = jana.next("message");
    assertThat(hello.get("from").asString()).isEqualTo("bot");
    assertThat(hello.get("author").asString()).isEqualTo("faq");
    center.acme.submit(new Command.ChatbotHandOff(session, faq, Center.SALES, Map.of(), "wants a person")).join();
    assertThat(jana.next("transferred").get("reason").asString()).isEqualTo("HANDED_OFF");
    assertThat(alice.next("offer").at("/preview/chatbot").asString()).isEqualTo("faq");

    Ws other = client("");
    String left = other.next("entered").get("session").asString();
    leavesAbandoned(other, left);
  }

  /** The waiting client leaves: his leave is acknowledged and his session is stored abandoned. */
  private void leavesAbandoned(Ws client, String session) throws InterruptedException {
    client.send("{\"type\":\"leave\",\"ref\":\"bye\"}");
    assertThat(client.next("ok").get("ref").asString()).isEqualTo("bye");
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().status().name()).isEqualTo("ABANDONED");
  }

  @Test
  @DisplayName("a waiting client hears his place in the queue (the estimate once the engine can tell); the operator sees him and what he wrote")
  void queue() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    List<Ws> first = List.of(client(""), client(""), client(""));
    for (Ws ws : first) {
      ws.next("entered");
    }
    Ws fourth = client("");
    String session = fourth.next("entered").get("session").asString();

    JsonNode queue = fourth.next("queue");
    assertThat(queue.get("position").asInt()).isEqualTo(1);
    assertThat(queue.has("estimatedWaitSeconds")).as("the engine's estimate: nobody was served yet, so it cannot tell")
        .isFalse();
    JsonNode waiting;
    do {
      waiting = alice.next("waiting");
    } while (waiting.get("items").valueStream().noneMatch(v -> v.get("session").asString().equals(session)));
    fourth.send("{\"type\":\"message\",\"id\":\"m-1\",\"text\":\"Is anyone there?\",\"ref\":\"m\"}");
    assertThat(fourth.next("ok").get("ref").asString()).isEqualTo("m");
    alice.send("{\"type\":\"preview\",\"session\":\"" + session + "\"}");
    JsonNode preview = alice.next("preview");
    assertThat(preview.at("/preview/entry/widget").asString()).isEqualTo("support");
    assertThat(preview.at("/messages/0/from").asString()).isEqualTo("client");
    assertThat(preview.at("/messages/0/text").asString()).isEqualTo("Is anyone there?");

    leavesAbandoned(fourth, session);
  }

  @Test
  @DisplayName("the preview of a returning client lists his earlier sessions with their tags, parameters and notes")
  void previewWithPastSessions() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws first = client(",\"visitor\":\"visitor-jana\"");
    String earlier = first.next("entered").get("session").asString();
    assertThat(alice.next("offer").get("session").asString()).isEqualTo(earlier);
    alice.send("{\"type\":\"accept\",\"session\":\"" + earlier + "\"}");
    first.next("joined");
    for (String frame : List.of("{\"type\":\"tag\",\"tag\":\"delivery\",\"on\":true", "{\"type\":\"note\",\"text\":\"asked twice\"",
        "{\"type\":\"parameter\",\"name\":\"orderId\",\"value\":\"42\"", "{\"type\":\"end\"")) {
      alice.send(frame + ",\"session\":\"" + earlier + "\",\"ref\":\"r\"}");
      alice.next("ok");
    }
    alice.send("{\"type\":\"wrapup\",\"session\":\"" + earlier + "\",\"result\":\"solved\",\"ref\":\"w\"}");
    alice.next("ok");
    client(""); // another visitor: not his past

    Ws again = client(",\"visitor\":\"visitor-jana\"");
    String now = again.next("entered").get("session").asString();
    JsonNode offer;
    do {
      offer = alice.next("offer");
    } while (!offer.get("session").asString().equals(now));
    alice.send("{\"type\":\"preview\",\"session\":\"" + now + "\",\"ref\":\"v\"}");
    JsonNode past = alice.next("preview").get("past");

    assertThat(past).hasSize(1);
    assertThat(past.at("/0/id").asString()).isEqualTo(earlier);
    assertThat(past.at("/0/tags/0").asString()).isEqualTo("delivery");
    assertThat(past.at("/0/parameters/orderId").asString()).isEqualTo("42");
    assertThat(past.at("/0/notes/0/text").asString()).isEqualTo("asked twice");
    assertThat(past.at("/0/result").asString()).isEqualTo("solved");
  }

  @Test
  @DisplayName("an operator goes away and back, switches a channel, invites, redirects with a note, and blocks")
  void operatorActions() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws bob = center.console(center.operatorToken(Center.BOB));
    alice.send("{\"type\":\"status\",\"presence\":\"away\",\"reason\":\"lunch\"}");
    JsonNode away;
    do { // the login's own ONLINE may be pushed after the welcome
      away = alice.next("status");
    } while (!away.get("presence").asString().equals("AWAY"));
    assertThat(away.get("reason").asString()).isEqualTo("lunch");
    alice.send("{\"type\":\"switch\",\"channel\":\"whatsapp\",\"on\":false}");
    assertThat(alice.next("switched").get("on").asBoolean()).isFalse();
    alice.send("{\"type\":\"status\",\"presence\":\"online\"}");
    assertThat(alice.next("status").get("presence").asString()).isEqualTo("ONLINE");

    alice.send("{\"type\":\"invitation\",\"ref\":\"i1\"}");
    String code = alice.next("invitation").get("code").asString();
    Ws jana = client(",\"invitation\":\"" + code + "\"");
    String session = jana.next("entered").get("session").asString();
    assertThat(alice.next("offer").get("session").asString()).isEqualTo(session);
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\"}");
    jana.next("joined");

    alice.send("{\"type\":\"invite\",\"session\":\"" + session + "\",\"operator\":\"bob\"}");
    assertThat(bob.next("invited").get("by").asString()).isEqualTo("alice");
    bob.send("{\"type\":\"leave\",\"session\":\"" + session + "\",\"ref\":\"b1\"}");
    bob.next("ok");
    alice.send("{\"type\":\"redirect\",\"session\":\"" + session + "\",\"operator\":\"bob\",\"note\":\"speaks Czech\"}");
    assertThat(alice.next("released").get("reason").asString()).isEqualTo("REDIRECTED");
    assertThat(jana.next("transferred").get("reason").asString()).isEqualTo("REDIRECTED");
    JsonNode offer = bob.next("offer");
    assertThat(offer.at("/preview/notes/0/text").asString()).isEqualTo("speaks Czech");
    bob.send("{\"type\":\"accept\",\"session\":\"" + session + "\"}");
    assertThat(jana.next("joined").get("operator").asString()).isEqualTo("bob");

    bob.send("{\"type\":\"block\",\"session\":\"" + session + "\",\"reason\":\"abusive\"}");
    assertThat(jana.next("ended").get("reason").asString()).isEqualTo("CLIENT_BLOCKED");
    assertThat(center.storage.blacklist().list("acme")).singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo("abusive"));
  }

  @Test
  @DisplayName("a client back on a new connection resumes his session with its token and hears the operator")
  void resume() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws first = client("");
    JsonNode entered = first.next("entered");
    String session = entered.get("session").asString();
    alice.next("offer");
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\"}");
    first.next("joined");
    first.close();

    Ws again = Ws.open(center, "/ws/client");
    again.send("{\"type\":\"resume\",\"session\":\"" + session + "\",\"token\":\"" + entered.get("token").asString() + "\"}");
    assertThat(again.next("resumed").get("state").asString()).isEqualTo("ACTIVE");
    alice.send("{\"type\":\"send\",\"session\":\"" + session + "\",\"text\":\"Still there?\"}");
    assertThat(again.next("message").get("text").asString()).isEqualTo("Still there?");
  }
}
