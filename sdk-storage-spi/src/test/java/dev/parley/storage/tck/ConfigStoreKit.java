package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ConfigStore;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link ConfigStore} part of the {@link StorageTck}. */
abstract class ConfigStoreKit extends StorageKit {
  static final ConfigRecord SETTINGS = new ConfigRecord("acme", "tenant", "acme",
      Map.of("wrapUpLimit", "PT2M", "offerTimeout", "PT20S", "greeting", "Ahoj!\n\"Vítejte\""));
  static final ConfigRecord SALES = new ConfigRecord("acme", "group", "sales", Map.of("strategy", "LONGEST_IDLE"));
  static final ConfigRecord SUPPORT = new ConfigRecord("acme", "group", "support", Map.of());
  static final ConfigRecord ALICE = new ConfigRecord("acme", "operator", "alice", Map.of("capacity.WEB_CHAT", "3"));

  ConfigStoreKit(StorageTck tck) {
    super(tck);
  }

  private ConfigStore config() {
    return storage().config();
  }

  @Test
  @DisplayName("a tenant's records come back exactly, ordered by kind, then key")
  void list() {
    config().put(SETTINGS);
    config().put(SUPPORT);
    config().put(ALICE);
    config().put(SALES);

    assertThat(config().list("acme")).containsExactly(SALES, SUPPORT, ALICE, SETTINGS);
    assertThat(config().list("acme").get(3).properties().keySet())
        .containsExactly("greeting", "offerTimeout", "wrapUpLimit");
    assertThat(config().list("globex")).isEmpty();
  }

  @Test
  @DisplayName("putting a record with the same tenant, kind and key replaces it, properties and all")
  void replaces() {
    config().put(SALES);
    ConfigRecord changed = new ConfigRecord("acme", "group", "sales", Map.of("strategy", "ROUND_ROBIN", "x", "1"));

    config().put(changed);
    config().put(new ConfigRecord("acme", "operator", "sales", Map.of()));

    assertThat(config().list("acme")).hasSize(2).first().isEqualTo(changed);
  }

  @Test
  @DisplayName("removing a record says whether it was there")
  void remove() {
    config().put(SALES);
    config().put(SUPPORT);

    assertThat(config().remove("acme", "group", "sales")).isTrue();
    assertThat(config().remove("acme", "group", "sales")).isFalse();
    assertThat(config().remove("acme", "operator", "support")).isFalse();
    assertThat(config().list("acme")).containsExactly(SUPPORT);
  }

  @Test
  @DisplayName("tenants are those with a record, in alphabetical order")
  void tenants() {
    config().put(new ConfigRecord("initech", "tenant", "initech", Map.of()));
    config().put(SALES);
    config().put(new ConfigRecord("globex", "tenant", "globex", Map.of()));
    assertThat(config().tenants()).containsExactly("acme", "globex", "initech");

    config().remove("globex", "tenant", "globex");

    assertThat(config().tenants()).containsExactly("acme", "initech");
  }
}
