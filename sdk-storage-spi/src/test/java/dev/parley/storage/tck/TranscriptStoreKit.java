package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.MessageRecord.Delivery;
import dev.parley.storage.MessageRecord.FileRef;
import dev.parley.storage.MessageRecord.Sender;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link dev.parley.storage.TranscriptStore} part of the {@link StorageTck}. */
abstract class TranscriptStoreKit extends StorageKit {
  TranscriptStoreKit(StorageTck tck) {
    super(tck);
  }

  private List<String> transcriptIds(String tenant, String session) {
    return transcripts().transcript(tenant, session).stream().map(MessageRecord::id).toList();
  }

  @Nested
  @DisplayName("appending")
  class Appending {
    @Test
    @DisplayName("a message appended is found by id and in its session's transcript, every component exact")
    void appends() {
      MessageRecord withFiles = new MessageRecord("acme", "s-1", "wamid.HBgM=", T0.plusNanos(123_456_789),
          Sender.BOT, "faq-bot", "", List.of(
              new FileRef("invoice 03.pdf", "application/pdf", 0, "s3://files/acme/1"),
              new FileRef("photo.jpg", "image/jpeg", 5_000_000_000L, "s3://files/acme/2")),
          Delivery.DELIVERED);
      MessageRecord text = fromClient("acme", "s-1", "m-2", T0.plusSeconds(1), "Ahoj 👋\nřádek \"dva\"");

      assertThat(transcripts().append(withFiles)).isTrue();
      assertThat(transcripts().append(text)).isTrue();

      assertThat(transcripts().find("acme", "wamid.HBgM=")).contains(withFiles);
      assertThat(transcripts().transcript("acme", "s-1")).containsExactly(withFiles, text);
    }

    @Test
    @DisplayName("a message with an id already stored changes nothing and the first one is kept")
    void idempotent() {
      MessageRecord first = fromClient("acme", "s-1", "m-1", T0, "first");
      transcripts().append(first);

      assertThat(transcripts().append(fromClient("acme", "s-1", "m-1", T0.plusSeconds(5), "second"))).isFalse();
      assertThat(transcripts().append(first)).isFalse();
      assertThat(transcripts().append(fromClient("acme", "s-2", "m-1", T0, "other session"))).isFalse();

      assertThat(transcripts().find("acme", "m-1")).contains(first);
      assertThat(transcripts().transcript("acme", "s-1")).containsExactly(first);
      assertThat(transcripts().transcript("acme", "s-2")).isEmpty();
    }

    @Test
    @DisplayName("several appended at once are added each as an append would, in turn, and counted")
    void appendsSeveral() {
      MessageRecord stored = fromClient("acme", "s-1", "m-1", T0, "first");
      transcripts().append(stored);
      MessageRecord withFile = new MessageRecord("acme", "s-1", "m-2", T0.plusSeconds(1), Sender.OPERATOR, "alice",
          "here", List.of(new FileRef("a.pdf", "application/pdf", 7, "s3://files/acme/a")), Delivery.SENT);
      MessageRecord other = fromClient("acme", "s-2", "m-3", T0.plusSeconds(2), "other session");

      assertThat(transcripts().appendAll(List.of(fromClient("acme", "s-1", "m-1", T0, "again"), withFile, other,
          fromClient("acme", "s-2", "m-3", T0, "the same id twice")))).isEqualTo(2);
      assertThat(transcripts().appendAll(List.of())).isZero();

      assertThat(transcripts().transcript("acme", "s-1")).containsExactly(stored, withFile);
      assertThat(transcripts().transcript("acme", "s-2")).containsExactly(other);
    }

