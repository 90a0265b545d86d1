package dev.parley.core.routing;

import dev.parley.core.Channel;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One operator's routing state. Mutated only by {@link RoutingCore}. */
final class OperatorState {
  static final Channel[] CHANNELS = CandidateIndex.CHANNELS;
  static final int CHANNEL_COUNT = CandidateIndex.CHANNEL_COUNT;

  final OperatorId id;
  /** {@code List.of(id)}, made once: the operators of every single offer to him. */
  final List<OperatorId> idAsList;
  /** Order of definition: the last tie-break, so that equal keys still order deterministically. */
  final int ordinal;
  /**
   * His number in {@link #index}, which holds his loads, capacities, switches and "idle since"
   * (see {@link CandidateIndex} for why they are not fields here).
   */
  final int number;
  private final CandidateIndex index;
  OperatorSpec spec;
  private OperatorStatus status = OperatorStatus.OFFLINE;
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

  /** What his absence is waiting for: nothing, the end of his grace, the end of his sessions' wait. */
  enum Absence {
    NONE,
    GRACE,
    SESSIONS_WAIT
  }

  /** His consoles' connection ids, as the transport reported them open; mostly one or none. */
  List<String> connections = Collections.emptyList();
  /** Whether the engine was ever told of a console of his: only then can he be gone. */
  boolean tracked;
  /** His last console closed and none opened since: he is offered nothing. */
  private boolean gone;
  Absence absence = Absence.NONE;
  /** When his last console closed, while he is gone. */
  @Nullable Instant goneSince;
  /** When {@link #absence} moves on, while it is not NONE; in {@link OperatorGoneHeap}. */
  long goneDeadline;
  int goneIndex = -1;

  OperatorState(OperatorId id, int ordinal, int number, CandidateIndex index) {
    this.id = id;
    this.idAsList = List.of(id);
    this.ordinal = ordinal;
    this.number = number;
    this.index = index;
  }

  OperatorStatus status() {
    return status;
  }

  void status(OperatorStatus status) {
    this.status = status;
    index.online(number, routable());
  }

  boolean gone() {
    return gone;
  }

  void gone(boolean gone) {
    this.gone = gone;
    index.online(number, routable());
  }

  private boolean routable() {
    return status.presence() == Presence.ONLINE && !gone;
  }

  /** Whether sessions may be routed to him: online and not gone. */
  boolean online() {
    return index.online(number);
  }

  /** Whether his status is online, gone or not: what the groups' online counts count. */
  boolean statusOnline() {
    return status.presence() == Presence.ONLINE;
  }

  boolean loggedIn() {
    return status.presence() != Presence.OFFLINE;
  }

  /** Whether he has room for one more session of channel {@code c}, whatever his status. */
  boolean hasRoom(int c) {
    return index.hasRoom(number, c);
  }

  /** Whether channel {@code c} may be routed to him now. */
  boolean eligible(int c) {
    return index.eligible(number, c);
  }

  /** Bit c set while he can take one more session of channel c. */
  int eligibleMask() {
    return index.eligibleMask(number);
  }

  /** Sessions of channel {@code c} offered (to him alone), active or in wrap-up. */
  int load(int c) {
    return index.load(number, c);
  }

  int totalLoad() {
    return index.totalLoad(number);
  }

  int exclusiveLoad() {
    return index.exclusiveLoad(number);
  }

  /** His capacity for channel {@code c}; 0 when it is not assigned. */
  int capacity(int c) {
    return index.capacity(number, c);
  }

  /** When his load on channel {@code c} last changed, or he came online: "idle since". */
  long changedAt(int c) {
    return index.changedAt(number, c);
  }

  boolean switchedOn(int c) {
    return index.switchedOn(number, c);
  }

  void switchedOn(int c, boolean on) {
    index.switchedOn(number, c, on);
  }

  boolean phoneLine() {
    return index.phoneLine(number);
  }

  void phoneLine(boolean available) {
    index.phoneLine(number, available);
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
    List<LiveSession> list = new ArrayList<>(totalLoad());
    for (LiveSession s = firstHeld; s != null; s = s.nextHeld) {
      list.add(s);
    }
    return list;
  }

  WaitQueue directQueue(int c) {
    WaitQueue q = direct[c];
    if (q == null) {
      q = new WaitQueue(this, c);
      direct[c] = q;
    }
    return q;
  }

  @Override
  public String toString() {
    return id.value();
  }
}
