package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.InboxMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link dev.parley.storage.InboxStore} part of the {@link StorageTck}. */
abstract class InboxStoreKit extends StorageKit {
  InboxStoreKit(StorageTck tck) {
    super(tck);
  }

  /** A WhatsApp message of {@code tenant} with the vendor's id {@code id}. */
  static InboxMessage message(String tenant, String id) {
    return new InboxMessage(tenant, "whatsapp", id, "{\"id\":\"" + id + "\"}", T0);
  }

  @Test
  @DisplayName("a message is accepted once: a repeat of its source and id is refused, also after it was applied")
  void acceptsOnce() {
    assertThat(inbox().accept(message("acme", "m-1"))).isTrue();
    assertThat(inbox().accept(new InboxMessage("acme", "whatsapp", "m-1", "{\"other\":1}", T0.plusSeconds(5))))
        .isFalse();
    assertThat(inbox().pending("acme", 10)).containsExactly(message("acme", "m-1"));

    assertThat(inbox().markApplied("acme", List.of(message("acme", "m-1")))).isEqualTo(1);
    assertThat(inbox().accept(message("acme", "m-1"))).isFalse();
    assertThat(inbox().pending("acme", 10)).isEmpty();
  }

  @Test
  @DisplayName("the same id from another source, or for another tenant, is another message")
  void keyedBySourceAndTenant() {
    inbox().accept(message("acme", "m-1"));

    assertThat(inbox().accept(new InboxMessage("acme", "messenger", "m-1", "{}", T0))).isTrue();
    assertThat(inbox().accept(message("globex", "m-1"))).isTrue();
    assertThat(inbox().pending("acme", 10)).extracting(InboxMessage::source).containsExactlyInAnyOrder("whatsapp", "messenger");
    assertThat(inbox().pending("globex", 10)).containsExactly(message("globex", "m-1"));
  }

  @Test
  @DisplayName("pending lists a tenant's messages oldest received first (ties by source, then id), at most the limit, without the applied")
  void pendingInOrder() {
    inbox().accept(new InboxMessage("acme", "whatsapp", "m-2", "{}", T0.plusSeconds(2)));
    inbox().accept(new InboxMessage("acme", "whatsapp", "m-3", "{}", T0.plusSeconds(1))); // received before, accepted after
    inbox().accept(new InboxMessage("acme", "whatsapp", "m-1", "{}", T0.plusSeconds(2)));
    inbox().accept(new InboxMessage("acme", "messenger", "m-4", "{}", T0.plusSeconds(3)));

    assertThat(inbox().pending("acme", 3)).extracting(InboxMessage::messageId).containsExactly("m-3", "m-1", "m-2");
    assertThat(inbox().markApplied("acme", List.of(message("acme", "m-1"), message("acme", "m-9"),
        message("globex", "m-2")))).isEqualTo(1);
    assertThat(inbox().pending("acme", 10)).extracting(InboxMessage::messageId).containsExactly("m-3", "m-2", "m-4");
    assertThat(inbox().markApplied("acme", List.of(message("acme", "m-1")))).isZero();
    assertThat(inbox().pending("nobody", 10)).isEmpty();
    assertThatThrownBy(() -> inbox().pending("acme", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  @DisplayName("a message keeps its payload and when it was received, exactly")
  void keepsWhatWasAccepted() {
    InboxMessage m = new InboxMessage("acme", "whatsapp", "m-1", "{\"entry\":[\"é\"]}", T0.plusNanos(123_456_789));
    inbox().accept(m);

    assertThat(inbox().pending("acme", 1)).containsExactly(m);
  }
}
