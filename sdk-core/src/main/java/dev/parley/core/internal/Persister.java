package dev.parley.core.internal;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.RecordingRef;
import dev.parley.storage.StaleWriteException;
import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Stores a partition's {@link Writes} before their results go out: the outbox's events in one
 * {@code append}, then the sessions in one {@code saveAll}, then the messages in one {@code
 * appendAll}, then the other writes in order, all in one {@link Storage#together} pass: on a
 * storage that {@linkplain Storage#storesTogether stores together} (JDBC) one transaction and one
 * commit, so one sync to the disk per pass, and the pass is stored whole or not at all.
 *
 * <p>On a storage that stores each write on its own, the outbox goes first: if the host dies
 * between two of the writes, a change that was stored always has its events in the outbox
 * (webhooks deliver at least once), at the price that the events of a change that was not stored,
 * and so never acknowledged, may be delivered too.
 *
 * <p>A {@link StorageException} is taken as passing (a database restarting, a network blip): the
 * persister waits and tries again ({@link Backoff}), from the write that failed (from the pass's
 * start where it was rolled back whole), for as long as the engine runs, so an acknowledged
 * command is always stored and the writer is held back meanwhile (back-pressure). A session that someone else wrote since (a contact linked, the client's data
 * erased) is read again and the engine's changes are laid over it, keeping the contact and the
 * erasure.
 *
 * <p>A {@link FencedWriteException} (the partition has had another owner since this writer got
 * it) is never retried: it propagates, and the partition must stop.
 *
 * <p>A new session's first write (version 0) never meets a stored session of the same id: {@link
 * TakenIds} refused the command that would have started it before the core applied it. Were it to
 * meet one, none of the pass's sessions could be stored ({@code saveAll} is all or nothing), so
 * that check is what keeps one command's reused id from failing the others stored with it.
 *
 * <p>Concurrency: confined to one thread at a time (the partition's sequential delivery, or the
 * caller in same-thread mode). It owns the stored versions of the sessions.
 */
final class Persister {
  private final Storage storage;
  private final Map<Writes.Key, Long> versions = new HashMap<>();
  /** What others wrote on a session and the engine keeps to: its contact, its erasure, its recordings. */
  private final Map<Writes.Key, Outside> outside = new HashMap<>();

  private record Outside(@Nullable String contact, @Nullable Instant erasedAt, List<RecordingRef> recordings) {
    static Outside of(SessionRecord stored) {
      return new Outside(stored.contact().orElse(null), stored.erasedAt().orElse(null), stored.recordings());
    }

    SessionRecord over(SessionRecord r, long version) {
      SessionRecord laid = r.toBuilder().version(version).contact(contact).recordings(recordings).build();
      return erasedAt == null ? laid : laid.erased(erasedAt);
    }
  }

  Persister(Storage storage) {
    this.storage = storage;
  }


  /**
   * Stores {@code writes}, retrying storage failures until they succeed or {@code stopping} says
   * the engine is closing.
   *
   * @throws StorageException if the engine closed before the writes could be stored
   */
  void persist(Writes writes, BooleanSupplier stopping) {
    writes.restored.forEach((key, stored) -> {
      versions.put(key, stored.version());
      outside.put(key, Outside.of(stored));
    });
    Pass pass = new Pass(writes);
    Backoff backoff = null; // made at the first failure: most passes store at once
    while (true) {
      try {
        storage.together(pass::storeOn);
        for (Writes.Key key : writes.forgotten) {
          versions.remove(key);
          outside.remove(key);
        }
        return;
      } catch (FencedWriteException e) {
        throw e; // the partition has another owner: retrying cannot store this, and must not
      } catch (StorageException e) {
        if (storage.storesTogether()) {
          pass.rolledBack();
        }
        if (backoff == null) {
          backoff = new Backoff(stopping);
        }
        backoff.pause(e, "this work was not stored");
      }
    }
  }

  /**
   * One pass's writes and how far they are stored, so that a retry goes on from the write that
   * failed; or, where the storage stores them together, from the start, since a failure rolled
   * them all back (the sessions' versions too, which are taken only once all is committed).
   */
  private final class Pass {
    private final Writes writes;
    private final int first;
    private int done; // -1: outbox, 0: sessions, 1: messages, then 2 + the next other
    private @Nullable List<SessionRecord> saved;

    Pass(Writes writes) {
      this.writes = writes;
      this.first = writes.outbox.isEmpty() ? 0 : -1;
      this.done = first;
    }

    void storeOn(Storage s) {
      if (done == -1) {
        s.outbox().append(writes.outbox);
        done = 0;
      }
      if (done == 0) {
        saved = saveSessions(s, writes);
        done = 1;
      }
      if (done == 1) {
        s.transcripts().appendAll(writes.messages);
        done = 2;
      }
      for (; done - 2 < writes.others.size(); done++) {
        writes.others.get(done - 2).accept(s);
      }
      if (saved != null) {
        for (int i = 0; i < saved.size(); i++) {
          versions.put(writes.keys.get(i), saved.get(i).version());
        }
        saved = null;
      }
    }

    void rolledBack() {
      done = first;
      saved = null;
    }
  }

  private @Nullable List<SessionRecord> saveSessions(Storage s, Writes writes) {
    if (writes.sessions.isEmpty()) {
      return null;
    }
    List<Writes.Key> keys = writes.keys;
    List<SessionRecord> records = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      Writes.Key key = keys.get(i);
      Outside o = outside.isEmpty() ? null : outside.get(key);
      SessionRecord r = writes.sessions.get(i);
      long version = versions.getOrDefault(key, 0L);
      records.add(o == null ? r.withVersion(version) : o.over(r, version)); // mostly r itself: the recorder expects the version
    }
    List<SessionRecord> saved;
    try {
      saved = s.sessions().saveAll(records);
    } catch (FencedWriteException e) {
      throw e;
    } catch (StaleWriteException e) {
      saved = s.sessions().saveAll(rebase(s, keys, records));
    }
    return saved;
  }

  /** The records laid over what is stored now: the stored contact and erasure win from now on. */
  private List<SessionRecord> rebase(Storage s, List<Writes.Key> keys, List<SessionRecord> records) {
    List<SessionRecord> rebased = new ArrayList<>(records.size());
    for (int i = 0; i < keys.size(); i++) {
      SessionRecord r = records.get(i);
      Optional<SessionRecord> stored = s.sessions().find(r.tenant(), r.id());
      if (stored.isEmpty()) {
        outside.remove(keys.get(i));
        rebased.add(r.withVersion(0));
        continue;
      }
      SessionRecord current = stored.get();
      Outside o = Outside.of(current);
      outside.put(keys.get(i), o);
      rebased.add(o.over(r, current.version()));
    }
    return rebased;
  }
}
