package dev.parley.export;

import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A test {@link SessionStore} that serves {@code count} sessions made on demand by index, one page
 * at a time as its cursor asks: it holds no list, so it can stand for a store of any size. It
 * ignores the filters (the store's job, not the export's).
 */
class PagedSessionStore implements SessionStore {
  private final IntFunction<SessionRecord> session;
  private final int count;
  private Runnable onQuery = () -> {};

  PagedSessionStore(int count, IntFunction<SessionRecord> session) {
    this.count = count;
    this.session = session;
  }

  /** Runs {@code action} each time a page is asked for, before it is made. */
  PagedSessionStore onQuery(Runnable action) {
    this.onQuery = action;
    return this;
  }

  @Override
  public Page<SessionRecord> query(SessionQuery query) {
    onQuery.run();
    int from = query.cursor().map(c -> Integer.parseInt(c.substring("after:".length()))).orElse(0);
    int to = Math.min(count, from + query.limit());
    List<SessionRecord> items = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      items.add(session.apply(i));
    }
    return new Page<>(items, to < count ? "after:" + to : null);
  }

  @Override
  public SessionRecord save(SessionRecord session) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SessionRecord> saveAll(List<SessionRecord> sessions) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<SessionRecord> find(String tenant, String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SessionRecord> live(String tenant) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<SessionRecord> erase(String tenant, String id, Instant at) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int purgeClosedBefore(String tenant, Instant cutoff) {
    throw new UnsupportedOperationException();
  }
}
