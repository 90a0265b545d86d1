package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.TemplateRecord;
import dev.parley.storage.TemplateStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link TemplateStore} part of the {@link StorageTck}. */
abstract class TemplateStoreKit extends StorageKit {
  static final TemplateRecord GREETING = new TemplateRecord("acme", "t-1", "Greeting", "Hello, how can I help?", "en");
  static final TemplateRecord BYE = new TemplateRecord("acme", "t-2", "Bye", "Goodbye!\nAnd thanks.", null);
  static final TemplateRecord BYE_CS = new TemplateRecord("acme", "t-0", "Bye", "Na shledanou", "cs");

  TemplateStoreKit(StorageTck tck) {
    super(tck);
  }

  private TemplateStore templates() {
    return storage().templates();
  }

  private void putAll() {
    templates().put(GREETING);
    templates().put(BYE);
    templates().put(BYE_CS);
  }

  @Test
  @DisplayName("templates are found by id and listed by title, then id")
  void roundTrip() {
    putAll();

    assertThat(templates().find("acme", "t-2")).contains(BYE);
    assertThat(templates().find("acme", "t-9")).isEmpty();
    assertThat(templates().find("globex", "t-1")).isEmpty();
    assertThat(templates().list("acme")).containsExactly(BYE_CS, BYE, GREETING);
  }

  @Test
  @DisplayName("an operator's own template keeps its owner, is listed with the tenant's and starred like them")
  void owned() {
    putAll();
    TemplateRecord mine = new TemplateRecord("acme", "t-3", "Coffee", "Let me get a coffee, {client}", null, "alice");
    templates().put(mine);
    templates().star("acme", "alice", "t-3", true);

    assertThat(templates().find("acme", "t-3")).contains(mine);
    assertThat(templates().list("acme")).containsExactly(BYE_CS, BYE, mine, GREETING);
    assertThat(templates().starred("acme", "alice")).containsExactly(mine);
    assertThat(mine.visibleTo("alice")).isTrue();
    assertThat(mine.visibleTo("bob")).isFalse();
    assertThat(GREETING.visibleTo("bob")).isTrue();
    TemplateRecord theTenants = new TemplateRecord("acme", "t-3", "Coffee", "A coffee break", null);
    templates().put(theTenants);
    assertThat(templates().find("acme", "t-3")).contains(theTenants);
  }

  @Test
  @DisplayName("putting a template with the same id replaces it")
  void replaces() {
    putAll();
    TemplateRecord renamed = new TemplateRecord("acme", "t-1", "Aloha", "Hi!", null);

    templates().put(renamed);

    assertThat(templates().find("acme", "t-1")).contains(renamed);
    assertThat(templates().list("acme")).containsExactly(renamed, BYE_CS, BYE);
  }

  @Test
  @DisplayName("each operator has his own stars, listed by title, then id")
  void stars() {
    putAll();
    templates().star("acme", "alice", "t-1", true);
    templates().star("acme", "alice", "t-2", true);
    templates().star("acme", "alice", "t-0", true);
    templates().star("acme", "alice", "t-2", true);
    templates().star("acme", "bob", "t-1", true);

    assertThat(templates().starred("acme", "alice")).containsExactly(BYE_CS, BYE, GREETING);
    assertThat(templates().starred("acme", "bob")).containsExactly(GREETING);
    assertThat(templates().starred("acme", "carol")).isEmpty();
  }

  @Test
  @DisplayName("unstarring takes one star away; unstarring what has none changes nothing")
  void unstar() {
    putAll();
    templates().star("acme", "alice", "t-1", true);
    templates().star("acme", "alice", "t-2", true);

    templates().star("acme", "alice", "t-1", false);
    templates().star("acme", "alice", "t-0", false);

    assertThat(templates().starred("acme", "alice")).containsExactly(BYE);
  }

  @Test
  @DisplayName("a starred template shows its latest version, in its new place")
  void starredFollowsChanges() {
    putAll();
    templates().star("acme", "alice", "t-1", true);
    templates().star("acme", "alice", "t-2", true);
    TemplateRecord renamed = new TemplateRecord("acme", "t-1", "Aloha", "Hi!", null);

    templates().put(renamed);

    assertThat(templates().starred("acme", "alice")).containsExactly(renamed, BYE);
  }

  @Test
  @DisplayName("removing a template removes every star on it, also when one with its id comes back")
  void removeDeletesStars() {
    putAll();
    templates().star("acme", "alice", "t-1", true);
    templates().star("acme", "bob", "t-1", true);
    templates().star("acme", "bob", "t-2", true);

    assertThat(templates().remove("acme", "t-1")).isTrue();
    assertThat(templates().remove("acme", "t-1")).isFalse();
    templates().put(GREETING);

    assertThat(templates().starred("acme", "alice")).isEmpty();
    assertThat(templates().starred("acme", "bob")).containsExactly(BYE);
  }

  @Test
  @DisplayName("starring a template that does not exist is rejected")
  void starUnknown() {
    templates().put(new TemplateRecord("globex", "t-1", "Greeting", "Hello", null));

    assertThatThrownBy(() -> templates().star("acme", "alice", "t-1", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(templates().starred("acme", "alice")).isEmpty();
  }
}
