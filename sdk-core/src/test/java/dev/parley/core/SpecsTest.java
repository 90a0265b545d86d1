package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Settings are values: built alike, they are equal, so replays and tests compare events with equals. */
class SpecsTest {
  private static final GroupId SALES = GroupId.of("sales");

  private static <T> void valueSemantics(Supplier<T> build, T different) {
    assertThat(build.get()).isEqualTo(build.get()).hasSameHashCodeAs(build.get()).isNotEqualTo(different);
  }

  @Test
  @DisplayName("group specs built alike are equal")
  void groupSpecs() {
    valueSemantics(() -> GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(5))
        .escalateAfter(Duration.ofMinutes(1), GroupId.of("b")).build(),
        GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(6)).escalateAfter(Duration.ofMinutes(1), GroupId.of("b")).build());
  }

  @Test
  @DisplayName("operator specs built alike are equal")
  void operatorSpecs() {
    valueSemantics(() -> OperatorSpec.builder(OperatorId.of("a")).group(SALES, 1).channel(Channel.WEB_CHAT, 4).build(),
        OperatorSpec.builder(OperatorId.of("a")).group(SALES, 2).channel(Channel.WEB_CHAT, 4).build());
  }

  @Test
  @DisplayName("tenant settings and routing rules built alike are equal")
  void settingsAndRules() {
    Supplier<RoutingRule> rule = () -> RoutingRule.to(SALES).channels(Channel.WEB_CHAT).language("cs").priority(2).build();
    valueSemantics(rule, RoutingRule.to(SALES).channels(Channel.WEB_CHAT).language("en").priority(2).build());
    valueSemantics(() -> TenantSettings.builder().rules(List.of(rule.get())).defaultGroup(SALES).build(),
        TenantSettings.builder().rules(List.of(rule.get())).build());
    assertThat(TenantSettings.DEFAULTS.toString()).contains("rules=[]");
  }
}
