package dev.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The IMAP poller against a real IMAP and SMTP server (GreenMail)")
class ImapPollerTest {
  private static final String MAILBOX = "support@shop.example";
  private GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private final EmailAdapter adapter = EmailAdapter.builder(MAILBOX).build();
  /** What reached the engine's side: the adapter's items, in order. */
  private final BlockingQueue<InboundItem> received = new LinkedBlockingQueue<>();
  private final List<ImapPoller> pollers = new ArrayList<>();

  @BeforeEach
  void start() {
    mail.start();
    mail.setUser(MAILBOX, "support", "secret");
  }

  @AfterEach
  void stop() {
    pollers.forEach(ImapPoller::close);
    mail.stop();
  }

  private CompletionStage<Void> toAdapter(byte[] raw) {
    return toAdapter(adapter, raw);
  }

  private CompletionStage<Void> toAdapter(EmailAdapter to, byte[] raw) {
    InboundResult.Delivery d = (InboundResult.Delivery) to.receive(
        InboundRequest.builder("POST", URI.create("imap://127.0.0.1/INBOX")).body(raw).build());
    received.addAll(d.items());
    return CompletableFuture.completedFuture(null);
  }

  private ImapPoller poller(ImapPoller.Checkpoint checkpoint, Function<byte[], CompletionStage<?>> sink) {
    return poller(checkpoint, sink, Duration.ofMillis(200));
  }

  private ImapPoller poller(ImapPoller.Checkpoint checkpoint, Function<byte[], CompletionStage<?>> sink, Duration poll) {
    return poller(mail.getImap().getPort(), checkpoint, sink, poll);
  }

