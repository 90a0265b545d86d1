package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.OutputStream;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the frames of the hot path straight into pooled buffers, each thread with one JSON
 * generator that it keeps from frame to frame: a generator made afresh for a frame, with its
 * contexts and its buffers, and the byte array it leaves, were most of a small frame's garbage.
 *
 * <p>Thread safety: {@link #write} may be called from any thread; each thread writes with its
 * own generator. A frame's content must not write another frame.
 */
final class FrameWriter {
  /** The frames follow one another through one generator: nothing goes between them. */
  private static final JsonFactory FRAMES = JsonFactory.builder().rootValueSeparator((String) null).build();
  private static final FastThreadLocal<FrameWriter> WRITERS = new FastThreadLocal<>() {
    @Override
    protected FrameWriter initialValue() {
      return new FrameWriter();
    }
  };

  private final Sink sink = new Sink();
  private final InstantText instants = new InstantText();
  /** Null until the first frame, and after a frame failed half-written. */
  private @Nullable JsonGenerator json;

  private FrameWriter() {}

  /**
   * A frame that {@code content} writes of {@code value}, in a buffer of the default allocator
   * that the caller owns. A method reference as {@code content} makes no garbage of its own.
   */
  static <T> ByteBuf write(T value, BiConsumer<FrameWriter, T> content) {
    return WRITERS.get().frame(value, content);
  }

  private <T> ByteBuf frame(T value, BiConsumer<FrameWriter, T> content) {
    if (json == null) {
      json = FRAMES.createGenerator(ObjectWriteContext.empty(), sink);
    }
    try {
      content.accept(this, value);
      json.flush();
      return sink.take();
    } catch (RuntimeException e) {
      json = null; // its contexts are mid-frame: no later frame may start there
      sink.discard();
      throw e;
    }
  }

  /** The generator of the frame being written. */
  JsonGenerator json() {
    return json;
  }

  /** A property whose value is {@code at} as {@link Instant#toString()} writes it. */
  void instant(String property, Instant at) {
    json.writeName(property);
    json.writeString(instants.chars(), 0, instants.format(at));
  }

  /** Where the generator flushes to: the current frame's buffer, made to the size of the first flush. */
  private static final class Sink extends OutputStream {
    private @Nullable ByteBuf frame;

    @Override
    public void write(int b) {
      buffer(1).writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer(length).writeBytes(bytes, offset, length);
    }

    private ByteBuf buffer(int length) {
      if (frame == null) {
        frame = ByteBufAllocator.DEFAULT.buffer(length);
      }
      return frame;
    }

    ByteBuf take() {
      ByteBuf taken = buffer(0);
      frame = null;
      return taken;
    }

    void discard() {
      if (frame != null) {
        frame.release();
        frame = null;
      }
    }
  }
}
