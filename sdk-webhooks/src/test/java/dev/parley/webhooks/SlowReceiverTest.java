package dev.parley.webhooks;

import static dev.parley.webhooks.Receiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.EventType;
import dev.parley.storage.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A receiver that never answers")
class SlowReceiverTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final int SESSIONS = 10_000;
  private static final int BATCH = 50;

  @Test
  @DisplayName("never slows routing: 10,000 sessions are served while one request hangs, one batch in memory")
  void neverSlowsRouting() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    OkHttpClient patient = new OkHttpClient.Builder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO).build();
    try (Receiver receiver = new Receiver(Clock.systemUTC());
        Parley parley = Parley.builder().storage(storage).outbox().partitions(1).build()) {
      receiver.hang();
      Webhooks webhooks = Webhooks.builder(parley).client(patient).batchSize(BATCH).closeTimeout(Duration.ZERO)
          .build().start();
      webhooks.subscribe(ACME, Subscription.builder("crm", receiver.url()).allEvents().secret(SECRET).build());
      Tenant acme = parley.tenant(ACME);
      acme.defineGroup(GroupSpec.builder(SALES).build()).join();
      acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
      acme.setStatus(ALICE, OperatorStatus.ONLINE).join();

      for (int i = 0; i < SESSIONS; i++) {
        SessionId s = SessionId.of("s-" + i);
        acme.arrive(s, Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
        acme.accept(s, ALICE).join();
        acme.end(s, Actor.operator(ALICE)).join();
        acme.completeWrapUp(s, ALICE, "done").join();
      }

      DeliveryStatus status = webhooks.status(ACME, "crm");
      assertThat(storage.outbox().after("acme", 0, 100_000)).hasSizeGreaterThan(SESSIONS * 5);
      assertThat(status.delivered()).isZero();
      assertThat(status.inFlight()).isTrue();
      assertThat(status.buffered()).isLessThanOrEqualTo(BATCH);
      assertThat(receiver.all).hasSizeLessThanOrEqualTo(1);
      receiver.release();
      webhooks.close();
    } finally {
      patient.dispatcher().executorService().shutdown();
    }
  }
}
