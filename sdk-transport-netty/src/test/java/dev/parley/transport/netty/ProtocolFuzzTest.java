package dev.parley.transport.netty;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.OperatorId;

/**
 * Any frame decodes whole or is refused with a typed {@link WireException} of a 4xx status, on
 * both endpoints and before or after login; nothing else escapes the decoder. Seeds: {@code
 * ProtocolFuzzTestInputs}, one frame of each type.
 */
class ProtocolFuzzTest {
  private static final OperatorId ALICE = OperatorId.of("alice");

  @FuzzTest(maxDuration = "60s")
  void framesDecodeOrAreRefusedWithAType(FuzzedDataProvider data) {
    byte[] frame = data.consumeRemainingAsBytes();
    decode(() -> Protocol.client(frame));
    decode(() -> Protocol.operator(frame, null));
    decode(() -> Protocol.operator(frame, ALICE));
  }

  private static void decode(Runnable decoding) {
    try {
      decoding.run();
    } catch (WireException refused) {
      Failure failure = Failure.of(refused);
      if (failure.status() < 400 || failure.status() > 499 || failure.type().isEmpty()) {
        throw new AssertionError("a refusal is a typed 4xx, not " + failure, refused);
      }
    }
  }
}
