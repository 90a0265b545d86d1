package dev.parley.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's policies: routing rules and the default group, whether operators may change their
 * own channel switches or block clients, invitation validity, and how long ended sessions stay
 * reachable for feedback and reopening.
 *
 * <p>Thread safety: immutable.
 */
public final class TenantSettings {
  /** The settings of a new tenant. */
  public static final TenantSettings DEFAULTS = builder().build();

  private final List<RoutingRule> rules;
  private final @Nullable GroupId defaultGroup;
  private final boolean switchesLocked;
  private final boolean operatorsMayBlock;
  private final Duration invitationValidity;
  private final Duration endedRetention;

  private TenantSettings(Builder b) {
    rules = List.copyOf(b.rules);
    defaultGroup = b.defaultGroup;
    switchesLocked = b.switchesLocked;
    operatorsMayBlock = b.operatorsMayBlock;
    invitationValidity = b.invitationValidity;
    endedRetention = b.endedRetention;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The routing rules, tried in order. */
  public List<RoutingRule> rules() {
    return rules;
  }

  /** Where entries go that name no group and match no rule. */
  public Optional<GroupId> defaultGroup() {
    return Optional.ofNullable(defaultGroup);
  }

  /** Whether only administrators may change operators' channel switches. */
  public boolean switchesLocked() {
    return switchesLocked;
  }

  /** Whether an operator may block the client of his session. */
  public boolean operatorsMayBlock() {
    return operatorsMayBlock;
  }

  /** How long an invitation is valid when its maker gives no validity; default 24 h. */
  public Duration invitationValidity() {
    return invitationValidity;
  }

  /**
   * How long an ended session stays in the engine for feedback and reopening; default 24 h (the
   * messaging networks' customer-care window).
   */
  public Duration endedRetention() {
    return endedRetention;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof TenantSettings)) {
      return false;
    }
    TenantSettings o = (TenantSettings) other;
    return Objects.equals(rules, o.rules) && Objects.equals(defaultGroup, o.defaultGroup) && switchesLocked == o.switchesLocked && operatorsMayBlock == o.operatorsMayBlock && Objects.equals(invitationValidity, o.invitationValidity) && Objects.equals(endedRetention, o.endedRetention);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rules, defaultGroup, switchesLocked, operatorsMayBlock, invitationValidity, endedRetention);
  }

  @Override
  public String toString() {
    return "TenantSettings{rules=" + rules + ", defaultGroup=" + defaultGroup + ", switchesLocked=" + switchesLocked
        + ", operatorsMayBlock=" + operatorsMayBlock + ", invitationValidity=" + invitationValidity
        + ", endedRetention=" + endedRetention + "}";
  }

  /** Builds {@link TenantSettings}. */
  public static final class Builder {
    private List<RoutingRule> rules = List.of();
    private @Nullable GroupId defaultGroup;
    private boolean switchesLocked;
    private boolean operatorsMayBlock = true;
    private Duration invitationValidity = Duration.ofHours(24);
    private Duration endedRetention = Duration.ofHours(24);

    private Builder() {}

    /** The routing rules, first match wins. */
    public Builder rules(List<RoutingRule> rules) {
      this.rules = List.copyOf(rules);
      return this;
    }

    /** The group for entries no rule matches. */
    public Builder defaultGroup(GroupId group) {
      this.defaultGroup = Objects.requireNonNull(group, "group");
      return this;
    }

    /** Forbids operators to change their own channel switches. */
    public Builder switchesLocked(boolean locked) {
      this.switchesLocked = locked;
      return this;
    }

    /** Lets operators block the clients of their sessions; default true. */
    public Builder operatorsMayBlock(boolean allowed) {
      this.operatorsMayBlock = allowed;
      return this;
    }

    /** The default validity of invitations; 1 minute to 365 days. */
    public Builder invitationValidity(Duration validity) {
      this.invitationValidity = positive("invitation validity", validity, Duration.ofMinutes(1));
      return this;
    }

    /** How long ended sessions stay reachable; 0 to 365 days. */
    public Builder endedRetention(Duration retention) {
      this.endedRetention = positive("ended retention", retention, Duration.ZERO);
      return this;
    }

    /** Builds the settings. */
    public TenantSettings build() {
      return new TenantSettings(this);
    }

    private static Duration positive(String what, Duration d, Duration min) {
      Objects.requireNonNull(d, what);
      if (d.compareTo(min) < 0 || d.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(what + " must be " + min + " to 365 days, not " + d);
      }
      return d;
    }
  }
}
