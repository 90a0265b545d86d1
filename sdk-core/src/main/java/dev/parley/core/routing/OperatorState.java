package dev.parley.core.routing;

import dev.parley.core.Channel;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One operator's routing state. Mutated only by {@link RoutingCore}. */
final class OperatorState {
  static final Channel[] CHANNELS = Channel.values();
  static final int CHANNEL_COUNT = CHANNELS.length;

  final OperatorId id;
  /** {@code List.of(id)}, made once: the operators of every single offer to him. */
  final List<OperatorId> idAsList;
  /** Order of definition: the last tie-break, so that equal keys still order deterministically. */
  final int ordinal;
  OperatorSpec spec;
  private OperatorStatus status = OperatorStatus.OFFLINE;
  /** {@code status} is online: read by every eligibility check, so kept beside the loads. */
  private boolean online;
  boolean phoneLine;
  final boolean[] switchedOn = new boolean[CHANNEL_COUNT];
  /** Capacity per channel; 0 when the channel is not assigned. */
  final int[] capacity = new int[CHANNEL_COUNT];
  /** Sessions offered (to him alone), active or in wrap-up, per channel. */
  final int[] load = new int[CHANNEL_COUNT];
  int totalLoad;
  int exclusiveLoad;
  /** When his load on each channel last changed, or he came online: the "idle since" key. */
  final long[] changedAt = new long[CHANNEL_COUNT];
  /**
   * The core's change counter at the same moments: orders "idle longest" among changes at the
   * same instant, and grows with every change, so a re-keyed candidate always goes last.
   */
  final long[] changedSeq = new long[CHANNEL_COUNT];
  /** Bit c set while he can take one more session of channel c. */
  int eligibleMask;

  /** His places in groups, one per (group, assigned channel). */
  Member[] members = new Member[0];
  /** The distinct groups he belongs to. */
  final List<GroupState> groups = new ArrayList<>();
  /**
   * Sessions that count in his load (offered to him alone, active, wrap-up), in the order he got
   * them: a list through the sessions themselves, so holding and releasing touch no other object.
   */
  @Nullable LiveSession firstHeld;
  @Nullable LiveSession lastHeld;
  /** Whole-group offers standing to him. */
  final Set<LiveSession> groupOffers = new LinkedHashSet<>();
  /** Sessions waiting for him alone (invitations, redirects to him), per channel; lazily made. */
  final WaitQueue[] direct = new WaitQueue[CHANNEL_COUNT];
  int directWaiting;

  /** Queued for {@link RoutingCore#settle}: he may be able to take waiting sessions. */
  boolean dirty;

  OperatorState(OperatorId id, int ordinal) {
    this.id = id;
    this.idAsList = List.of(id);
    this.ordinal = ordinal;
  }

  OperatorStatus status() {
    return status;
  }

  void status(OperatorStatus status) {
    this.status = status;
    this.online = status.presence() == Presence.ONLINE;
  }

  boolean online() {
    return online;
  }

  boolean loggedIn() {
    return status.presence() != Presence.OFFLINE;
  }

  /** Whether he has room for one more session of channel {@code c}, whatever his status. */
  boolean hasRoom(int c) {
    Channel ch = CHANNELS[c];
    return capacity[c] > 0
        && load[c] < capacity[c]
        && exclusiveLoad == 0
        && (!ch.exclusive() || totalLoad == 0);
  }

  /** Whether channel {@code c} may be routed to him now. */
  boolean eligible(int c) {
    return online() && switchedOn[c] && hasRoom(c) && (!CHANNELS[c].needsPhoneLine() || phoneLine);
  }

  void hold(LiveSession s) {
    s.prevHeld = lastHeld;
    s.nextHeld = null;
    if (lastHeld == null) {
      firstHeld = s;
    } else {
      lastHeld.nextHeld = s;
    }
    lastHeld = s;
  }

  void release(LiveSession s) {
    if (s.prevHeld == null) {
      firstHeld = s.nextHeld;
    } else {
      s.prevHeld.nextHeld = s.nextHeld;
    }
    if (s.nextHeld == null) {
      lastHeld = s.prevHeld;
    } else {
      s.nextHeld.prevHeld = s.prevHeld;
    }
    s.prevHeld = null;
    s.nextHeld = null;
  }

  /** The sessions he holds, in the order he got them, as a list of their own. */
  List<LiveSession> heldSessions() {
    List<LiveSession> list = new ArrayList<>(totalLoad);
    for (LiveSession s = firstHeld; s != null; s = s.nextHeld) {
      list.add(s);
    }
    return list;
  }

  WaitQueue directQueue(int c) {
    WaitQueue q = direct[c];
    if (q == null) {
      q = new WaitQueue();
      direct[c] = q;
    }
    return q;
  }

  @Override
  public String toString() {
    return id.value();
  }
}
