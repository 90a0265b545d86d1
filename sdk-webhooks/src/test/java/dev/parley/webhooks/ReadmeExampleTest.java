package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.EventType;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Storage;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's webhook example does what it shows")
class ReadmeExampleTest {
  @Test
  @DisplayName("a subscribed URL gets a signed session.queued, and the subscription's status counts it delivered")
  void subscribeAndReadStatus() throws Exception {
    String secret = Receiver.SECRET;
    try (Receiver receiver = new Receiver(Clock.systemUTC()); Storage storage = new InMemoryStorage()) {
      URI url = receiver.url();
      GroupId sales = GroupId.of("sales");
      OperatorId alice = OperatorId.of("alice");

      Parley parley = Parley.builder().storage(storage).outbox().build(); // events into the durable outbox
      Tenant acme = parley.tenant(TenantId.of("acme"));
      Webhooks webhooks = Webhooks.builder(parley).build().start();
      webhooks.subscribe(acme.id(), Subscription.builder("crm", url)
          .events(EventType.SESSION_QUEUED, EventType.SESSION_ENDED, EventType.MESSAGE_RECEIVED)
          .secret(secret).build());

      acme.defineGroup(GroupSpec.builder(sales).build()).join();
      acme.defineOperator(OperatorSpec.builder(alice).group(sales).channel(Channel.WEB_CHAT, 4).build()).join();
      acme.setStatus(alice, OperatorStatus.ONLINE).join();
      acme.arrive(Entry.builder(Channel.WEB_CHAT).group(sales).build()).join();
      Receiver.Got got = receiver.next();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      DeliveryStatus crm = webhooks.status(acme.id(), "crm"); // cursor, failing event, delivered, dead-lettered
      while (crm.delivered() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the answer reaches the receiver a moment before the webhooks
        crm = webhooks.status(acme.id(), "crm");
      }

      assertThat(got.type()).isEqualTo("session.queued");
      assertThat(got.genuine()).isTrue();
      assertThat(crm.delivered()).isEqualTo(1);
      assertThat(crm.cursor()).isGreaterThanOrEqualTo(got.seq()); // and past the events of other types
      assertThat(crm.failingSince()).isNull();
      webhooks.close();
      parley.close();
    }
  }
}
