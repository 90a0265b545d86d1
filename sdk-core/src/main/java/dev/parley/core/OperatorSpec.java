package dev.parley.core;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An operator's standing settings: the groups he belongs to, the channels assigned to him with his
 * capacity on each, and whether his phone line is available. His status and channel switches
 * change through commands; a newly defined operator is {@link Presence#OFFLINE} with every
 * assigned channel switched on.
 *
 * <pre>{@code
 * OperatorSpec alice = OperatorSpec.builder(OperatorId.of("alice"))
 *     .group(GroupId.of("sales"))
 *     .channel(Channel.WEB_CHAT, 4)
 *     .channel(Channel.VIDEO_CALL)
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class OperatorSpec {
  /** The most sessions of one channel an operator may be given at once. */
  public static final int MAX_CAPACITY = 100;
  /** The most groups one operator may belong to. */
  public static final int MAX_GROUPS = 1_000;

  private final OperatorId id;
  private final Map<GroupId, Integer> groups;
  private final Map<Channel, Integer> capacities;
  private final boolean phoneLine;

  private OperatorSpec(Builder b) {
    id = b.id;
    groups = Map.copyOf(b.groups);
    capacities = Map.copyOf(b.capacities);
    phoneLine = b.phoneLine;
  }

  /** Starts an operator with no groups and no channels. */
  public static Builder builder(OperatorId id) {
    return new Builder(id);
  }

  /** The operator's id. */
  public OperatorId id() {
    return id;
  }

  /** The groups he belongs to, each with his rank for {@link RoutingStrategy#FIXED_ORDER}. */
  public Map<GroupId, Integer> groups() {
    return groups;
  }

  /** The channels assigned to him, each with his capacity. */
  public Map<Channel, Integer> capacities() {
    return capacities;
  }

  /** Whether his phone line is available (phone sessions need it). */
  public boolean phoneLine() {
    return phoneLine;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof OperatorSpec)) {
      return false;
    }
    OperatorSpec o = (OperatorSpec) other;
    return Objects.equals(id, o.id) && Objects.equals(groups, o.groups) && Objects.equals(capacities, o.capacities) && phoneLine == o.phoneLine;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, groups, capacities, phoneLine);
  }

  @Override
  public String toString() {
    return "OperatorSpec{" + id + ", groups=" + groups.keySet() + ", capacities=" + capacities + "}";
  }

  /** Builds an {@link OperatorSpec}; each setter checks its argument at once. */
  public static final class Builder {
    private final OperatorId id;
    private final Map<GroupId, Integer> groups = new LinkedHashMap<>();
    private final Map<Channel, Integer> capacities = new EnumMap<>(Channel.class);
    private boolean phoneLine = true;

    private Builder(OperatorId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** Adds him to a group, rank 0. */
    public Builder group(GroupId group) {
      return group(group, 0);
    }

    /** Adds him to a group with a rank for fixed-order routing (lower goes first). */
    public Builder group(GroupId group, int rank) {
      Objects.requireNonNull(group, "group");
      if (rank < 0) {
        throw new IllegalArgumentException("rank must be 0 or more, not " + rank + " (group " + group + ")");
      }
      if (!groups.containsKey(group) && groups.size() == MAX_GROUPS) {
        throw new IllegalArgumentException("an operator belongs to at most " + MAX_GROUPS + " groups");
      }
      groups.put(group, rank);
      return this;
    }

    /** Assigns a channel with its {@linkplain Channel#defaultCapacity() default capacity}. */
    public Builder channel(Channel channel) {
      return channel(channel, Objects.requireNonNull(channel, "channel").defaultCapacity());
    }

    /** Assigns a channel with the given capacity (1 for exclusive channels). */
    public Builder channel(Channel channel, int capacity) {
      Objects.requireNonNull(channel, "channel");
      if (capacity < 1 || capacity > MAX_CAPACITY) {
        throw new IllegalArgumentException(
            "capacity on " + channel + " must be 1.." + MAX_CAPACITY + ", not " + capacity);
      }
      if (channel.exclusive() && capacity != 1) {
        throw new IllegalArgumentException(channel + " is exclusive: capacity must be 1, not " + capacity);
      }
      capacities.put(channel, capacity);
      return this;
    }

    /** Whether his phone line is available; default true. */
    public Builder phoneLine(boolean available) {
      this.phoneLine = available;
      return this;
    }

    /** Builds the spec. */
    public OperatorSpec build() {
      return new OperatorSpec(this);
    }
  }
}
