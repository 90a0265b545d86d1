package dev.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox mailer against a real SMTP server (GreenMail)")
class OutboxMailerTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private final InMemoryStorage storage = new InMemoryStorage();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    smtp.stop();
  }

  private Parley engine() {
    Parley parley = Parley.builder().storage(storage).outbox().build();
    open.add(parley);
    return parley;
  }

  private OutboxMailer mailer(Parley parley, int port) {
    EmailAdapter adapter = EmailAdapter.builder("support@acme.example").smtp("127.0.0.1", port)
        .timeout(Duration.ofSeconds(2))
        .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO)).build();
    OutboxMailer mailer = OutboxMailer.builder(parley, ACME, adapter).offlineFormsTo("team@acme.example")
        .retryPolicy(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(200), 2.0, Duration.ZERO))
        .build();
    open.add(mailer);
    return mailer;
  }

  private static void define(Parley parley) {
    parley.submit(ACME, new Command.DefineGroup(GroupSpec.builder(SALES).build())).join();
    parley.submit(ACME, new Command.DefineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT).build()))
        .join();
  }

  private static Map<String, String> form() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "Jana");
    fields.put("email", "jana@example.cz");
    fields.put("text", "Please call me back about order 42");
    return fields;
  }

  /** A web-chat client comes while nobody is online and fills in the offline form. */
  private static SessionId offlineForm(Parley parley, String id) {
    SessionId session = SessionId.of(id);
    parley.submit(ACME, new Command.Arrive(session, Entry.builder(Channel.WEB_CHAT).group(SALES).build())).join();
    parley.submit(ACME, new Command.SubmitOfflineForm(session, form())).join();
    return session;
  }

  private MimeMessage[] received(int count) {
    assertThat(smtp.waitForIncomingEmail(10_000, count)).as("%d mails arrive", count).isTrue();
    return smtp.getReceivedMessages();
  }

  /** Checks {@code assertion} until it holds or {@code seconds} pass: the mailer stores a status after its SMTP answer. */
  private static void eventually(int seconds, Runnable assertion) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  @Test
  @DisplayName("an offline form is kept as the refused session's first message and mailed to the tenant's address")
  void offlineFormMailed() throws Exception {
    smtp.start();
    Parley parley = engine();
    define(parley);
    OutboxMailer mailer = mailer(parley, smtp.getSmtp().getPort());

    SessionId session = offlineForm(parley, "s-1");

    MimeMessage mail = received(1)[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("team@acme.example");
    assertThat(mail.getSubject()).isEqualTo("Offline form from Jana");
    assertThat(GreenMailUtil.getBody(mail)).contains("email: jana@example.cz").contains("Please call me back about order 42");
    assertThat(storage.sessions().find("acme", "s-1").orElseThrow().status().name()).isEqualTo("REFUSED");
    assertThat(storage.transcripts().transcript("acme", "s-1")).singleElement().satisfies(m -> {
      assertThat(m.sender()).isEqualTo(MessageRecord.Sender.CLIENT);
      assertThat(m.text()).startsWith("name: Jana\n").endsWith("Please call me back about order 42");
    });
    eventually(5, () -> assertThat(mailer.statuses(session))
        .singleElement().satisfies(s -> {
          assertThat(s.purpose()).isEqualTo(MailStatus.Purpose.OFFLINE_FORM);
          assertThat(s.state()).isEqualTo(MailStatus.State.SENT);
          assertThat(s.attempts()).isEqualTo(1);
        }));
  }

  @Test
  @DisplayName("a transcript asked for is mailed to the client with every message; one of a session without messages fails for good and the next mail still goes")
  void transcriptMailed() throws Exception {
    smtp.start();
    Parley parley = engine();
    define(parley);
    OutboxMailer mailer = mailer(parley, smtp.getSmtp().getPort());
    parley.submit(ACME, new Command.SetStatus(ALICE, OperatorStatus.ONLINE)).join();
    SessionId empty = SessionId.of("s-0");
    parley.submit(ACME, new Command.Arrive(empty, Entry.builder(Channel.WEB_CHAT).group(SALES).name("Jana").build())).join();
    parley.submit(ACME, new Command.Accept(empty, ALICE)).join();
    parley.submit(ACME, new Command.SendTranscript(empty, Actor.operator(ALICE), "jana@example.cz")).join();
    parley.submit(ACME, new Command.End(empty, Actor.operator(ALICE))).join();
    SessionId session = SessionId.of("s-1");
    parley.submit(ACME, new Command.Arrive(session, Entry.builder(Channel.WEB_CHAT).group(SALES).name("Jana").build())).join();
    parley.submit(ACME, new Command.Accept(session, ALICE)).join();
    parley.submit(ACME, new Command.PostMessage(session, Actor.CLIENT, "m-1", "Where is my parcel?", List.of())).join();
    parley.submit(ACME, new Command.PostMessage(session, Actor.operator(ALICE), "m-2", "On its way.", List.of())).join();
    parley.submit(ACME, new Command.End(session, Actor.operator(ALICE))).join();

    parley.submit(ACME, new Command.SendTranscript(session, Actor.operator(ALICE), "jana@example.cz")).join();

    MimeMessage mail = received(1)[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jana@example.cz");
    assertThat(mail.getSubject()).isEqualTo("Transcript of your conversation");
    assertThat(GreenMailUtil.getBody(mail)).contains("Jana: Where is my parcel?").contains("alice: On its way.");
    eventually(5, () -> {
      assertThat(mailer.statuses(session)).singleElement().extracting(MailStatus::state).isEqualTo(MailStatus.State.SENT);
      assertThat(mailer.statuses(empty)).singleElement().satisfies(s -> {
        assertThat(s.state()).isEqualTo(MailStatus.State.FAILED);
        assertThat(s.error()).contains("no messages");
      });
    });
  }

  @Test
  @DisplayName("a mail the server cannot take stays pending with its error, and is sent after a restart once the server is up")
  void retriedUntilSentAcrossARestart() throws Exception {
    smtp.start();
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    Parley parley = engine();
    define(parley);
    OutboxMailer mailer = mailer(parley, port);
    SessionId session = offlineForm(parley, "s-1");
    eventually(10, () -> assertThat(mailer.statuses(session))
        .singleElement().satisfies(s -> {
          assertThat(s.state()).isEqualTo(MailStatus.State.PENDING);
          assertThat(s.attempts()).isGreaterThanOrEqualTo(2);
          assertThat(s.error()).isNotBlank();
        }));
    mailer.close();
    parley.close();

    smtp = new GreenMail(ServerSetupTest.SMTP.port(port));
    smtp.start();
    Parley again = engine();
    OutboxMailer restarted = mailer(again, port);

    assertThat(received(1)[0].getSubject()).isEqualTo("Offline form from Jana");
    eventually(5, () -> assertThat(restarted.statuses(session))
        .singleElement().extracting(MailStatus::state).isEqualTo(MailStatus.State.SENT));
  }

  @Test
  @DisplayName("the builder wants an engine that keeps an outbox and a real address for forms")
  void builderChecks() {
    Parley plain = Parley.builder().storage(storage).build();
    open.add(plain);
    EmailAdapter adapter = EmailAdapter.builder("support@acme.example").build();
    assertThatThrownBy(() -> OutboxMailer.builder(plain, ACME, adapter).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outbox()");
    assertThatThrownBy(() -> OutboxMailer.builder(plain, ACME, adapter).offlineFormsTo("not an address"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address");
  }
}
