package dev.parley.core.routing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The model-based harness driven by the fuzzer's bytes instead of a seeded generator: every byte
 * sequence is a command sequence, and every invariant is checked after every step.
 *
 * <p>In a normal build this replays the saved inputs under {@code CoreFuzzTestInputs}; to fuzz,
 * run {@code JAZZER_FUZZ=1 mvn -pl sdk-core test -Dtest=CoreFuzzTest}.
 */
class CoreFuzzTest {
  private static final int MAX_STEPS = 5_000;

  @FuzzTest(maxDuration = "60s")
  void commandSequencesKeepEveryInvariant(FuzzedDataProvider data) {
    CoreHarness harness = new CoreHarness(bound -> data.consumeInt(0, bound - 1));
    for (int i = 0; i < MAX_STEPS && data.remainingBytes() > 0; i++) {
      harness.step();
    }
  }
}
