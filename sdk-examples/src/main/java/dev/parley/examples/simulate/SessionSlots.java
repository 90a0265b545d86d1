package dev.parley.examples.simulate;

import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.SessionId;
import java.util.Arrays;

/**
 * Numbers the sessions in the system by slot, and recycles a slot, its {@link SessionId} and its
 * commands once the core has forgotten the session (the tenant keeps no ended sessions). A run of
 * millions of calls thus uses as many ids as sessions were ever in the system at once, and the hot
 * loop makes no strings. A slot's session id is {@code s<slot>}, so that the slot of an id in an
 * event is read back from its text without a map.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class SessionSlots {
  private final Entry entry;
  private SessionId[] ids = new SessionId[64];
  private Command.Arrive[] arrivals = new Command.Arrive[64];
  private Command.Abandon[] abandons = new Command.Abandon[64];
  private int[] free = new int[64];
  private int freeCount;
  private int created;

  /** Slots whose sessions all arrive with {@code entry}. */
  SessionSlots(Entry entry) {
    this.entry = entry;
  }

  /** A slot no session holds, made when none is free. */
  int acquire() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    int slot = created++;
    if (slot == ids.length) {
      int length = slot * 2;
      ids = Arrays.copyOf(ids, length);
      arrivals = Arrays.copyOf(arrivals, length);
      abandons = Arrays.copyOf(abandons, length);
      free = Arrays.copyOf(free, length);
    }
    SessionId id = SessionId.of("s" + slot);
    ids[slot] = id;
    arrivals[slot] = new Command.Arrive(id, entry);
    abandons[slot] = new Command.Abandon(id);
    return slot;
  }

  /** Gives back a slot whose session the core no longer knows. */
  void release(int slot) {
    free[freeCount++] = slot;
  }

  /** The arrival of the slot's session. */
  Command.Arrive arrive(int slot) {
    return arrivals[slot];
  }

  /** The slot's client leaving the queue. */
  Command.Abandon abandon(int slot) {
    return abandons[slot];
  }

  /** The id of the slot's session. */
  SessionId id(int slot) {
    return ids[slot];
  }

  /** The slot of a session id made here. */
  static int slotOf(SessionId id) {
    return numberAfter(id.value(), 1);
  }

  /** The decimal number in {@code text} from index {@code start} to its end. */
  static int numberAfter(String text, int start) {
    int n = 0;
    for (int i = start; i < text.length(); i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    return n;
  }
}
