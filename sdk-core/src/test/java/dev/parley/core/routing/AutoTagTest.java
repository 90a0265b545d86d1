package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.OperatorId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Auto-tags: a keyword in a message tags its session")
class AutoTagTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;

  @BeforeEach
  void start() {
    f.group(SALES);
    alice = f.online("alice", SALES, Channel.WEB_CHAT);
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(SALES)
        .autoTag("refund", "refunds").autoTag("Doručení", "delivery").build()));
    f.chat("s-1", SALES);
  }

  private List<Event.TagChanged> post(String session, Actor by, String id, String text) {
    return f.apply(new Command.PostMessage(sid(session), by, id, text, List.of())).stream()
        .filter(Event.TagChanged.class::isInstance).map(Event.TagChanged.class::cast).toList();
  }

  @Test
  @DisplayName("a word that begins with a keyword, folded as the full-text search folds it, gives the tag once, by the system")
  void tagsOnce() {
    List<Event.TagChanged> tagged = post("s-1", Actor.CLIENT, "m-1", "I want my money back: REFUNDED twice, no doruceni!");

    assertThat(tagged).extracting(Event.TagChanged::tag).containsExactly("refunds", "delivery");
    assertThat(tagged).allSatisfy(t -> {
      assertThat(t.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(t.on()).isTrue();
    });
    assertThat(post("s-1", Actor.CLIENT, "m-2", "refund, refund!")).isEmpty();
  }

  @Test
  @DisplayName("a word that only contains a keyword, or a keyword cut short, tags nothing")
  void wordsBeginWithTheKeyword() {
    assertThat(post("s-1", Actor.CLIENT, "m-1", "nonrefundable; refun; ref und")).isEmpty();
  }

  @Test
  @DisplayName("a tag an operator took off stays off; an operator's own words tag too")
  void operatorsRemovalStands() {
    f.accept("s-1", alice);
    assertThat(post("s-1", Actor.operator(alice), "m-1", "your refund is on its way")).hasSize(1);
    f.apply(new Command.Tag(sid("s-1"), Actor.operator(alice), "refunds", false));

    assertThat(post("s-1", Actor.CLIENT, "m-2", "thanks for the refund")).isEmpty();
  }

  @Test
  @DisplayName("without auto-tags, or when the settings change, only the tenant's current keywords count")
  void followsTheSettings() {
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(SALES).build()));
    assertThat(post("s-1", Actor.CLIENT, "m-1", "refund")).isEmpty();
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(SALES).autoTags(Map.of("invoice", "billing")).build()));
    assertThat(post("s-1", Actor.CLIENT, "m-2", "refund my invoices")).extracting(Event.TagChanged::tag)
        .containsExactly("billing");
  }

  @Test
  @DisplayName("a keyword must be one word and a tag a valid tag; the builder names what is wrong")
  void refusesBadKeywords() {
    TenantSettings.Builder b = TenantSettings.builder();
    assertThatThrownBy(() -> b.autoTag("money back", "refunds")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'money back'");
    assertThatThrownBy(() -> b.autoTag("!!!", "refunds")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.autoTag("refund", " ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.autoTag("Refund", "a").autoTag("REFUND", "b").build().autoTags()).containsExactly(Map.entry("refund", "b"));
  }
}
