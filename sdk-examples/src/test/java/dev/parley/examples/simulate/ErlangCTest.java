package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Erlang C")
class ErlangCTest {

  @Test
  @DisplayName("48 Erlangs on 55 operators wait with probability 0.2387, 8.18 s on average with 240 s calls, 86.7 % within 20 s")
  void matchesThePublishedTableRow() {
    ErlangC model = new ErlangC(55, 48);

    assertThat(model.probabilityOfWaiting()).isCloseTo(0.2387, within(0.00005));
    assertThat(model.averageSpeedOfAnswer(240)).isCloseTo(8.18, within(0.005));
    assertThat(model.serviceLevel(20, 240)).isCloseTo(0.867, within(0.0005));
    assertThat(model.occupancy()).isCloseTo(48.0 / 55, within(1e-12));
  }

  @Test
  @DisplayName("2 Erlangs on 3 operators wait with probability 4/9 behind an Erlang B blocking of 4/19")
  void matchesTheExactSmallCase() {
    ErlangC model = new ErlangC(3, 2);

    assertThat(model.blocking()).isCloseTo(4.0 / 19, within(1e-12));
    assertThat(model.probabilityOfWaiting()).isCloseTo(4.0 / 9, within(1e-12));
    assertThat(model.averageSpeedOfAnswer(180)).isCloseTo(80, within(1e-9));
  }

  @Test
  @DisplayName("one operator is the M/M/1 queue: P(wait) = ρ and ASA = ρ/(1−ρ) × AHT")
  void oneOperatorIsMm1() {
    ErlangC model = new ErlangC(1, 0.75);

    assertThat(model.probabilityOfWaiting()).isCloseTo(0.75, within(1e-12));
    assertThat(model.averageSpeedOfAnswer(100)).isCloseTo(300, within(1e-9));
    assertThat(model.serviceLevel(60, 100)).isCloseTo(1 - 0.75 * Math.exp(-0.25 * 60 / 100), within(1e-12));
  }

  @Test
  @DisplayName("thousands of operators stay within floating-point range")
  void largeCentersStayFinite() {
    ErlangC model = new ErlangC(5_000, 4_900);

    assertThat(model.probabilityOfWaiting()).isStrictlyBetween(0.0, 1.0);
    assertThat(model.averageSpeedOfAnswer(300)).isPositive().isFinite();
  }

  @Test
  @DisplayName("an offered load at or above the operators is refused as unstable")
  void refusesUnstableLoads() {
    assertThatThrownBy(() -> new ErlangC(10, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unstable");
    assertThatThrownBy(() -> new ErlangC(0, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("servers");
  }
}
