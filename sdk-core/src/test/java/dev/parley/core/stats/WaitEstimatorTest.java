package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The wait model")
class WaitEstimatorTest {
  private static final double S = 1e9;

  @Test
  @DisplayName("the client at place k waits for k sessions in service to finish")
  void placesFreeUpAsSessionsFinish() {
    assertThat(new WaitEstimator().waitNanos(1, 2, 100 * S, 0, 0)).isCloseTo(50 * S, within(1.0));
    assertThat(new WaitEstimator().waitNanos(3, 2, 100 * S, 0, 0)).isCloseTo(150 * S, within(1.0));
  }

  @Test
  @DisplayName("clients ahead who leave shorten the wait, and the time to accept an offer lengthens it")
  void abandonsAndOffers() {
    // Two places: 1 / (1/100) + 1 / (1/100 + 1/200) seconds, plus 5 s to accept.
    double expected = (100 + 1 / (0.01 + 0.005) + 5) * S;
    assertThat(new WaitEstimator().waitNanos(2, 1, 100 * S, 1 / (200 * S), 5 * S)).isCloseTo(expected, within(1e3));
  }

  @Test
  @DisplayName("there is no estimate while nobody is served or before any holding time is known")
  void unknown() {
    assertThat(new WaitEstimator().waitNanos(1, 0, 100 * S, 0, 0)).isNaN();
    assertThat(new WaitEstimator().waitNanos(1, 3, 0, 0, 0)).isNaN();
  }

  @Test
  @DisplayName("asked again and again, it gives to the last bit what a fresh sum gives")
  void keptSumsChangeNothing() {
    SplittableRandom random = new SplittableRandom(3);
    WaitEstimator kept = new WaitEstimator();
    for (int i = 0; i < 10_000; i++) {
      int inService = 1 + random.nextInt(3);
      double holding = (1 + random.nextInt(3)) * 100 * S;
      double abandons = random.nextInt(3) / (200 * S);
      double offer = random.nextInt(3) * S;
      int position = 1 + random.nextInt(40);
      double fresh = 0;
      for (int ahead = 0; ahead < position; ahead++) {
        fresh += 1 / (inService / holding + ahead * abandons);
      }
      assertThat(kept.waitNanos(position, inService, holding, abandons, offer)).isEqualTo(fresh + offer);
    }
  }
}
