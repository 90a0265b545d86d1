package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.MessageRecord.Delivery;
import dev.parley.storage.MessageRecord.FileRef;
import dev.parley.storage.MessageRecord.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final FileRef PDF = new FileRef("a.pdf", "application/pdf", 10, "s3://f/a");

  private static MessageRecord message(Sender sender, String author, String text, List<FileRef> files) {
    return new MessageRecord("acme", "s-1", "m-1", T0, sender, author, text, files, Delivery.SENT);
  }

  @Test
  @DisplayName("operators' and bots' messages need an author; clients' and the system's must not have one")
  void authors() {
    assertThat(message(Sender.OPERATOR, "alice", "hi", List.of()).author()).isEqualTo("alice");
    assertThat(message(Sender.BOT, "faq-bot", "hi", List.of()).author()).isEqualTo("faq-bot");
    assertThatThrownBy(() -> message(Sender.OPERATOR, null, "hi", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("author");
    assertThatThrownBy(() -> message(Sender.CLIENT, "alice", "hi", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice");
    assertThatThrownBy(() -> message(Sender.SYSTEM, "x", "hi", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> message(Sender.BOT, " ", "hi", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a message needs text or files; empty text with a file is fine")
  void content() {
    assertThat(message(Sender.CLIENT, null, "", List.of(PDF)).files()).containsExactly(PDF);
    assertThatThrownBy(() -> message(Sender.CLIENT, null, "", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m-1");
  }

  @Test
  @DisplayName("the files are copied, so changing the list given changes nothing")
  void copiesFiles() {
    List<FileRef> files = new ArrayList<>(List.of(PDF));
    MessageRecord m = message(Sender.CLIENT, null, "", files);

    files.clear();

    assertThat(m.files()).containsExactly(PDF);
    assertThatThrownBy(() -> m.files().add(PDF)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("missing and blank components are rejected with their names")
  void rejects() {
    assertThatThrownBy(() -> new MessageRecord("acme", " ", "m-1", T0, Sender.CLIENT, null, "x", List.of(),
        Delivery.SENT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session");
    assertThatThrownBy(() -> new MessageRecord("acme", "s-1", "m-1", null, Sender.CLIENT, null, "x", List.of(),
        Delivery.SENT)).isInstanceOf(NullPointerException.class).hasMessageContaining("at");
    assertThatThrownBy(() -> new MessageRecord("acme", "s-1", "m-1", T0, Sender.CLIENT, null, "x", List.of(), null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("delivery");
    assertThatThrownBy(() -> new FileRef("a", "text/plain", -1, "u"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  @DisplayName("delivery moves only forward: sent to any other step, delivered to read, nothing else")
  void deliverySteps() {
    assertThat(Delivery.SENT.canMoveTo(Delivery.DELIVERED)).isTrue();
    assertThat(Delivery.SENT.canMoveTo(Delivery.READ)).isTrue();
    assertThat(Delivery.SENT.canMoveTo(Delivery.FAILED)).isTrue();
    assertThat(Delivery.DELIVERED.canMoveTo(Delivery.READ)).isTrue();
    for (Delivery next : Delivery.values()) {
      assertThat(next.canMoveTo(next)).as("%s to itself", next).isFalse();
      assertThat(Delivery.READ.canMoveTo(next)).as("READ to %s", next).isFalse();
      assertThat(Delivery.FAILED.canMoveTo(next)).as("FAILED to %s", next).isFalse();
    }
    assertThat(Delivery.DELIVERED.canMoveTo(Delivery.FAILED)).isFalse();
    assertThat(Delivery.DELIVERED.canMoveTo(Delivery.SENT)).isFalse();
  }
}
