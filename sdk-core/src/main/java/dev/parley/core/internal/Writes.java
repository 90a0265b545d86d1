package dev.parley.core.internal;

import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one pass of a partition's writer must have stored before its results go out: the latest
 * record of each session it touched (one save per session however many events it had), the
 * messages posted, the other writes in the order they happened, and (when the engine keeps an
 * outbox) the events for webhooks.
 */
final class Writes {
  /** A session across tenants. */
  record Key(TenantId tenant, SessionId session) {}

  /** The sessions' keys, one for each of {@link #sessions}. */
  final ArrayList<Key> keys = new ArrayList<>();
  /** The records of the sessions touched, each once: its state at the end of the pass. */
  final ArrayList<SessionRecord> sessions = new ArrayList<>();
  final List<MessageRecord> messages = new ArrayList<>();
  final List<Consumer<Storage>> others = new ArrayList<>();
  /** The events for the outbox, in the order they happened, unnumbered. */
  final List<OutboxRecord> outbox = new ArrayList<>();
  /** Sessions a restart restored, as stored: the persister takes their versions first. */
  final Map<Key, SessionRecord> restored = new LinkedHashMap<>();
  /** Sessions the cores forgot: the persister may drop what it keeps of them once this is stored. */
  final List<Key> forgotten = new ArrayList<>();

  /** Makes room for {@code n} more sessions at once: a pass of a loaded writer has a thousand. */
  void reserveSessions(int n) {
    keys.ensureCapacity(keys.size() + n);
    sessions.ensureCapacity(sessions.size() + n);
  }

  void session(Key key, SessionRecord record) {
    keys.add(key);
    sessions.add(record);
  }

  /** Empties it for another pass, keeping the room the lists grew to. */
  void clear() {
    keys.clear();
    sessions.clear();
    messages.clear();
    others.clear();
    outbox.clear();
    restored.clear();
    forgotten.clear();
  }

  boolean isEmpty() {
    return restored.isEmpty() && sessions.isEmpty() && messages.isEmpty() && others.isEmpty() && outbox.isEmpty()
        && forgotten.isEmpty();
  }
}
