package dev.parley.channels.internal;

import dev.parley.core.channel.MalformedPayloadException;
import java.util.function.Supplier;

/** Turns the value checks of the domain types into {@link MalformedPayloadException}s. */
public final class Parsing {
  private Parsing() {}

  /**
   * Runs {@code parse}; an {@code IllegalArgumentException} or {@code IllegalStateException} from a
   * value's checks (a blank id, a too long name) becomes a {@link MalformedPayloadException}.
   */
  public static <T> T guard(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedPayloadException("a value in the body is not acceptable: " + e.getMessage());
    }
  }
}
