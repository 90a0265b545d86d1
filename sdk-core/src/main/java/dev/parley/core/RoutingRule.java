package dev.parley.core;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a group from an entry's attributes. The tenant's rules are tried in order; the first
 * that matches wins. Every condition that is set must hold; a rule with no condition matches all.
 *
 * <pre>{@code
 * RoutingRule czechVideo = RoutingRule.to(GroupId.of("cz-video"))
 *     .channels(Channel.VIDEO_CALL).language("cs").priority(5).build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class RoutingRule {
  private final GroupId group;
  private final Set<Channel> channels;
  private final @Nullable String language;
  private final @Nullable String widget;
  private final @Nullable String pageUrlPrefix;
  private final Map<String, String> parameters;
  private final int priority;

  private RoutingRule(Builder b) {
    group = b.group;
    channels = b.channels.isEmpty() ? Set.of() : Set.copyOf(b.channels);
    language = b.language;
    widget = b.widget;
    pageUrlPrefix = b.pageUrlPrefix;
    parameters = Map.copyOf(b.parameters);
    priority = b.priority;
  }

  /** Starts a rule sending matching entries to {@code group}. */
  public static Builder to(GroupId group) {
    return new Builder(group);
  }

  /** The group matching entries go to. */
  public GroupId group() {
    return group;
  }

  /** The channels this rule matches; empty: any channel. */
  public Set<Channel> channels() {
    return channels;
  }

  /** The language this rule matches, ignoring case; empty: any language. */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /** The widget this rule matches; empty: any widget. */
  public Optional<String> widget() {
    return Optional.ofNullable(widget);
  }

  /** The start that matching page URLs share; empty: any page. */
  public Optional<String> pageUrlPrefix() {
    return Optional.ofNullable(pageUrlPrefix);
  }

  /** The parameters an entry must carry with exactly these values; empty: no condition. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The priority given to matching entries, added to the entry's own. */
  public int priority() {
    return priority;
  }

  /** Whether every condition of this rule holds for {@code entry}. */
  public boolean matches(Entry entry) {
    if (!channels.isEmpty() && !channels.contains(entry.channel())) {
      return false;
    }
    if (language != null && !language.equalsIgnoreCase(entry.language().orElse(""))) {
      return false;
    }
    if (widget != null && !widget.equals(entry.widget().orElse(null))) {
      return false;
    }
    if (pageUrlPrefix != null && !entry.pageUrl().orElse("").startsWith(pageUrlPrefix)) {
      return false;
    }
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      if (!p.getValue().equals(entry.parameters().get(p.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof RoutingRule)) {
      return false;
    }
    RoutingRule o = (RoutingRule) other;
    return Objects.equals(group, o.group) && Objects.equals(channels, o.channels) && Objects.equals(language, o.language) && Objects.equals(widget, o.widget) && Objects.equals(pageUrlPrefix, o.pageUrlPrefix) && Objects.equals(parameters, o.parameters) && priority == o.priority;
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, channels, language, widget, pageUrlPrefix, parameters, priority);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RoutingRule{→").append(group);
    if (!channels.isEmpty()) {
      s.append(", channels=").append(channels);
    }
    if (language != null) {
      s.append(", language=").append(language);
    }
    if (widget != null) {
      s.append(", widget=").append(widget);
    }
    if (pageUrlPrefix != null) {
      s.append(", pageUrl^=").append(pageUrlPrefix);
    }
    if (!parameters.isEmpty()) {
      s.append(", parameters=").append(parameters);
    }
    return s.append('}').toString();
  }

  /** Builds a {@link RoutingRule}. */
  public static final class Builder {
    private final GroupId group;
    private final Set<Channel> channels = EnumSet.noneOf(Channel.class);
    private @Nullable String language;
    private @Nullable String widget;
    private @Nullable String pageUrlPrefix;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private int priority;

    private Builder(GroupId group) {
      this.group = Objects.requireNonNull(group, "group");
    }

    /** Matches only these channels. */
    public Builder channels(Channel first, Channel... more) {
      channels.add(Objects.requireNonNull(first, "channel"));
      for (Channel c : more) {
        channels.add(Objects.requireNonNull(c, "channel"));
      }
      return this;
    }

    /** Matches this language, ignoring case. */
    public Builder language(String language) {
      this.language = Ids.check("language", language);
      return this;
    }

    /** Matches this widget. */
    public Builder widget(String widget) {
      this.widget = Ids.check("widget", widget);
      return this;
    }

    /** Matches page URLs that start with {@code prefix}. */
    public Builder pageUrlPrefix(String prefix) {
      this.pageUrlPrefix = Ids.check("page URL prefix", prefix);
      return this;
    }

    /** Matches entries whose parameter {@code key} equals {@code value}. */
    public Builder parameter(String key, String value) {
      parameters.put(Ids.check("parameter key", key), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The priority added to matching entries; default 0. */
    public Builder priority(int priority) {
      if (priority < -1_000 || priority > 1_000) {
        throw new IllegalArgumentException("rule priority must be within -1000..1000, not " + priority);
      }
      this.priority = priority;
      return this;
    }

    /** Builds the rule. */
    public RoutingRule build() {
      return new RoutingRule(this);
    }
  }
}