    @Test
    @DisplayName("a transcript is in the order sent, and messages sent at the same instant in the order stored")
    void order() {
      transcripts().append(fromClient("acme", "s-1", "m-late", T0.plusSeconds(30), "late"));
      transcripts().append(fromClient("acme", "s-1", "m-z", T0.plusSeconds(10), "z"));
      transcripts().append(fromOperator("acme", "s-1", "m-a", T0.plusSeconds(10), "alice", "a"));
      transcripts().append(fromClient("acme", "s-1", "m-m", T0.plusSeconds(10), "m"));
      transcripts().append(fromClient("acme", "s-1", "m-early", T0.plusSeconds(10).minusNanos(1), "early"));

      assertThat(transcriptIds("acme", "s-1")).containsExactly("m-early", "m-z", "m-a", "m-m", "m-late");
    }

    @Test
    @DisplayName("a session without messages, or of another tenant, has an empty transcript")
    void empty() {
      transcripts().append(fromClient("acme", "s-1", "m-1", T0, "hi"));

      assertThat(transcripts().transcript("acme", "s-2")).isEmpty();
      assertThat(transcripts().transcript("globex", "s-1")).isEmpty();
      assertThat(transcripts().find("globex", "m-1")).isEmpty();
      assertThat(transcripts().find("acme", "m-2")).isEmpty();
    }
  }

  @Nested
  @DisplayName("delivery")
  class Deliveries {
    private Delivery moveThrough(Delivery... steps) {
      transcripts().append(fromClient("acme", "s-1", "m-1", T0, "hi"));
      Delivery last = Delivery.SENT;
      for (Delivery step : steps) {
        last = transcripts().markDelivery("acme", "m-1", step).orElseThrow().delivery();
        assertThat(transcripts().find("acme", "m-1").orElseThrow().delivery()).isEqualTo(last);
      }
      return last;
    }

    @Test
    @DisplayName("moves forward: sent, delivered, read")
    void forward() {
      assertThat(moveThrough(Delivery.DELIVERED, Delivery.READ)).isEqualTo(Delivery.READ);
    }

    @Test
    @DisplayName("a receipt that arrives late never moves a message back")
    void neverBack() {
      assertThat(moveThrough(Delivery.READ, Delivery.DELIVERED, Delivery.SENT)).isEqualTo(Delivery.READ);
    }

    @Test
    @DisplayName("only a sent message can fail, and a failed one stays failed")
    void failure() {
      assertThat(moveThrough(Delivery.FAILED, Delivery.DELIVERED, Delivery.READ)).isEqualTo(Delivery.FAILED);
      transcripts().append(fromClient("acme", "s-1", "m-2", T0, "hi"));
      transcripts().markDelivery("acme", "m-2", Delivery.DELIVERED);
      assertThat(transcripts().markDelivery("acme", "m-2", Delivery.FAILED).orElseThrow().delivery())
          .isEqualTo(Delivery.DELIVERED);
    }

    @Test
    @DisplayName("marking keeps the rest of the message and its place in the transcript")
    void keepsTheRest() {
      MessageRecord first = fromOperator("acme", "s-1", "m-1", T0, "alice", "one");
      MessageRecord second = fromOperator("acme", "s-1", "m-2", T0, "alice", "two");
      transcripts().append(first);
      transcripts().append(second);

      MessageRecord read = transcripts().markDelivery("acme", "m-1", Delivery.READ).orElseThrow();

      assertThat(read).isEqualTo(new MessageRecord("acme", "s-1", "m-1", T0, Sender.OPERATOR, "alice", "one",
          List.of(), Delivery.READ));
      assertThat(transcripts().transcript("acme", "s-1")).containsExactly(read, second);
    }

    @Test
    @DisplayName("marking a message that does not exist returns empty and creates nothing")
    void unknown() {
      transcripts().append(fromClient("globex", "s-1", "m-1", T0, "hi"));

      assertThat(transcripts().markDelivery("acme", "m-1", Delivery.READ)).isEmpty();
      assertThat(transcripts().find("acme", "m-1")).isEmpty();
      assertThat(transcripts().find("globex", "m-1").orElseThrow().delivery()).isEqualTo(Delivery.SENT);
    }
  }
}
