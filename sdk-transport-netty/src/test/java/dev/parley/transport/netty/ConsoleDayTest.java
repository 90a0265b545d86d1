package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static dev.parley.transport.netty.Center.BOB;
import static dev.parley.transport.netty.Center.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.Fixtures;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Parley;
import dev.parley.core.TenantSettings;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.TemplateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("The operator's day over the console's socket: templates, the client tab, contacts, tags, away reasons, rich messages")
class ConsoleDayTest {
  private final MockWebServer graph = new MockWebServer();
  private final Center center = new Center((parley, b) -> b.gateway(ACME, gateway(parley)));

  private ChannelGateway gateway(Parley parley) {
    try {
      graph.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ChannelGateway.builder(parley, ACME)
        .adapter(WhatsAppAdapter.builder("106540352242922", "token-1", Fixtures.APP_SECRET, "meatyhamhock")
            .baseUrl(graph.url("/v23.0/").toString()).build())
        .build();
  }

  @AfterEach
  void stop() {
    center.close();
    graph.close();
  }

  /** A web-chat client Jana served by alice: her session's id. */
  private String servedBy(Ws alice) throws InterruptedException {
    Ws jana = Ws.open(center, "/ws/client");
    jana.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"name\":\"Jana\",\"visitor\":\"visitor-jana\"}");
    String session = jana.next("entered").get("session").asString();
    alice.next("offer");
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a\"}");
    alice.next("ok");
    return session;
  }

  private static JsonNode ask(Ws console, String frame, String answer) throws InterruptedException {
    console.send(frame);
    return console.next(answer);
  }

  @Test
  @DisplayName("templates: the tenant's and his own, starred first, searched, filled for the session; others' are out of reach")
  void templates() throws Exception {
    center.storage.templates().put(new TemplateRecord("acme", "t-hello", "Hello", "Hello {client}, I am {operator}.", null));
    center.storage.templates().put(new TemplateRecord("acme", "t-bye", "Bye", "Goodbye!", null));
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws bob = center.console(center.operatorToken(BOB));
    String session = servedBy(alice);

    String coffee = ask(alice, "{\"type\":\"template_save\",\"title\":\"Coffee\",\"text\":\"One moment, {client}\",\"ref\":\"s\"}",
        "template").at("/template/id").asString();
    assertThat(ask(alice, "{\"type\":\"template_star\",\"template\":\"t-hello\",\"ref\":\"st\"}", "starred")
        .get("on").asBoolean()).isTrue();
    JsonNode mine = ask(alice, "{\"type\":\"templates\",\"session\":\"" + session + "\",\"ref\":\"t1\"}", "templates");

    assertThat(mine.get("ref").asString()).isEqualTo("t1");
    assertThat(mine.get("items")).extracting(t -> t.get("title").asString()).containsExactly("Hello", "Bye", "Coffee");
    assertThat(mine.at("/items/0/starred").asBoolean()).isTrue();
    assertThat(mine.at("/items/0/text").asString()).isEqualTo("Hello Jana, I am alice.");
    assertThat(mine.at("/items/2/own").asBoolean()).isTrue();
    assertThat(mine.at("/items/2/text").asString()).isEqualTo("One moment, Jana");
    JsonNode found = ask(alice, "{\"type\":\"templates\",\"query\":\"MOMENT\",\"ref\":\"t2\"}", "templates");
    assertThat(found.get("items")).singleElement().satisfies(t -> {
      assertThat(t.get("id").asString()).isEqualTo(coffee);
      assertThat(t.get("text").asString()).isEqualTo("One moment, {client}");
    });

    JsonNode bobs = ask(bob, "{\"type\":\"templates\",\"ref\":\"t3\"}", "templates");
    assertThat(bobs.get("items")).extracting(t -> t.get("title").asString()).containsExactly("Bye", "Hello");
    assertThat(bobs.get("items")).allSatisfy(t -> assertThat(t.get("starred").asBoolean()).isFalse());
    bob.send("{\"type\":\"template_remove\",\"template\":\"t-hello\"}");
    bob.error("NotPermitted");
    bob.send("{\"type\":\"template_save\",\"id\":\"t-bye\",\"title\":\"Bye\",\"text\":\"Ciao\"}");
    bob.error("NotPermitted");
    bob.send("{\"type\":\"template_remove\",\"template\":\"" + coffee + "\"}");
    bob.error("NoSuchTemplate");
    bob.send("{\"type\":\"template_star\",\"template\":\"" + coffee + "\"}");
    bob.error("NoSuchTemplate");
    bob.send("{\"type\":\"templates\",\"session\":\"" + session + "\"}");
    bob.error("NotPermitted");
    assertThat(center.storage.templates().find("acme", "t-bye").orElseThrow().text()).isEqualTo("Goodbye!");
    assertThat(center.storage.templates().starred("acme", "bob")).isEmpty();

    ask(alice, "{\"type\":\"template_remove\",\"template\":\"" + coffee + "\",\"ref\":\"r\"}", "template_removed");
    assertThat(center.storage.templates().list("acme")).extracting(TemplateRecord::id).containsExactly("t-bye", "t-hello");
  }

  @Test
  @DisplayName("the client tab's edits reach the record and the contact; a contact is added, detailed, found, unlinked, linked, removed")
  void clientTabAndContacts() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws bob = center.console(center.operatorToken(BOB));
    String session = servedBy(alice);
    bob.send("{\"type\":\"contact_add\",\"session\":\"" + session + "\"}");
    bob.error("NotPermitted");
    assertThat(center.storage.contacts().list("acme", null, 10).items()).isEmpty();

    alice.send("{\"type\":\"client_info\",\"session\":\"" + session + "\",\"email\":\"jana@example.cz\",\"ids\":{\"crmId\":\"C-7\"},"
        + "\"ref\":\"c1\"}");
    assertThat(alice.next("updated").at("/client/field").asString()).isEqualTo("email");
    alice.next("ok");
    SessionRecord record = center.storage.sessions().find("acme", session).orElseThrow();
    assertThat(record.email()).contains("jana@example.cz");
    assertThat(record.parameters()).containsEntry("crmId", "C-7");

    alice.send("{\"type\":\"contact_add\",\"session\":\"" + session + "\",\"ref\":\"ca\"}");
    JsonNode updated;
    do { // after the edits' own
      updated = alice.next("updated");
    } while (!updated.has("contact"));
    JsonNode added = alice.next("contact"); // the session's operators are told first
    String contact = added.at("/contact/id").asString();
    assertThat(updated.at("/contact/id").asString()).isEqualTo(contact);
    assertThat(updated.get("by").asString()).isEqualTo("operator:alice");
    assertThat(added.at("/contact/name").asString()).isEqualTo("Jana");
    assertThat(added.at("/contact/identities")).extracting(i -> i.get("value").asString())
        .contains("jana@example.cz", "WEB_CHAT:visitor-jana");
    assertThat(added.at("/sessions/0/id").asString()).isEqualTo(session);

    JsonNode detailed = ask(alice, "{\"type\":\"contact_details\",\"contact\":\"" + contact + "\",\"identities\":[{\"kind\":\"phone\","
        + "\"value\":\"+420601123456\"}],\"details\":{\"company\":\"Acme\"},\"ref\":\"cd\"}", "contact");
    assertThat(detailed.at("/contact/details/company").asString()).isEqualTo("Acme");
    ask(alice, "{\"type\":\"client_info\",\"session\":\"" + session + "\",\"name\":\"Jana Nováková\",\"ref\":\"c2\"}", "ok");
    assertThat(ask(alice, "{\"type\":\"contact_open\",\"contact\":\"" + contact + "\",\"ref\":\"o\"}", "contact")
        .at("/contact/name").asString()).isEqualTo("Jana Nováková");
    assertThat(ask(alice, "{\"type\":\"contacts\",\"query\":\"+420601123456\",\"ref\":\"f1\"}", "contacts")
        .at("/items/0/id").asString()).isEqualTo(contact);
    assertThat(ask(alice, "{\"type\":\"contacts\",\"query\":\"nováková\",\"ref\":\"f2\"}", "contacts").get("items")).hasSize(1);

    ask(alice, "{\"type\":\"contact_unlink\",\"session\":\"" + session + "\",\"ref\":\"u\"}", "unlinked");
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().contact()).isEmpty();
    ask(alice, "{\"type\":\"contact_link\",\"session\":\"" + session + "\",\"contact\":\"" + contact + "\",\"ref\":\"l\"}", "contact");
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().contact()).contains(contact);
    assertThat(ask(alice, "{\"type\":\"preview\",\"session\":\"" + session + "\",\"ref\":\"p\"}", "preview")
        .at("/contact/id").asString()).isEqualTo(contact);
    alice.send("{\"type\":\"contact_link\",\"session\":\"" + session + "\",\"contact\":\"nope\"}");
    alice.error("NoSuchContact");
    alice.send("{\"type\":\"contact_details\",\"contact\":\"" + contact + "\",\"identities\":[{\"kind\":\"fax\",\"value\":\"1\"}]}");
    alice.error("InvalidArgument");

    ask(alice, "{\"type\":\"contact_remove\",\"contact\":\"" + contact + "\",\"ref\":\"rm\"}", "contact_removed");
    assertThat(center.storage.contacts().find("acme", contact)).isEmpty();
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().contact()).isEmpty();
    alice.send("{\"type\":\"contact_open\",\"contact\":\"" + contact + "\"}");
    alice.error("NoSuchContact");
  }

  @Test
  @DisplayName("the welcome brings the away reasons and the tag catalogue with colours; his tags come back as suggestions")
  void tagsAndAwayReasons() throws Exception {
    center.acme.configure(TenantSettings.builder().defaultGroup(SALES).awayReasons(List.of("lunch", "training"))
        .tag("delivery", "#1E88E5").tag("refund", "#e53935").build()).join();
    Ws alice = Ws.open(center, "/ws/operator");
    JsonNode welcome = ask(alice, "{\"type\":\"login\",\"token\":\"" + center.operatorToken(ALICE) + "\"}", "welcome");

    assertThat(welcome.get("awayReasons")).extracting(JsonNode::asString).containsExactly("lunch", "training");
    assertThat(welcome.at("/tags/catalogue")).extracting(t -> t.get("tag").asString() + " " + t.get("colour").asString())
        .containsExactly("delivery #1e88e5", "refund #e53935");
    assertThat(welcome.at("/tags/recent")).isEmpty();
    String session = servedBy(alice);
    ask(alice, "{\"type\":\"tag\",\"session\":\"" + session + "\",\"tag\":\"vip\",\"ref\":\"t\"}", "ok");
    ask(alice, "{\"type\":\"tag\",\"session\":\"" + session + "\",\"tag\":\"vip\",\"on\":false,\"ref\":\"t2\"}", "ok");
    assertThat(ask(alice, "{\"type\":\"tags\",\"ref\":\"s\"}", "tags").get("recent")).extracting(JsonNode::asString)
        .containsExactly("vip");
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().tags()).isEmpty();

    alice.send("{\"type\":\"status\",\"presence\":\"away\",\"reason\":\"gym\"}");
    alice.error("InvalidArgument");
    alice.send("{\"type\":\"status\",\"presence\":\"away\",\"reason\":\"training\"}");
    JsonNode status;
    do {
      status = alice.next("status");
    } while (!status.get("presence").asString().equals("AWAY"));
    assertThat(status.get("reason").asString()).isEqualTo("training");

    center.acme.configure(TenantSettings.builder().defaultGroup(SALES).awayReasons(List.of("lunch", "training", "coaching"))
        .tag("delivery", "#1e88e5").build()).join();
    JsonNode settings = alice.next("settings");
    assertThat(settings.get("awayReasons")).extracting(JsonNode::asString).containsExactly("lunch", "training", "coaching");
    assertThat(settings.get("catalogue")).extracting(t -> t.get("tag").asString()).containsExactly("delivery");
  }

  @Test
  @DisplayName("a template message and a hero card go to WhatsApp through the gateway; a card to a web chat is refused by type")
  void richMessages() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    String chat = servedBy(alice);
    alice.send("{\"type\":\"card\",\"session\":\"" + chat + "\",\"title\":\"Blue shirt\",\"ref\":\"k\"}");
    assertThat(alice.error("UnsupportedMessage").get("message").asString()).contains("WEB_CHAT does not carry CARD");
    assertThat(center.storage.transcripts().transcript("acme", chat)).isEmpty();

    center.call(new Request.Builder().url(center.url("/webhooks/whatsapp"))
        .header("X-Hub-Signature-256", Fixtures.hubSignature("whatsapp/incoming-text.signature.txt"))
        .post(RequestBody.create(Fixtures.bytes("whatsapp/incoming-text.json"), Center.JSON)).build());
    String whatsApp = alice.next("offer").get("session").asString();
    ask(alice, "{\"type\":\"accept\",\"session\":\"" + whatsApp + "\",\"ref\":\"a2\"}", "ok");
    for (String id : List.of("wamid.template", "wamid.card")) {
      graph.enqueue(new MockResponse.Builder().code(200)
          .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + id + "\"}]}").build());
    }

    ask(alice, "{\"type\":\"wa_template\",\"session\":\"" + whatsApp + "\",\"id\":\"w1\",\"name\":\"order_ready\","
        + "\"language\":\"en_US\",\"parameters\":[\"Sheena\"],\"ref\":\"w\"}", "ok");
    RecordedRequest template = graph.takeRequest(10, TimeUnit.SECONDS);
    assertThat(template.getBody().utf8()).contains("\"template\"").contains("order_ready").contains("Sheena");
    ask(alice, "{\"type\":\"card\",\"session\":\"" + whatsApp + "\",\"id\":\"k1\",\"title\":\"Blue shirt\",\"subtitle\":\"In stock\","
        + "\"buttons\":[{\"title\":\"Buy\",\"payload\":\"buy-blue\"}],\"ref\":\"k2\"}", "ok");
    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("Blue shirt").contains("buy-blue");
    assertThat(center.storage.transcripts().transcript("acme", whatsApp)).extracting(MessageRecord::text)
        .contains("template order_ready (en_US): Sheena", "Blue shirt\nIn stock\n[Buy]");
    alice.send("{\"type\":\"card\",\"session\":\"" + whatsApp + "\",\"title\":\"x\",\"imageUrl\":\"javascript:alert(1)\"}");
    alice.error("InvalidArgument");
  }
}
