package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.channels.RetryPolicy;
import dev.parley.channels.email.EmailAdapter;
import dev.parley.channels.email.OutboxMailer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Offline forms and transcripts over the sockets, mailed to a real SMTP server (GreenMail)")
class MailOverTheWireTest {
  private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private final Center center = new Center();
  private OutboxMailer mailer;

  @BeforeEach
  void start() {
    smtp.start();
    EmailAdapter adapter = EmailAdapter.builder("support@acme.example").smtp("127.0.0.1", smtp.getSmtp().getPort())
        .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO)).build();
    mailer = OutboxMailer.builder(center.parley, Center.ACME, adapter).offlineFormsTo("team@acme.example").build();
  }

  @AfterEach
  void stop() {
    mailer.close();
    center.close();
    smtp.stop();
  }

  private Ws widget() throws InterruptedException {
    Ws ws = Ws.open(center, "/ws/client");
    ws.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"name\":\"Jana\",\"email\":\"jana@example.cz\",\"ref\":\"e1\"}");
    return ws;
  }

  private MimeMessage mail(int count) {
    assertThat(smtp.waitForIncomingEmail(10_000, count)).as("%d mails arrive", count).isTrue();
    return smtp.getReceivedMessages()[count - 1];
  }

  /** The admin API's detail of a session once its mail shows {@code state}: the mailer stores it after SMTP answered. */
  private JsonNode detailOnceMailIs(String session, String state) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode detail = center.get("/api/v1/tenants/acme/sessions/" + session, center.adminToken(Center.ACME)).json();
      if (state.equals(detail.at("/mail/0/state").asString()) || System.nanoTime() > end) {
        return detail;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Test
  @DisplayName("a client who came when nobody was online fills in the form: a refused session with the form as its first message, mailed to the tenant")
  void offlineForm() throws Exception {
    Ws jana = widget();
    assertThat(jana.next("refused").get("offlineForm").asBoolean()).isTrue();

    jana.send("{\"type\":\"offline\",\"tenant\":\"acme\",\"fields\":{\"name\":\"Jana\",\"email\":\"jana@example.cz\","
        + "\"text\":\"call me\"},\"ref\":\"o1\"}");
    assertThat(jana.next("ok").get("ref").asString()).isEqualTo("o1");

    MimeMessage mail = mail(1);
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("team@acme.example");
    assertThat(GreenMailUtil.getBody(mail)).contains("email: jana@example.cz").contains("call me");
    String session = center.storage.outbox().after("acme", 0, 100).stream()
        .filter(r -> r.type().equals("session.offline_form")).findFirst().orElseThrow().session();
    JsonNode detail = detailOnceMailIs(session, "SENT");
    assertThat(detail.get("status").asString()).isEqualTo("REFUSED");
    assertThat(detail.at("/transcript/0/text").asString()).startsWith("name: Jana").endsWith("call me");
    assertThat(detail.at("/mail/0/purpose").asString()).isEqualTo("OFFLINE_FORM");
    assertThat(detail.at("/mail/0/to").asString()).isEqualTo("team@acme.example");

    jana.send("{\"type\":\"offline\",\"tenant\":\"acme\",\"fields\":{\"text\":\"again\"},\"ref\":\"o2\"}");
    assertThat(jana.next("error").get("code").asString()).isEqualTo("NoSuchSession");
  }

  @Test
  @DisplayName("the operator and the client ask for the transcript: each is mailed to the address given; before anyone served it, refused")
  void transcript() throws Exception {
    Ws alice = center.console(center.operatorToken(Center.ALICE));
    Ws jana = widget();
    String session = jana.next("entered").get("session").asString();
    alice.next("offer");
    alice.send("{\"type\":\"transcript\",\"session\":\"" + session + "\",\"email\":\"jana@example.cz\",\"ref\":\"t0\"}");
    assertThat(alice.next("error").get("code").asString()).isEqualTo("IllegalTransition");
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a1\"}");
    alice.next("ok");
    jana.send("{\"type\":\"message\",\"text\":\"Where is my parcel?\"}");
    alice.next("message");
    alice.send("{\"type\":\"send\",\"session\":\"" + session + "\",\"text\":\"On its way.\",\"ref\":\"s1\"}");
    alice.next("ok");
    alice.send("{\"type\":\"end\",\"session\":\"" + session + "\",\"ref\":\"x1\"}");
    alice.next("ok");

    alice.send("{\"type\":\"transcript\",\"session\":\"" + session + "\",\"email\":\"jana@example.cz\",\"ref\":\"t1\"}");
    assertThat(alice.next("ok").get("ref").asString()).isEqualTo("t1");
    MimeMessage mail = mail(1);
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jana@example.cz");
    assertThat(GreenMailUtil.getBody(mail)).contains("Jana: Where is my parcel?").contains("alice: On its way.");
    assertThat(detailOnceMailIs(session, "SENT").at("/mail/0/purpose").asString()).isEqualTo("TRANSCRIPT");

    jana.send("{\"type\":\"transcript\",\"email\":\"jana.other@example.cz\",\"ref\":\"t2\"}");
    assertThat(jana.next("ok").get("ref").asString()).isEqualTo("t2");
    assertThat(mail(2).getAllRecipients()[0].toString()).isEqualTo("jana.other@example.cz");
    jana.send("{\"type\":\"transcript\",\"email\":\"not an address\",\"ref\":\"t3\"}");
    assertThat(jana.next("error").get("code").asString()).isEqualTo("InvalidArgument");
  }
}
