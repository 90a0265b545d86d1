package dev.parley.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a client arrives: the channel and everything the entry carries (widget, page URL, language,
 * browser and OS, the entry form's name, phone and e-mail, the network's user id and profile name,
 * an invitation code, the IVR's choice of group, parameters). Routing rules choose the group from
 * these attributes; operators see them in the preview of a waiting client.
 *
 * <pre>{@code
 * Entry chat = Entry.builder(Channel.WEB_CHAT)
 *     .client("visitor-8f2c")
 *     .widget("support").pageUrl("https://shop.example/cart").language("cs")
 *     .name("Jana").build();
 * Entry whatsApp = Entry.builder(Channel.WHATSAPP).client("420777123456").name("Jana").build();
 * Entry invited = Entry.builder(Channel.WEB_CHAT).invitationCode("042137").build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class Entry {
  private static final int MAX_ATTRIBUTE = 2_000;
  private static final int MAX_PARAMETERS = 100;

  private final Channel channel;
  private final @Nullable String client;
  private final @Nullable String name;
  private final @Nullable String phone;
  private final @Nullable String email;
  private final @Nullable String language;
  private final @Nullable String widget;
  private final @Nullable String pageUrl;
  private final @Nullable String browser;
  private final @Nullable String os;
  private final @Nullable String subject;
  private final @Nullable String invitationCode;
  private final @Nullable GroupId group;
  private final int priority;
  private final Map<String, String> parameters;

  private Entry(Builder b) {
    channel = b.channel;
    client = b.client;
    name = b.name;
    phone = b.phone;
    email = b.email;
    language = b.language;
    widget = b.widget;
    pageUrl = b.pageUrl;
    browser = b.browser;
    os = b.os;
    subject = b.subject;
    invitationCode = b.invitationCode;
    group = b.group;
    priority = b.priority;
    parameters = Map.copyOf(b.parameters);
  }

  /** Starts an entry on {@code channel}. */
  public static Builder builder(Channel channel) {
    return new Builder(channel);
  }

  /** Returns a builder holding this entry's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(channel);
    b.client = client;
    b.name = name;
    b.phone = phone;
    b.email = email;
    b.language = language;
    b.widget = widget;
    b.pageUrl = pageUrl;
    b.browser = browser;
    b.os = os;
    b.subject = subject;
    b.invitationCode = invitationCode;
    b.group = group;
    b.priority = priority;
    b.parameters.putAll(parameters);
    return b;
  }

  /**
   * This entry as the operator's client tab edits it ({@link Command.EditClient}): with the
   * client's name, phone or e-mail set, or cleared when {@code value} is null.
   *
   * @param field {@link Command.EditClient#NAME}, {@link Command.EditClient#PHONE} or {@link
   *     Command.EditClient#EMAIL}
   * @throws IllegalArgumentException if {@code field} is none of these, or the value is too long
   */
  public Entry withClientField(String field, @Nullable String value) {
    Builder b = toBuilder();
    String checked = value == null ? null : Builder.attribute(field, value);
    switch (field) {
      case Command.EditClient.NAME:
        b.name = checked;
        break;
      case Command.EditClient.PHONE:
        b.phone = checked;
        break;
      case Command.EditClient.EMAIL:
        b.email = checked;
        break;
      default:
        throw new IllegalArgumentException("an entry keeps the client's name, phone and email, not " + field);
    }
    return b.build();
  }

  /** The channel the client came on. */
  public Channel channel() {
    return channel;
  }

  /** The client's identity on the channel, when the entry has one (the blacklist key). */
  public Optional<ClientRef> client() {
    return client == null ? Optional.empty() : Optional.of(new ClientRef(channel, client));
  }

  /** The name from the entry form or the network profile. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The phone number: from the form, the callback request or the caller id. */
  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  /** The e-mail address: from the form or the sender. */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** The client's language, e.g. {@code "cs"}. */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /** The name of the chat widget the client used. */
  public Optional<String> widget() {
    return Optional.ofNullable(widget);
  }

  /** The page the client was on. */
  public Optional<String> pageUrl() {
    return Optional.ofNullable(pageUrl);
  }

  /** The client's browser. */
  public Optional<String> browser() {
    return Optional.ofNullable(browser);
  }

  /** The client's operating system. */
  public Optional<String> os() {
    return Optional.ofNullable(os);
  }

  /** The subject of an e-mail. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The invitation code the client entered; routes to the operator who made it. */
  public Optional<String> invitationCode() {
    return Optional.ofNullable(invitationCode);
  }

  /** The group the entry asks for directly (an IVR choice, a widget bound to a group). */
  public Optional<GroupId> group() {
    return Optional.ofNullable(group);
  }

  /** The entry's priority: higher is served first within a group. Routing rules may raise it. */
  public int priority() {
    return priority;
  }

  /** Preset and custom parameters. */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Entry)) {
      return false;
    }
    Entry e = (Entry) o;
    return channel == e.channel
        && priority == e.priority
        && Objects.equals(client, e.client)
        && Objects.equals(name, e.name)
        && Objects.equals(phone, e.phone)
        && Objects.equals(email, e.email)
        && Objects.equals(language, e.language)
        && Objects.equals(widget, e.widget)
        && Objects.equals(pageUrl, e.pageUrl)
        && Objects.equals(browser, e.browser)
        && Objects.equals(os, e.os)
        && Objects.equals(subject, e.subject)
        && Objects.equals(invitationCode, e.invitationCode)
        && Objects.equals(group, e.group)
        && parameters.equals(e.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, client, name, language, widget, pageUrl, invitationCode, group);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Entry{").append(channel);
    if (client != null) {
      s.append(", client=").append(client);
    }
    if (invitationCode != null) {
      s.append(", invitation");
    }
    if (group != null) {
      s.append(", group=").append(group);
    }
    if (language != null) {
      s.append(", language=").append(language);
    }
    if (widget != null) {
      s.append(", widget=").append(widget);
    }
    return s.append('}').toString();
  }

  /** Builds an {@link Entry}; each setter checks its argument at once. */
  public static final class Builder {
    private final Channel channel;
    private @Nullable String client;
    private @Nullable String name;
    private @Nullable String phone;
    private @Nullable String email;
    private @Nullable String language;
    private @Nullable String widget;
    private @Nullable String pageUrl;
    private @Nullable String browser;
    private @Nullable String os;
    private @Nullable String subject;
    private @Nullable String invitationCode;
    private @Nullable GroupId group;
    private int priority;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Builder(Channel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The client's identity on the channel (network user id, phone number, address, visitor id). */
    public Builder client(String identifier) {
      this.client = Ids.check("client identifier", identifier);
      return this;
    }

    /** The client's name. */
    public Builder name(String name) {
      this.name = attribute("name", name);
      return this;
    }

    /** The client's phone number. */
    public Builder phone(String phone) {
      this.phone = attribute("phone", phone);
      return this;
    }

    /** The client's e-mail address. */
    public Builder email(String email) {
      this.email = attribute("email", email);
      return this;
    }

    /** The client's language, e.g. {@code "en"}. */
    public Builder language(String language) {
      this.language = attribute("language", language);
      return this;
    }

    /** The chat widget's name. */
    public Builder widget(String widget) {
      this.widget = attribute("widget", widget);
      return this;
    }

    /** The page the client came from. */
    public Builder pageUrl(String pageUrl) {
      this.pageUrl = attribute("page URL", pageUrl);
      return this;
    }

    /** The client's browser. */
    public Builder browser(String browser) {
      this.browser = attribute("browser", browser);
      return this;
    }

    /** The client's operating system. */
    public Builder os(String os) {
      this.os = attribute("os", os);
      return this;
    }

    /** An e-mail's subject. */
    public Builder subject(String subject) {
      this.subject = attribute("subject", subject);
      return this;
    }

    /** The six-digit invitation code the client entered. */
    public Builder invitationCode(String code) {
      this.invitationCode = InvitationCodes.check(code);
      return this;
    }

    /** Asks for one group directly, bypassing the routing rules. */
    public Builder group(GroupId group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The priority within a group: higher is served first; default 0. */
    public Builder priority(int priority) {
      if (priority < -1_000 || priority > 1_000) {
        throw new IllegalArgumentException("priority must be within -1000..1000, not " + priority);
      }
      this.priority = priority;
      return this;
    }

    /** Adds a parameter; a later value for the same key replaces the earlier. */
    public Builder parameter(String key, String value) {
      Ids.check("parameter key", key);
      attribute("parameter " + key, value);
      if (!parameters.containsKey(key) && parameters.size() == MAX_PARAMETERS) {
        throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " parameters; " + key + " is one too many");
      }
      parameters.put(key, value);
      return this;
    }

    /** Builds the entry. */
    public Entry build() {
      if (invitationCode != null && channel != Channel.WEB_CHAT && channel != Channel.VIDEO_CALL) {
        throw new IllegalStateException(
            "an invitation code enters on WEB_CHAT or VIDEO_CALL, not " + channel);
      }
      if (client == null && channel != Channel.WEB_CHAT && channel != Channel.VIDEO_CALL) {
        throw new IllegalStateException(
            channel + " entries carry the client's identity on the channel: call client(...)");
      }
      return new Entry(this);
    }

    private static String attribute(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.length() > MAX_ATTRIBUTE) {
        throw new IllegalArgumentException(
            what + " is " + value.length() + " characters long; at most " + MAX_ATTRIBUTE + " allowed");
      }
      return value;
    }
  }
}
