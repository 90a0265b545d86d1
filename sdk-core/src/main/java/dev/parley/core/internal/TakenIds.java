package dev.parley.core.internal;

import dev.parley.core.Command;
import dev.parley.core.DuplicateException;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.routing.RoutingCore;
import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Refuses a command that would start a session under an id a tenant's core no longer knows but
 * storage holds: a session closed longer ago than the tenant's retention, one refused at the door,
 * one that ended before a restart. The core cannot tell such an id from a fresh one; the store
 * would reject the new session's first write, and with it every session of the pass (a {@code
 * saveAll} is all or nothing). So the command is refused before the core applies it, with the
 * {@link DuplicateException} the core gives a live session's id, and nothing changes.
 *
 * <p>Why here and not at the {@link Persister}: by the time a write fails there, the core has
 * routed the session (offered it, maybe had it accepted by a later command of the pass) and the
 * commands after it have seen that state; undoing it is not a local change. Before the core, a
 * refusal is one more failed command.
 *
 * <p>Cost: arrivals are the hot path. The core's own {@link RoutingCore#startsUnknownSession}
 * leaves out the ids it knows and the commands that start nothing; the ids the writer holds
 * itself (below) need no look-up; and the rest of a pass's ids are looked up together, one {@link
 * dev.parley.storage.SessionStore#existing} call per tenant, when the first of them is checked. A
 * loaded writer's pass has hundreds of commands, so that is one round trip for hundreds of
 * arrivals; an idle writer pays one per arrival, which its save costs anyway. An id a pass learns
 * only as it runs (a client's message whose session closed earlier in the pass) is looked up alone.
 * A storage failure is retried as the {@link Persister} retries its writes ({@link Backoff}).
 *
 * <p>Storage lags behind the writer: a pass is stored after it, on the delivery thread. An id the
 * core forgot, or never knew (a refusal), may be in no core and in no store yet. The {@link
 * Recorder} holds it until its pass is over; from then until that pass is stored, this class does.
 *
 * <p>Concurrency: confined to the partition's writer, except {@link #passStored}, which delivery calls.
 */
final class TakenIds {
  private final Storage storage;
  private final Recorder recorder;
  private final BooleanSupplier stopping;
  /** Ids the cores forgot, with the number of the pass whose writes still hold them, oldest first. */
  private final LinkedHashMap<Writes.Key, Long> unstored = new LinkedHashMap<>();
  /** The number of the last pass whose writes are stored; written by delivery. */
  private volatile long storedThrough;
  /** The ids this pass's commands would start sessions under, not looked up yet, by tenant. */
  private final Map<TenantId, List<String>> expected = new HashMap<>();
  /** The ids looked up in this pass: whether storage holds them. */
  private final Map<Writes.Key, Boolean> lookedUp = new HashMap<>();

  /** @param stopping whether the engine is closing, when a failing look-up is no longer retried */
  TakenIds(Storage storage, Recorder recorder, BooleanSupplier stopping) {
    this.storage = storage;
    this.recorder = recorder;
    this.stopping = stopping;
  }

  /** Notes, before a pass runs, an id one of its commands would start a session under. */
  void expect(RoutingCore core, Command command) {
    Optional<SessionId> id = core.startsUnknownSession(command);
    if (id.isPresent()) {
      Writes.Key key = new Writes.Key(core.tenant(), id.get());
      if (!heldHere(key) && lookedUp.putIfAbsent(key, Boolean.FALSE) == null) { // FALSE until looked up
        expected.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(key.session().value());
      }
    }
  }

  /**
   * Refuses {@code command} if it would start a session under an id storage holds or will hold.
   * Call it on the writer just before the core applies the command, after the deadlines due.
   *
   * @throws DuplicateException if the id is taken
   * @throws StorageException if storage failed and the engine is closing
   */
  void check(RoutingCore core, Command command) {
    Optional<SessionId> id = core.startsUnknownSession(command);
    if (id.isEmpty()) {
      return;
    }
    Writes.Key key = new Writes.Key(core.tenant(), id.get());
    if (heldHere(key) || inStorage(key)) {
      throw new DuplicateException("session", id.get().value());
    }
  }

  /** After a pass: keeps its forgotten ids until it is stored, and forgets what it looked up. */
  void passOver(List<Writes.Key> forgotten, long pass) {
    long stored = storedThrough;
    Iterator<Long> passes = unstored.values().iterator();
    while (passes.hasNext() && passes.next() <= stored) {
      passes.remove();
    }
    for (Writes.Key key : forgotten) {
      unstored.put(key, pass);
    }
    expected.clear();
    lookedUp.clear();
  }

  /** Called by delivery once the writes of pass {@code pass}, and so of every earlier one, are stored. */
  void passStored(long pass) {
    storedThrough = pass;
  }

  /** Whether the writer holds the id: a session of this pass or the last ones, not stored yet. */
  private boolean heldHere(Writes.Key key) {
    return recorder.holds(key) || unstored.containsKey(key);
  }

  private boolean inStorage(Writes.Key key) {
    if (!expected.isEmpty()) {
      expected.forEach((tenant, ids) -> {
        for (String taken : existing(tenant, ids)) {
          lookedUp.put(new Writes.Key(tenant, SessionId.of(taken)), Boolean.TRUE);
        }
      });
      expected.clear();
    }
    Boolean stored = lookedUp.get(key);
    return stored != null ? stored : !existing(key.tenant(), List.of(key.session().value())).isEmpty();
  }

  private Set<String> existing(TenantId tenant, Collection<String> ids) {
    Backoff backoff = new Backoff(stopping);
    while (true) {
      try {
        return storage.sessions().existing(tenant.value(), ids);
      } catch (StorageException e) {
        backoff.pause(e, "the command was not applied");
      }
    }
  }
}
