package dev.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The inbound gate")
class InboundGateTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static InboundItem message(String id, String from) {
    return ClientMessage.builder(id, new ClientRef(Channel.WHATSAPP, from), T0).text("hi").build();
  }

  @Test
  @DisplayName("of many threads delivering the same id at once, exactly one gets it through")
  void racingDuplicates() throws Exception {
    InboundGate gate = new InboundGate("wa", Duration.ofHours(1), 1_000, c -> false, new ManualClock(T0));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return gate.admit(Batch.of(List.of(message("m-1", "1"))), HttpReply.OK).items().size();
      }));
    }
    start.countDown();
    int through = 0;
    for (Future<Integer> f : results) {
      through += f.get(5, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(through).isEqualTo(1);
  }

  @Test
  @DisplayName("an id repeated inside one batch is let through once")
  void inBatch() {
    InboundGate gate = new InboundGate("wa", Duration.ofHours(1), 1_000, c -> false, new ManualClock(T0));

    var delivery = gate.admit(Batch.of(List.of(message("m-1", "1"), message("m-1", "1"))), HttpReply.OK);

    assertThat(delivery.items()).hasSize(1);
    assertThat(delivery.duplicates()).containsExactly("m-1");
  }

  @Test
  @DisplayName("when the blacklist lookup fails, nothing of the delivery is remembered")
  void failingLookup() {
    boolean[] fail = {true};
    InboundGate gate = new InboundGate("wa", Duration.ofHours(1), 1_000, c -> {
      if (fail[0] && c.identifier().equals("2")) {
        throw new IllegalStateException("storage down");
      }
      return false;
    }, new ManualClock(T0));
    List<InboundItem> batch = List.of(message("m-1", "1"), message("m-2", "2"));

    assertThatThrownBy(() -> gate.admit(Batch.of(batch), HttpReply.OK)).hasMessage("storage down");
    fail[0] = false;

    assertThat(gate.admit(Batch.of(batch), HttpReply.OK).items()).hasSize(2);
  }
}
