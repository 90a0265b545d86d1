package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a longer, ordered result, and the cursor that continues it.
 *
 * <p>A cursor is opaque and stable: it names the position after this page's last item, not an
 * offset, so items stored or removed meanwhile neither repeat nor skip the items that stay. Pass
 * it back with the same query to read the next page.
 *
 * <p>Thread safety: immutable.
 *
 * @param items this page's items, in the query's order; an unmodifiable copy
 * @param next the cursor for the next page, or null when this is the last
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String next) {
  /** Checks the components and copies the list. */
  public Page {
    items = List.copyOf(requireNonNull(items, "items must not be null"));
  }

  /** The cursor for the next page, or empty when this is the last (no item followed it). */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(next);
  }
}
