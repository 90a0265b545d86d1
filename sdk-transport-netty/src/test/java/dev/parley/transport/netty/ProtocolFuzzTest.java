package dev.parley.transport.netty;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.OperatorId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Any frame decodes whole or is refused with a typed {@link WireException} of a 4xx status, on
 * both endpoints and before or after login; nothing else escapes the decoder. And frames read one
 * after another by a thread's {@link FrameReader}, from arrays or from direct memory, read each as
 * {@link Json#object(byte[])} reads it alone: no frame's bytes reach the next. Seeds: {@code
 * ProtocolFuzzTestInputs}, one frame of each type, and runs of frames (split at NUL bytes).
 */
class ProtocolFuzzTest {
  private static final OperatorId ALICE = OperatorId.of("alice");

  @FuzzTest(maxDuration = "60s")
  void framesDecodeOrAreRefusedWithAType(FuzzedDataProvider data) {
    byte[] frame = data.consumeRemainingAsBytes();
    decode(() -> Protocol.client(Unpooled.wrappedBuffer(frame)));
    decode(() -> Protocol.operator(Unpooled.wrappedBuffer(frame), null));
    decode(() -> Protocol.operator(Unpooled.wrappedBuffer(frame), ALICE));
  }

  /**
   * The frames are the input split at its NUL bytes, the odd ones in direct memory. (No JSON text
   * has a NUL byte; one with NULs could be UTF-16, which the tree reader takes and frames are not.)
   */
  @FuzzTest(maxDuration = "60s")
  void framesInARowReadAsEachAlone(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    int start = 0;
    for (int i = 0; start <= input.length; i++) {
      int end = start;
      while (end < input.length && input[end] != 0) {
        end++;
      }
      byte[] frame = Arrays.copyOfRange(input, start, end);
      ByteBuf buffer = i % 2 == 0 ? Unpooled.wrappedBuffer(frame) : Unpooled.directBuffer().writeBytes(frame);
      try {
        String read = outcome(() -> FrameReader.read(buffer));
        String alone = outcome(() -> Json.object(frame));
        if (!read.equals(alone)) {
          throw new AssertionError("read in a row as " + read + ", alone as " + alone);
        }
      } finally {
        buffer.release();
      }
      start = end + 1;
    }
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

  /** The object read, or the type of the refusal. */
  private static String outcome(java.util.function.Supplier<JsonNode> reading) {
    try {
      return Objects.toString(reading.get());
    } catch (WireException refused) {
      return refused.type();
    }
  }
}
