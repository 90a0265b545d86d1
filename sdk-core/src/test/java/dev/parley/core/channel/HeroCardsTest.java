package dev.parley.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.storage.InMemoryStorage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A tenant's hero cards")
class HeroCardsTest {
  private static final TenantId ACME = TenantId.of("acme");
  private final InMemoryStorage storage = new InMemoryStorage();
  private final HeroCards cards = new HeroCards(storage);
  private final OutboundMessage.Card returns = new OutboundMessage.Card("Returns", "30 days, free",
      URI.create("https://shop.example/returns.png"), List.of(
          new OutboundMessage.Button("Start a return", "", URI.create("https://shop.example/return")),
          new OutboundMessage.Button("Talk to us", "talk", null)));

  @Test
  @DisplayName("are kept by id and read back as they were, each tenant's apart")
  void roundTrip() {
    cards.put(ACME, "returns", returns);
    cards.put(ACME, "hello", new OutboundMessage.Card("Hello", "", null, List.of()));

    assertThat(new HeroCards(storage).find(ACME, "returns")).hasValue(returns);
    assertThat(cards.list(ACME).keySet()).containsExactly("hello", "returns");
    assertThat(cards.list(TenantId.of("globex"))).isEmpty();
    assertThat(cards.remove(ACME, "hello")).isTrue();
    assertThat(cards.remove(ACME, "hello")).isFalse();
    assertThat(cards.find(ACME, "hello")).isEmpty();
  }

  @Test
  @DisplayName("refuse a bad id and a fourth button, keeping nothing")
  void refusals() {
    assertThatThrownBy(() -> cards.put(ACME, "no spaces", returns)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no spaces");
    OutboundMessage.Button b = new OutboundMessage.Button("b", "p", null);
    assertThatThrownBy(() -> cards.put(ACME, "many", new OutboundMessage.Card("Many", "", null, List.of(b, b, b, b))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 buttons");
    assertThat(cards.list(ACME)).isEmpty();
  }

  @Test
  @DisplayName("stay beside the engine's configuration: an engine restarted on the storage rebuilds as before")
  void besideTheEngine() {
    try (Parley parley = Parley.builder().storage(storage).build()) {
      parley.tenant(ACME).defineGroup(GroupSpec.builder(GroupId.of("sales")).build()).join();
    }
    cards.put(ACME, "returns", returns);
    try (Parley parley = Parley.builder().storage(storage).build()) {
      assertThat(parley.snapshot(ACME).groups()).containsKey(GroupId.of("sales"));
    }
    assertThat(cards.find(ACME, "returns")).hasValue(returns);
  }
}
