package dev.parley.export;

import com.google.common.collect.AbstractIterator;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStore;
import java.util.Collections;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The sessions a query selects, read one page at a time as the iteration reaches it: only the
 * current page is held, whatever the total.
 */
final class SessionPages extends AbstractIterator<SessionRecord> {
  private final SessionStore store;
  private final SessionQuery first;
  private Iterator<SessionRecord> page = Collections.emptyIterator();
  private @Nullable String next;
  private boolean started;

  /** Iterates {@code query} from its first page, {@code pageSize} sessions at a time. */
  SessionPages(SessionStore store, SessionQuery query, int pageSize) {
    this.store = store;
    this.first = query.toBuilder().cursor(null).limit(pageSize).build();
  }

  @Override
  protected @Nullable SessionRecord computeNext() {
    while (!page.hasNext()) {
      if (started && next == null) {
        return endOfData();
      }
      String cursor = next;
      Page<SessionRecord> read = store.query(started ? first.toBuilder().cursor(cursor).build() : first);
      started = true;
      if (read.next() != null && read.next().equals(cursor)) {
        throw new IllegalStateException("the session store returned the cursor it was given ('" + cursor
            + "'), which would repeat the same page forever; fix the store's paging");
      }
      page = read.items().iterator();
      next = read.next();
    }
    return page.next();
  }
}
