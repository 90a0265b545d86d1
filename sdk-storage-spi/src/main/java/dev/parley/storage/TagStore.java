package dev.parley.storage;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's tag catalogue (the tags operators pick from) and each operator's recently used
 * tags. The tags on a session are in its {@link SessionRecord#tags()}.
 *
 * <p>Threading, durability and failure: as for {@link SessionStore}. Thread safety:
 * implementations must be thread-safe.
 */
public interface TagStore {
  /** Adds a tag to the tenant's catalogue; adding one that is there changes nothing. */
  void define(String tenant, String tag);

  /** Removes a tag from the catalogue (sessions keep it); returns whether it was there. */
  boolean remove(String tenant, String tag);

  /** The tenant's catalogue in alphabetical order (as {@link String#compareTo} orders). */
  List<String> catalogue(String tenant);

  /** Records that an operator used a tag at {@code at}. */
  void used(String tenant, String operator, String tag, Instant at);

  /**
   * The tags an operator used most recently, each once, by its latest use (a use recorded late
   * with an older instant does not move a tag back), latest first; tags last used at the same
   * instant in alphabetical order.
   *
   * @param limit how many at most, 1 or more
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  List<String> recent(String tenant, String operator, int limit);
}
