package dev.parley.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads one page of a history query from a tenant's {@link TenantSessions}: each indexed filter
 * of the query gives the {@link Postings} of the sessions it lets through, all in the page's
 * order, and the page walks their intersection by leapfrogging (each seeks to the session the
 * one before stopped at, until all agree), from the cursor or the arrival bound, until it has one
 * session more than the page holds. Sessions are never sorted and the walk never reads sessions
 * outside the arrival range.
 *
 * <p>What the indexes do not hold (a page URL's substring, being closed) is checked on each
 * session of the intersection by the {@link SessionMatcher}, which checks every other filter
 * again; the words are matched by their index alone. So a page reads, per filter, one seek for
 * each session it returns plus one for each it passes over; a filter that only the matcher checks
 * can make it pass over many.
 *
 * <p>Thread safety: none; read under the storage's read lock.
 */
final class HistoryPage {
  private final SessionQuery query;
  private final boolean ascending;
  private long examined;

  HistoryPage(SessionQuery query) {
    this.query = query;
    this.ascending = query.order() == SessionQuery.Order.OLDEST_FIRST;
  }

  /** How many seeks the last {@link #read} made: what a test of the indexes counts. */
  long examined() {
    return examined;
  }

  /**
   * Up to {@code limit + 1} matching sessions in the query's order, after {@code after} (the
   * last session of the page before) when it is set.
   */
  List<SessionRecord> read(TenantSessions tenant, @Nullable SessionEntry after) {
    List<Postings> filters = filters(tenant);
    filters.sort(Comparator.comparingLong(Postings::size));
    Postings driver = filters.get(0);
    SessionEntry start = start();
    boolean inclusive = true;
    if (after != null && (start == null || comesAfter(after, start) || after.compareTo(start) == 0)) {
      start = after;
      inclusive = false;
    } else if (start != null && !ascending) {
      inclusive = false; // the newest-first start is a bound to stay below
    }
    SessionMatcher matcher = new SessionMatcher(query);
    List<SessionRecord> found = new ArrayList<>();
    SessionEntry at = seek(driver, start, inclusive);
    while (at != null && inRange(at) && found.size() <= query.limit()) {
      SessionEntry agreed = at;
      for (int i = 1; i < filters.size() && agreed != null; i++) {
        SessionEntry other = seek(filters.get(i), at, true);
        if (other == null) {
          return found;
        }
        if (other != at) {
          agreed = null;
          at = seek(driver, other, true);
        }
      }
      if (agreed != null) {
        if (matcher.matches(agreed.record())) {
          found.add(agreed.record());
        }
        at = seek(driver, agreed, false);
      }
    }
    return found;
  }

  private @Nullable SessionEntry seek(Postings p, @Nullable SessionEntry from, boolean inclusive) {
    examined++;
    return p.next(from, inclusive);
  }

  private List<Postings> filters(TenantSessions tenant) {
    List<Postings> filters = new ArrayList<>();
    query.session().ifPresent(id -> {
      SortedEntries one = new SortedEntries();
      SessionEntry e = tenant.entry(id);
      if (e != null) {
        one.add(e);
      }
      filters.add(Postings.of(one, ascending));
    });
    term(tenant, filters, SessionTerm.Field.OPERATOR, query.operator());
    term(tenant, filters, SessionTerm.Field.GROUP, query.group());
    term(tenant, filters, SessionTerm.Field.CHANNEL, query.channel());
    term(tenant, filters, SessionTerm.Field.END_REASON, query.endReason());
    term(tenant, filters, SessionTerm.Field.TAG, query.tag());
    term(tenant, filters, SessionTerm.Field.CONTACT, query.contact());
    term(tenant, filters, SessionTerm.Field.CLIENT, query.client());
    term(tenant, filters, SessionTerm.Field.CHATBOT, query.chatbot());
    query.parameterName().ifPresent(name -> filters.add(
        Postings.of(tenant.with(SessionTerm.parameter(name, query.parameterValue().orElseThrow())), ascending)));
    for (String w : query.words()) {
      filters.add(Postings.anyOf(tenant.saying(w), ascending));
    }
    if (query.liveness() == SessionQuery.Liveness.LIVE) {
      filters.add(Postings.of(tenant.live(), ascending));
    }
    if (filters.isEmpty()) {
      filters.add(Postings.of(tenant.all(), ascending));
    }
    return filters;
  }

  private void term(TenantSessions tenant, List<Postings> filters, SessionTerm.Field field, Optional<String> value) {
    value.ifPresent(v -> filters.add(Postings.of(tenant.with(new SessionTerm(field, v)), ascending)));
  }

  /** Where the arrival range starts in the page's order, or null when it is open there. */
  private @Nullable SessionEntry start() {
    Optional<Instant> bound = ascending ? query.arrivedFrom() : query.arrivedBefore();
    return bound.map(at -> SessionEntry.probe(at, "")).orElse(null);
  }

  private boolean inRange(SessionEntry e) {
    return ascending
        ? query.arrivedBefore().map(e.arrivedAt::isBefore).orElse(true)
        : query.arrivedFrom().map(from -> !e.arrivedAt.isBefore(from)).orElse(true);
  }

  private boolean comesAfter(SessionEntry a, SessionEntry b) {
    return ascending ? a.compareTo(b) > 0 : a.compareTo(b) < 0;
  }
}
