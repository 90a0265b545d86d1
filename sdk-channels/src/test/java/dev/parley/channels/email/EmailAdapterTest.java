package dev.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.Fixtures;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("E-mail: RFC 5322 in, SMTP out")
class EmailAdapterTest {
  private static final ClientRef JOHN = new ClientRef(Channel.EMAIL, "jdoe@machine.example");
  private TinySmtpServer smtp;
  private EmailAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    smtp = new TinySmtpServer();
    adapter = EmailAdapter.builder("support@shop.example").fromName("Shop support")
        .clock(new ManualClock(Instant.parse("2026-03-02T09:00:00Z")))
        .smtp("127.0.0.1", smtp.port()).timeout(Duration.ofSeconds(5))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(1)))
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    smtp.close();
  }

  private InboundResult.Delivery receive(String fixture) {
    return (InboundResult.Delivery) adapter.receive(
        InboundRequest.builder("POST", URI.create("/mail")).body(Fixtures.bytes("email/" + fixture)).build());
  }

  private static ClientMessage only(InboundResult.Delivery d) {
    assertThat(d.items()).hasSize(1);
    return (ClientMessage) d.items().get(0);
  }

  @Test
  @DisplayName("RFC 5322's simple message: sender, name, id, subject, date and text")
  void simple() {
    ClientMessage m = only(receive("rfc5322-A.1.1-simple.eml"));

    assertThat(m.client()).isEqualTo(JOHN);
    assertThat(m.entry().name()).contains("John Doe");
    assertThat(m.entry().subject()).contains("Saying Hello");
    assertThat(m.id()).isEqualTo("<1234@local.machine.example>");
    assertThat(m.at()).isEqualTo(Instant.parse("1997-11-21T15:55:06Z"));
    assertThat(m.text()).isEqualTo("This is a message just to say hello.\r\nSo, \"Hello\".");
    assertThat(m.thread()).contains("<1234@local.machine.example>");
  }

  @Test
  @DisplayName("RFC 5322's reply is threaded under the message it answers")
  void reply() {
    ClientMessage m = only(receive("rfc5322-A.2-reply.eml"));

    assertThat(m.client()).isEqualTo(new ClientRef(Channel.EMAIL, "mary@example.net"));
    assertThat(m.replyTo()).contains("<1234@local.machine.example>");
    assertThat(m.thread()).contains("<1234@local.machine.example>");
  }

  @Test
  @DisplayName("encoded words and quoted-printable UTF-8 are decoded; the plain part wins over HTML")
  void multipartUtf8() {
    ClientMessage m = only(receive("multipart-alternative-utf8.eml"));

    assertThat(m.entry().name()).contains("Иван Петров");
    assertThat(m.entry().subject()).contains("Заказ 42");
    assertThat(m.text()).isEqualTo("Привет");
    assertThat(m.replyTo()).contains("<prev@example.com>");
  }

  @Test
  @DisplayName("the same message relayed twice reaches the engine once")
  void duplicate() {
    receive("rfc5322-A.1.1-simple.eml");

    assertThat(receive("rfc5322-A.1.1-simple.eml").duplicates()).containsExactly("<1234@local.machine.example>");
  }

  @Test
  @DisplayName("a reply goes over SMTP from the mailbox, threaded under the client's message")
  void send() throws Exception {
    Outgoing reply = Outgoing.builder(JOHN, new OutboundMessage.Text("Hello to you, John."))
        .replyTo("<1234@local.machine.example>").subject("Re: Saying Hello").build();

    SendOutcome outcome = adapter.send(reply).toCompletableFuture().get(10, TimeUnit.SECONDS);

    String mail = smtp.messages.poll(5, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Sent.class, s -> {
      assertThat(s.attempts()).isEqualTo(1);
      assertThat(s.messageId()).matches("<[0-9a-f-]{36}@shop\\.example>");
      assertThat(mail).contains("Message-ID: " + s.messageId());
    });
    assertThat(mail).contains("From: Shop support <support@shop.example>", "To: jdoe@machine.example",
        "Subject: Re: Saying Hello", "In-Reply-To: <1234@local.machine.example>",
        "References: <1234@local.machine.example>", "Hello to you, John.");
  }

  @Test
  @DisplayName("the transcript is mailed as text")
  void transcript() throws Exception {
    var transcript = new OutboundMessage.Transcript(List.of(
        new OutboundMessage.Transcript.Line(Instant.parse("2026-03-02T09:00:00Z"), "John", "Hi"),
        new OutboundMessage.Transcript.Line(Instant.parse("2026-03-02T09:01:00Z"), "Alice", "Hello John")));

    adapter.send(Outgoing.of(JOHN, transcript)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(smtp.messages.poll(5, TimeUnit.SECONDS)).contains("Subject: Transcript of your conversation",
        "[2026-03-02T09:00:00Z] John: Hi", "[2026-03-02T09:01:00Z] Alice: Hello John");
  }

  @Test
  @DisplayName("a temporary SMTP refusal is retried; a permanent one is not")
  void smtpReplies() throws Exception {
    smtp.rcptReplies.add("451 4.3.0 Try again later");
    assertThat(adapter.send(Outgoing.of(JOHN, new OutboundMessage.Text("a"))).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(SendOutcome.Sent.class, s -> assertThat(s.attempts()).isEqualTo(2));

    smtp.rcptReplies.add("550 5.1.1 No such user");
    assertThat(adapter.send(Outgoing.of(JOHN, new OutboundMessage.Text("b"))).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.status()).isEqualTo(550));
  }

  @Test
  @DisplayName("typing has no e-mail form")
  void typing() throws Exception {
    assertThat(adapter.send(Outgoing.of(JOHN, new OutboundMessage.Typing(true))).toCompletableFuture().get())
        .isEqualTo(new SendOutcome.Unsupported(OutboundMessage.Kind.TYPING));
  }

  private ClientMessage mail(String resource) {
    return only((InboundResult.Delivery) adapter.receive(InboundRequest.builder("POST", URI.create("/mail"))
        .body(Fixtures.resource("email/" + resource)).build()));
  }

  @Test
  @DisplayName("RFC 5322 A.5: comments and folding in the address and the date do not refuse the message")
  void commentsInAddresses() {
    ClientMessage m = mail("rfc5322-A.5-comments.eml");

    assertThat(m.client()).isEqualTo(new ClientRef(Channel.EMAIL, "pete@silly.test"));
    assertThat(m.entry().name()).contains("Pete");
    assertThat(m.id()).isEqualTo("<testabcd.1234@silly.test>");
    assertThat(m.at()).isEqualTo(Instant.parse("1969-02-14T03:02:00Z"));
    assertThat(m.text()).isEqualTo("Testing.");
  }

  @Test
  @DisplayName("RFC 2047 section 8: encoded words in two charsets across a folded subject are one text")
  void rfc2047Example() {
    ClientMessage m = mail("rfc2047-section8.eml");

    assertThat(m.entry().name()).contains("Keith Moore");
    assertThat(m.entry().subject()).contains("If you can read this you understand the example.");
  }

  @Test
  @DisplayName("ISO-8859-2, KOI8-R and UTF-8 words decode, and a soft line break inside a UTF-8 sequence joins it")
  void severalCharsets() {
    ClientMessage m = mail("several-charsets.eml");

    assertThat(m.entry().name()).contains("Jiří Černý");
    assertThat(m.entry().subject()).contains("Где мой заказ? — objednávka 42");
    assertThat(m.text()).isEqualTo("Příliš žluťoučký kůň úpěl ďábelské ódy.");
  }

  @Test
  @DisplayName("an HTML-only mail becomes its text: every entity decoded (&nbsp; as a space), scripts and styles gone, lines kept")
  void htmlOnly() {
    assertThat(mail("html-only-entities.eml").text()).isEqualTo("""
        Dobrý den,
        zboží přišlo poškozené & bez čísla
        objednávky <42>.
        krabice
        návod
        S pozdravem
        Zuzana""");
  }

  @Test
  @DisplayName("RFC 2231 file names, encoded and continued, are decoded")
  void rfc2231FileNames() {
    assertThat(mail("rfc2231-filename.eml").attachments()).extracting(a -> a.fileName())
        .containsExactly("faktura č. 42 žlutá.pdf", "This is even more ***fun*** isn't it!");
  }

  @Test
  @DisplayName("an inline image of a multipart/related mail is kept, by its cid: reference")
  void inlineImage() {
    ClientMessage m = mail("inline-image.eml");

    assertThat(m.text()).isEqualTo("Prasklina je tady:");
    assertThat(m.attachments()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(dev.parley.core.channel.MediaKind.IMAGE);
      assertThat(a.reference()).isEqualTo("cid:crack.1@posta.example");
      assertThat(a.mediaType()).isEqualTo("image/png");
    });
  }
}
