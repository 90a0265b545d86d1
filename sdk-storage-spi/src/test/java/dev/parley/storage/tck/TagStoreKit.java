package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.TagStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link TagStore} part of the {@link StorageTck}. */
abstract class TagStoreKit extends StorageKit {
  TagStoreKit(StorageTck tck) {
    super(tck);
  }

  private TagStore tags() {
    return storage().tags();
  }

  @Test
  @DisplayName("the catalogue lists each defined tag once, in alphabetical order")
  void catalogue() {
    for (String tag : new String[] {"refund", "billing", "vip", "billing", "Zulu"}) {
      tags().define("acme", tag);
    }

    assertThat(tags().catalogue("acme")).containsExactly("Zulu", "billing", "refund", "vip");
    assertThat(tags().catalogue("globex")).isEmpty();
  }

  @Test
  @DisplayName("removing a tag takes it out of the catalogue and says whether it was there")
  void remove() {
    tags().define("acme", "refund");
    tags().define("acme", "vip");

    assertThat(tags().remove("acme", "refund")).isTrue();
    assertThat(tags().remove("acme", "refund")).isFalse();
    assertThat(tags().remove("acme", "unknown")).isFalse();
    assertThat(tags().catalogue("acme")).containsExactly("vip");
  }

  @Test
  @DisplayName("an operator's recent tags come latest first, each once, at most the limit")
  void recent() {
    tags().used("acme", "alice", "refund", T0);
    tags().used("acme", "alice", "vip", T0.plusSeconds(10));
    tags().used("acme", "alice", "billing", T0.plusSeconds(20));
    tags().used("acme", "alice", "refund", T0.plusSeconds(30));
    tags().used("acme", "bob", "spam", T0.plusSeconds(40));

    assertThat(tags().recent("acme", "alice", 10)).containsExactly("refund", "billing", "vip");
    assertThat(tags().recent("acme", "alice", 2)).containsExactly("refund", "billing");
    assertThat(tags().recent("acme", "bob", 10)).containsExactly("spam");
    assertThat(tags().recent("acme", "carol", 10)).isEmpty();
  }

  @Test
  @DisplayName("a use recorded late with an older instant does not move a tag's latest use back")
  void lateUse() {
    tags().used("acme", "alice", "refund", T0.plusSeconds(30));
    tags().used("acme", "alice", "vip", T0.plusSeconds(20));
    tags().used("acme", "alice", "refund", T0);

    assertThat(tags().recent("acme", "alice", 10)).containsExactly("refund", "vip");
  }

  @Test
  @DisplayName("tags last used at the same instant come in alphabetical order")
  void ties() {
    tags().used("acme", "alice", "vip", T0);
    tags().used("acme", "alice", "billing", T0);
    tags().used("acme", "alice", "refund", T0);

    assertThat(tags().recent("acme", "alice", 10)).containsExactly("billing", "refund", "vip");
  }

  @Test
  @DisplayName("a limit below 1 is rejected")
  void badLimit() {
    assertThatThrownBy(() -> tags().recent("acme", "alice", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
