package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random command sequences against the routing core, every invariant checked after every
 * step (see {@link CoreHarness}). A failure names its seed and step: rerun that seed alone with
 * {@code -Dparley.model.seeds=SEED -Dparley.model.steps=STEPS}.
 */
class ModelBasedTest {
  /** Seeds and steps per seed: 20 × 50,000 = one million steps in the normal build (and 5 × 50,000 reaching clients). */
  private static final long STEPS = Long.getLong("parley.model.steps", 50_000);
  private static final String SEEDS = System.getProperty("parley.model.seeds", "");

  @TestFactory
  @DisplayName("random command sequences never break an invariant")
  Stream<DynamicTest> randomSequencesKeepEveryInvariant() {
    LongStream seeds = SEEDS.isEmpty()
        ? LongStream.rangeClosed(1, 20)
        : Stream.of(SEEDS.split(",")).mapToLong(Long::parseLong);
    return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> run(seed)));
  }

  @TestFactory
  @DisplayName("random command sequences with outreach, offline forms and transcripts never break an invariant")
  Stream<DynamicTest> withOutreachAndMail() {
    return LongStream.rangeClosed(101, 105).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      CoreHarness harness = new CoreHarness(CoreHarness.Choices.seeded(seed), true);
      for (long i = 0; i < STEPS; i++) {
        harness.step();
      }
      assertThat(harness.seen()).as("what seed %s exercised", seed).containsKeys("OfflineFormSubmitted",
          "TranscriptRequested", "SessionAccepted", "CapacityExceededException", "IllegalTransitionException",
          "NotPermittedException", "DuplicateException");
      assertThat(harness.outreaches()).as("sessions operators started themselves").isPositive();
    }));
  }

  private static void run(long seed) {
    CoreHarness harness = new CoreHarness(CoreHarness.Choices.seeded(seed));
    for (long i = 0; i < STEPS; i++) {
      harness.step();
    }
    assertThat(harness.steps()).isEqualTo(STEPS);
    assertThat(harness.refusedCommands()).as("the sequence also exercised refusals").isPositive();
    assertThat(harness.seen()).as("what seed %s exercised", seed).containsKeys(
        "SessionQueued", "SessionRefused", "SessionOffered", "SessionAccepted", "OfferEnded", "SessionRequeued",
        "SessionAbandoned", "SessionEnded", "WrapUpCompleted", "OperatorStatusChanged", "ChannelSwitched",
        "InvitationCreated", "ClientBlocked", "IllegalTransitionException", "NotPermittedException",
        "NoSuchSessionException", "CapacityExceededException", "SessionToChatbot", "SessionEndedByChatbot",
        "ClientPresenceChanged", "OperatorPresenceChanged", "QueueChanged", "Requeued:OPERATOR_GONE", "Requeued:UNANSWERED",
        "Abandoned:CLIENT_GONE", "Abandoned:CLIENT_LEFT", "Abandoned:CLIENT_BLOCKED");
    System.out.println("seed " + seed + ": " + harness.seen());
  }
}