  private ImapPoller poller(int port, ImapPoller.Checkpoint checkpoint, Function<byte[], CompletionStage<?>> sink,
      Duration poll) {
    ImapPoller poller = ImapPoller.builder("127.0.0.1", port, "support", "secret")
        .checkpoint(checkpoint).pollInterval(poll).timeout(Duration.ofSeconds(5))
        .reconnect(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(200), 2.0, Duration.ZERO))
        .build(sink);
    pollers.add(poller);
    poller.start();
    return poller;
  }

  private void send(String subject, String text) throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress("jana@posta.example", "Jana Nováková", "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, MAILBOX);
    m.setSubject(subject, "UTF-8");
    m.setText(text, "UTF-8");
    Transport.send(m);
  }

  private ClientMessage next() throws InterruptedException {
    InboundItem item = received.poll(15, TimeUnit.SECONDS);
    assertThat(item).as("a message within 15 s").isInstanceOf(ClientMessage.class);
    return (ClientMessage) item;
  }

  @Test
  @DisplayName("mail sent over SMTP reaches the adapter once each, in order, while the poller waits in IDLE")
  void deliversNewMail() throws Exception {
    send("Objednávka 42", "Kde je moje zboží?");
    poller(ImapPoller.Checkpoint.inMemory(), this::toAdapter, Duration.ofHours(1)); // only IDLE can be this quick

    ClientMessage first = next();
    send("Re: Objednávka 42", "Už to přišlo, děkuji.");
    ClientMessage second = next();

    assertThat(first.text()).isEqualTo("Kde je moje zboží?");
    assertThat(first.entry().name()).contains("Jana Nováková");
    assertThat(second.text()).isEqualTo("Už to přišlo, děkuji.");
    assertThat(received.poll(1, TimeUnit.SECONDS)).as("nothing twice").isNull();
  }

  @Test
  @DisplayName("without IDLE the poller asks for new mail every poll interval")
  void polls() throws Exception {
    ImapPoller poller = ImapPoller.builder("127.0.0.1", mail.getImap().getPort(), "support", "secret")
        .withoutIdle().pollInterval(Duration.ofMillis(100)).build(this::toAdapter);
    pollers.add(poller);
    poller.start();

    send("first", "found at once");
    assertThat(next().text()).isEqualTo("found at once");
    send("second", "found by a later poll");

    assertThat(next().text()).isEqualTo("found by a later poll");
  }

  @Test
  @DisplayName("a poller restarted on the same checkpoint hands over only the mail that came since")
  void resumesFromCheckpoint() throws Exception {
    ImapPoller.Checkpoint checkpoint = ImapPoller.Checkpoint.inMemory();
    send("first", "one");
    ImapPoller before = poller(checkpoint, this::toAdapter);
    assertThat(next().text()).isEqualTo("one");
    before.close();

    send("second", "two");
    poller(checkpoint, this::toAdapter);

    assertThat(next().text()).isEqualTo("two");
    assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  @DisplayName("a stored checkpoint survives a restart of the engine on its storage: only new mail comes, once")
  void storedCheckpointSurvivesARestart() throws Exception {
    dev.parley.storage.InMemoryStorage storage = new dev.parley.storage.InMemoryStorage();
    dev.parley.core.TenantId acme = dev.parley.core.TenantId.of("acme");
    send("first", "one");
    send("second", "two");
    try (dev.parley.core.Parley parley = dev.parley.core.Parley.builder().sameThread().storage(storage).build()) {
      ImapPoller before = poller(ImapPoller.Checkpoint.stored(parley, acme, MAILBOX), this::toAdapter);
      assertThat(next().text()).isEqualTo("one");
      assertThat(next().text()).isEqualTo("two");
      before.close();
    }
    assertThat(storage.config().list("acme")).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo("imap.checkpoint");
      assertThat(r.properties()).containsEntry("uidValidity", Long.toString(checkpointValidity()));
    });

    send("third", "three");
    try (dev.parley.core.Parley again = dev.parley.core.Parley.builder().sameThread().storage(storage).build()) {
      EmailAdapter fresh = EmailAdapter.builder(MAILBOX).build(); // no Message-ID remembered: only the checkpoint
      poller(ImapPoller.Checkpoint.stored(again, acme, MAILBOX), raw -> toAdapter(fresh, raw));
      assertThat(next().text()).isEqualTo("three");
      assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
      assertThatThrownBy(() -> ImapPoller.Checkpoint.stored(again, acme, " "))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("a message the sink could not take is offered again after a back-off, and is not checkpointed before")
  void failedDeliveryComesAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ImapPoller.Checkpoint checkpoint = ImapPoller.Checkpoint.inMemory();
    send("flaky", "try me twice");

    ImapPoller poller = poller(checkpoint, raw -> calls.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new IllegalStateException("storage down"))
        : toAdapter(raw));

    assertThat(next().text()).isEqualTo("try me twice");
    poller.close(); // its thread has written the checkpoint once it stops
    assertThat(calls.get()).isGreaterThanOrEqualTo(2);
    assertThat(checkpoint.lastUid(checkpointValidity())).isPresent();
  }

  @Test
  @DisplayName("a message the adapter refuses for good is passed over, and the next one still arrives")
  void refusedMailIsPassed() throws Exception {
    mail.getUserManager().getUser("support").deliver(
        new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(
            "Subject: no sender at all\r\n\r\nwho am I?\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    send("after", "still here");

    poller(ImapPoller.Checkpoint.inMemory(), this::toAdapter);

    assertThat(next().text()).isEqualTo("still here");
  }

  @Test
  @DisplayName("a poller that cannot reach its server retries with back-off, and takes the mail once the server is up")
  void reconnects() throws Exception {
    int smtp = mail.getSmtp().getPort();
    int imap = mail.getImap().getPort();
    mail.stop();
    poller(imap, ImapPoller.Checkpoint.inMemory(), this::toAdapter, Duration.ofMillis(200)); // refused, again and again

    mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.port(smtp), ServerSetupTest.IMAP.port(imap)});
    mail.start();
    mail.setUser(MAILBOX, "support", "secret");
    send("later", "the server is back");

    assertThat(next().text()).isEqualTo("the server is back");
  }

  @Test
  @DisplayName("the builder refuses nonsense at once, and a poller starts only once")
  void builderChecks() {
    assertThatThrownBy(() -> ImapPoller.builder("host", 0, "u", "p")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> ImapPoller.builder("host", 993, " ", "p")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImapPoller.builder("host", 993, "u", "p").pollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    ImapPoller poller = poller(ImapPoller.Checkpoint.inMemory(), this::toAdapter);
    assertThatThrownBy(poller::start).isInstanceOf(IllegalStateException.class);
  }

  /** The UIDVALIDITY of the test user's INBOX, as GreenMail reports it. */
  private long checkpointValidity() throws Exception {
    return mail.getManagers().getImapHostManager()
        .getInbox(mail.getUserManager().getUser("support")).getUidValidity();
  }
}
