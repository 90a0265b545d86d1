package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.MessageRecord.Delivery;
import dev.parley.storage.MessageRecord.FileRef;
import dev.parley.storage.MessageRecord.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the TCK does not reach in the packed transcripts: every kind of text comes back as it went
 * in, and the id index stays right through growth and the removal of many sessions.
 */
class InMemoryTranscriptStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");
  private final InMemoryTranscriptStore store = new InMemoryTranscriptStore(new StorageLock(), new SessionsByTenant());

  @Test
  @DisplayName("text in any script, a lone surrogate, authors, files and far instants come back exactly")
  void roundTrip() {
    List<MessageRecord> messages = List.of(
        new MessageRecord("acme", "s-1", "m-1", T0, Sender.CLIENT, null, "plain ascii", List.of(), Delivery.SENT),
        new MessageRecord("acme", "s-1", "m-2", T0.plusNanos(1), Sender.OPERATOR, "zoë", "Grüße, señor: ÿ",
            List.of(), Delivery.DELIVERED),
        new MessageRecord("acme", "s-1", "id-κ-\uD83D\uDE00", T0.plusSeconds(1), Sender.BOT, "бот",
            "Привет 😀 你好 \uD800 tail", List.of(), Delivery.READ),
        new MessageRecord("acme", "s-1", "m-4", Instant.MIN, Sender.SYSTEM, null, "",
            List.of(new FileRef("a.pdf", "application/pdf", 10, "s3://f/a")), Delivery.FAILED),
        new MessageRecord("acme", "s-1", "m-5", Instant.MAX, Sender.CLIENT, null, "x".repeat(70_000), List.of(),
            Delivery.SENT));
    assertThat(store.appendAll(messages)).isEqualTo(messages.size());

    assertThat(store.transcript("acme", "s-1")).containsExactly(messages.get(3), messages.get(0), messages.get(1),
        messages.get(2), messages.get(4));
    for (MessageRecord m : messages) {
      assertThat(store.find("acme", m.id())).contains(m);
    }
  }

  @Test
  @DisplayName("a long transcript spread over many chunks, with a message longer than a chunk, comes back whole")
  void longTranscript() {
    List<MessageRecord> messages = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String text = i == 1_500 ? "ü".repeat(20_000) : "message " + i + " " + "y".repeat(i % 200);
      messages.add(new MessageRecord("acme", "s-1", "m-" + i, T0.plusMillis(i), Sender.CLIENT, null, text, List.of(),
          Delivery.SENT));
    }
    store.appendAll(messages);

    assertThat(store.transcript("acme", "s-1")).containsExactlyElementsOf(messages);
    assertThat(store.markDelivery("acme", "m-2999", Delivery.READ)).hasValueSatisfying(
        m -> assertThat(m.delivery()).isEqualTo(Delivery.READ));
  }

  @Test
  @DisplayName("a delivery state moves forward in place and the rest of the message stays")
  void delivery() {
    MessageRecord m = new MessageRecord("acme", "s-1", "m-1", T0, Sender.OPERATOR, "alice", "hi", List.of(),
        Delivery.SENT);
    store.append(m);

    assertThat(store.markDelivery("acme", "m-1", Delivery.READ)).contains(withDelivery(m, Delivery.READ));
    assertThat(store.markDelivery("acme", "m-1", Delivery.DELIVERED)).contains(withDelivery(m, Delivery.READ));
    assertThat(store.markDelivery("acme", "m-2", Delivery.READ)).isEmpty();
    assertThat(store.markDelivery("other", "m-1", Delivery.READ)).isEmpty();
  }

  @Test
  @DisplayName("ids stay unique per tenant, and messages findable, through megabytes of messages, removed sessions and compaction")
  void manySessions() {
    Random random = new Random(7);
    List<MessageRecord> kept = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 4_000; i++) {
        String session = "s-" + round + "-" + random.nextInt(50);
        MessageRecord m = new MessageRecord("acme", session, "m-" + round + "-" + i, T0.plusSeconds(i), Sender.CLIENT,
            null, "text " + i + " " + "z".repeat(random.nextInt(400)), List.of(), Delivery.SENT);
        assertThat(store.append(m)).isTrue();
        assertThat(store.append(new MessageRecord("acme", "elsewhere", m.id(), T0, Sender.CLIENT, null, "dup",
            List.of(), Delivery.SENT))).isFalse();
        kept.add(m);
      }
      for (int s = 1; s < 50; s++) { // all but a tenth of the round's sessions go, as a purge takes them
        if (s % 10 == 0) {
          continue;
        }
        String session = "s-" + round + "-" + s;
        store.removeSession("acme", session);
        kept.removeIf(m -> m.session().equals(session));
      }
      store.compact("acme"); // the earlier rounds' chunks are now sparse: their messages move
    }
    for (MessageRecord m : kept) {
      assertThat(store.find("acme", m.id())).contains(m);
      assertThat(store.find("other", m.id())).isEmpty();
    }
    int removed = 0;
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 4_000; i++) {
        String id = "m-" + round + "-" + i;
        if (store.find("acme", id).isEmpty()) {
          removed++;
          assertThat(store.append(new MessageRecord("acme", "again", id, T0, Sender.CLIENT, null, "back",
              List.of(), Delivery.SENT))).isTrue(); // a purged id may be used again
        }
      }
    }
    assertThat(removed).isEqualTo(20_000 - kept.size());
  }

  @Test
  @DisplayName("ids of one hash share a table and each stays findable while the others are removed")
  void sameHash() {
    List<String> ids = new ArrayList<>(); // "Aa" and "BB" hash alike, so do all strings of them
    for (int i = 0; i < 256; i++) {
      StringBuilder id = new StringBuilder();
      for (int bit = 0; bit < 8; bit++) {
        id.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      ids.add(id.toString());
    }
    for (int i = 0; i < ids.size(); i++) {
      store.append(new MessageRecord("acme", "s-" + i % 2, ids.get(i), T0, Sender.CLIENT, null, "t" + i, List.of(),
          Delivery.SENT));
    }
    store.removeSession("acme", "s-0");

    for (int i = 0; i < ids.size(); i++) {
      assertThat(store.find("acme", ids.get(i)).map(MessageRecord::text)).isEqualTo(
          i % 2 == 0 ? Optional.empty() : Optional.of("t" + i));
    }
  }

  private static MessageRecord withDelivery(MessageRecord m, Delivery delivery) {
    return new MessageRecord(m.tenant(), m.session(), m.id(), m.at(), m.sender(), m.author(), m.text(), m.files(),
        delivery);
  }
}
