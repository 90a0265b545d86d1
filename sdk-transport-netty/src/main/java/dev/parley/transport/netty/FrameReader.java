package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a frame's one JSON object as {@link Json#object(byte[])} does, with a non-blocking parser
 * that each thread keeps and feeds one frame after another, into an object node that the thread
 * keeps too: a parser made afresh for every frame (its contexts, its buffers, its symbol table)
 * and a new tree of maps were most of a small frame's garbage. A frame that is not one object
 * (empty, not an object, cut short, or followed by more than white space) is refused as {@code
 * Malformed}, and the thread's parser, in no state to read on, is replaced. Frames must be UTF-8,
 * as WebSocket text frames are; a byte order mark is skipped.
 *
 * <p>Thread safety: any thread may read. The node returned is the thread's own and is emptied by
 * its next read: take what the frame says from it at once, and keep no part of it.
 */
final class FrameReader {
  /** The longest string value {@link #shortStrings} keeps. */
  private static final int SHORT = 16;
  /** A parser is replaced after this many bytes, so that the property names it keeps stay few. */
  private static final long RENEW_AFTER_BYTES = 1 << 20;
  private static final FastThreadLocal<FrameReader> READERS = new FastThreadLocal<>() {
    @Override
    protected FrameReader initialValue() {
      return new FrameReader();
    }
  };

  private final ObjectNode object = Json.object();
  /**
   * Short string values read lately, by hash: a frame's type above all, the same in most frames,
   * is then no string and no node of its own. String nodes are immutable, so they can be shared.
   */
  private final JsonNode[] shortStrings = new JsonNode[64];
  /** Where a frame not backed by an array is copied to be fed. */
  private byte[] copy = new byte[0];
  /** Null until the first frame, and after a frame was refused. */
  private @Nullable JsonParser parser;
  private @Nullable DeserializationContext context;
  /** How the tree reader makes a node of a string, a number, true, false or null. */
  private @Nullable ValueDeserializer<Object> scalars;
  private long fed;

  private FrameReader() {}

  /** The frame's object, the thread's own until its next read; the frame's indexes do not move. */
  static ObjectNode read(ByteBuf frame) {
    return READERS.get().frame(frame);
  }

  private ObjectNode frame(ByteBuf frame) {
    int start = frame.readerIndex();
    int end = frame.writerIndex();
    if (byteOrderMark(frame, start, end)) {
      start += 3; // as the tree reader does; a parser skips one only at the start of its input
      if (byteOrderMark(frame, start, end)) {
        throw new WireException("Malformed", "not JSON: a second byte order mark");
      }
    }
    while (end > start && whiteSpace(frame.getByte(end - 1))) {
      end--; // so that the object's last byte is the input's: anything after it is left unread
    }
    try {
      feed(frame, start, end - start);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new WireException("Malformed", "expected one JSON object");
      }
      object(object.removeAll());
      if (!((ByteArrayFeeder) parser.nonBlockingInputFeeder()).needMoreInput()) {
        throw new WireException("Malformed", "expected one JSON object and nothing after it");
      }
      return object;
    } catch (JacksonException e) {
      parser = null;
      throw new WireException("Malformed", "not JSON: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      parser = null;
      throw e;
    }
  }

  /**
   * The rest of an object, as the tree reader would make it, but token by token: the tree reader
   * takes a non-blocking parser's "not yet" for a value and would fill the heap with it. Objects
   * nest no deeper than the parser's limit (500).
   */
  private ObjectNode object(ObjectNode into) {
    for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
      String name = parser.currentName();
      into.set(name, value(next()));
    }
    return into;
  }

  private JsonNode value(JsonToken token) {
    if (token == JsonToken.START_OBJECT) {
      return object(Json.object());
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = Json.array();
      for (JsonToken item = next(); item != JsonToken.END_ARRAY; item = next()) {
        array.add(value(item));
      }
      return array;
    }
    if (token == JsonToken.VALUE_STRING && parser.getStringLength() <= SHORT) {
      return shortString();
    }
    return (JsonNode) scalars.deserialize(parser, context); // whole where it stands
  }

  /** The current short string, from the cache when it was read lately; else read and cached. */
  private JsonNode shortString() {
    char[] chars = parser.getStringCharacters();
    int offset = parser.getStringOffset();
    int length = parser.getStringLength();
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + chars[i];
    }
    int slot = hash & (shortStrings.length - 1);
    JsonNode cached = shortStrings[slot];
    if (cached != null && same(cached.asString(), chars, offset, length)) {
      return cached;
    }
    JsonNode read = (JsonNode) scalars.deserialize(parser, context);
    shortStrings[slot] = read;
    return read;
  }

  private static boolean same(String string, char[] chars, int offset, int length) {
    if (string.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (string.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  /** The next token, which a frame cut short does not have. */
  private JsonToken next() {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.NOT_AVAILABLE) {
      throw new WireException("Malformed", "not JSON: the frame ends inside its object");
    }
    return token;
  }

  private void feed(ByteBuf frame, int start, int length) {
    if (parser == null || fed > RENEW_AFTER_BYTES) {
      if (parser != null) {
        parser.close(); // gives its buffers back
      }
      parser = Json.MAPPER.createNonBlockingByteArrayParser();
      // The parser's own context, and its node reader looked up once: a lookup per value (as
      // readValueAsTree makes) introspects JsonNode's annotations every time.
      context = (DeserializationContext) parser.objectReadContext();
      scalars = context.findRootValueDeserializer(context.constructType(JsonNode.class));
      fed = 0;
    }
    ByteArrayFeeder feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
    if (frame.hasArray()) {
      int offset = frame.arrayOffset() + start;
      feeder.feedInput(frame.array(), offset, offset + length);
    } else {
      if (copy.length < length) {
        copy = new byte[Math.max(length, 2 * copy.length)];
      }
      frame.getBytes(start, copy, 0, length);
      feeder.feedInput(copy, 0, length);
    }
    fed += length;
  }

  private static boolean byteOrderMark(ByteBuf frame, int start, int end) {
    return end - start >= 3 && frame.getUnsignedMedium(start) == 0xEFBBBF;
  }

  /** White space as JSON has it. */
  private static boolean whiteSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
