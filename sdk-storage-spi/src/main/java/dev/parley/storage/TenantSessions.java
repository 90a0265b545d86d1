package dev.parley.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's sessions in an {@link InMemoryStorage}, with the indexes its history queries read:
 * every session by arrival; the live ones; by each {@link SessionTerm} (operator, group, channel,
 * end reason, tag, parameter, contact, client, chatbot); and by each word of its transcript. Every
 * index is a {@link SortedEntries} ordered by arrival and id, as pages are, so that a page seeks
 * into them rather than sorting (see {@link HistoryPage}).
 *
 * <p>A save changes only the indexes of the values that changed: most saves (a new transition, a
 * new version) touch none. The words are told by the transcript store as messages arrive ({@link
 * #said}), and read from the transcript when a session is first stored after some of its messages.
 *
 * <p>Thread safety: none; the storage's lock guards it.
 */
final class TenantSessions {
  private static final SortedEntries NONE = new SortedEntries();

  private final Map<String, SessionEntry> byId = new HashMap<>();
  private final SortedEntries all = new SortedEntries();
  private final SortedEntries live = new SortedEntries();
  private final Map<SessionTerm, SortedEntries> terms = new HashMap<>();
  private final NavigableMap<String, SortedEntries> words = new TreeMap<>();

  @Nullable SessionRecord get(String id) {
    SessionEntry e = byId.get(id);
    return e == null ? null : e.record();
  }

  @Nullable SessionEntry entry(String id) {
    return byId.get(id);
  }

  /** Every session, in arrival order. */
  SortedEntries all() {
    return all;
  }

  /** The live sessions, in arrival order. */
  SortedEntries live() {
    return live;
  }

  /** The sessions that have {@code term}, in arrival order. */
  SortedEntries with(SessionTerm term) {
    return terms.getOrDefault(term, NONE);
  }

  /** The sessions of each stored word that begins with {@code prefix}, one set a word. */
  List<SortedEntries> saying(String prefix) {
    return new ArrayList<>(words.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values());
  }

  /**
   * Stores {@code r} in place of the session of its id, if any.
   *
   * @param transcriptWords the words of the session's stored messages, asked only when the
   *     session is new to these indexes (or arrives at another instant than before)
   */
  void put(SessionRecord r, Supplier<Collection<String>> transcriptWords) {
    SessionEntry e = byId.get(r.id());
    if (e != null && e.arrivedAt.equals(r.arrivedAt())) {
      SessionRecord old = e.record();
      e.record = r;
      reindex(e, old, r);
      return;
    }
    Collection<String> said = transcriptWords.get();
    if (e != null) {
      remove(r.id(), said);
    }
    e = SessionEntry.of(r);
    byId.put(r.id(), e);
    all.add(e);
    if (r.status().live()) {
      live.add(e);
    }
    for (SessionTerm t : SessionTerm.of(r)) {
      terms.computeIfAbsent(t, k -> new SortedEntries()).add(e);
    }
    index(e, said);
  }

  /** Puts back what {@link #put} replaced: {@code previous}, or nothing when it was new. */
  void restore(String id, @Nullable SessionRecord previous, Supplier<Collection<String>> transcriptWords) {
    if (previous == null) {
      remove(id, transcriptWords.get());
    } else {
      put(previous, transcriptWords);
    }
  }

  /** Removes a session from every index, with the words of its transcript. */
  void remove(String id, Collection<String> said) {
    unsaid(id, said);
    SessionEntry e = byId.remove(id);
    if (e == null) {
      return;
    }
    all.remove(e);
    live.remove(e);
    for (SessionTerm t : SessionTerm.of(e.record())) {
      removeFrom(terms, t, e);
    }
  }

  /**
   * Removes many sessions at once, in one sweep of every index rather than a removal from the
   * middle of each for each: {@code removeTranscript} is called for each id once the session is
   * out of reach of {@link #unsaid}, so its words need no removal of their own.
   */
  void removeAll(Collection<String> ids, Consumer<String> removeTranscript) {
    if (ids.isEmpty()) {
      return;
    }
    for (String id : ids) {
      SessionEntry e = byId.remove(id);
      if (e != null) {
        e.removed = true;
      }
    }
    ids.forEach(removeTranscript);
    all.removeIf(e -> e.removed);
    live.removeIf(e -> e.removed);
    sweep(terms);
    sweep(words);
  }

  private static void sweep(Map<?, SortedEntries> index) {
    index.values().removeIf(sessions -> {
      sessions.removeIf(e -> e.removed);
      return sessions.isEmpty();
    });
  }

  /** Adds words a message of a stored session says; a session not stored is indexed when it is. */
  void said(String id, Collection<String> said) {
    SessionEntry e = byId.get(id);
    if (e != null) {
      index(e, said);
    }
  }

  /** Removes a session's words, as its transcript is removed. */
  void unsaid(String id, Collection<String> said) {
    SessionEntry e = byId.get(id);
    if (e != null) {
      for (String w : said) {
        removeFrom(words, w, e);
      }
    }
  }

  private void index(SessionEntry e, Collection<String> said) {
    for (String w : said) {
      words.computeIfAbsent(w, k -> new SortedEntries()).add(e);
    }
  }

  private void reindex(SessionEntry e, SessionRecord old, SessionRecord now) {
    if (old.status().live() != now.status().live()) {
      if (now.status().live()) {
        live.add(e);
      } else {
        live.remove(e);
      }
    }
    if (SessionTerm.same(old, now)) {
      return;
    }
    List<SessionTerm> before = SessionTerm.of(old);
    List<SessionTerm> after = SessionTerm.of(now);
    for (SessionTerm t : before) {
      if (!after.contains(t)) {
        removeFrom(terms, t, e);
      }
    }
    for (SessionTerm t : after) {
      if (!before.contains(t)) {
        terms.computeIfAbsent(t, k -> new SortedEntries()).add(e);
      }
    }
  }

  private static <K> void removeFrom(Map<K, SortedEntries> index, K key, SessionEntry e) {
    SortedEntries sessions = index.get(key);
    if (sessions != null && sessions.remove(e) && sessions.isEmpty()) {
      index.remove(key);
    }
  }
}
