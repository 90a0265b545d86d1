package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which stored sessions to list, in which order, and how many at a time: the filters an
 * administrator uses on the history every day.
 *
 * <p>Every filter that is set must match (they combine with AND); an unset filter matches
 * everything. Text filters on identifiers match exactly (case included); {@link
 * Builder#pageUrlContains} matches a substring, literally and case included; {@link Builder#text}
 * is a full-text search of the transcript. Erased sessions are listed like the others, but no
 * longer match by what erasure removed (client, contact, page URL, parameters, messages).
 *
 * <p>Paging: a page holds at most {@link #limit()} sessions; its {@linkplain Page#next() cursor}
 * is a keyset position (the last session's arrival and id), so sessions stored or removed between
 * pages neither repeat nor skip the others. A cursor is valid for the same tenant, filters and
 * order, with any limit; a store rejects any other with an {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * SessionQuery query = SessionQuery.builder("acme")
 *     .arrivedFrom(monday).arrivedBefore(tuesday)
 *     .operator("alice").endReason("CLIENT_DISCONNECTED")
 *     .text("refund")
 *     .limit(50).build();
 * Page<SessionRecord> page = sessions.query(query);
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class SessionQuery {
  /** The largest page a query may ask for. */
  public static final int MAX_LIMIT = 1_000;

  /**
   * The order of the results. Ids compare as {@link String#compareTo} does (by UTF-16 code unit,
   * whatever the database's collation), so that sessions arriving at the same instant have one
   * order in every storage.
   */
  public enum Order {
    /** Latest arrival first; ties by session id, descending. */
    NEWEST_FIRST,
    /** Earliest arrival first; ties by session id, ascending. */
    OLDEST_FIRST
  }

  /** Which sessions by where they are in their life. */
  public enum Liveness {
    /** Live and closed alike. */
    ANY,
    /** Only {@linkplain SessionStatus#live() live} ones. */
    LIVE,
    /** Only closed ones (ended, abandoned, refused). */
    CLOSED
  }

  private final String tenant;
  private final @Nullable Instant arrivedFrom;
  private final @Nullable Instant arrivedBefore;
  private final Liveness liveness;
  private final @Nullable String session;
  private final @Nullable String operator;
  private final @Nullable String group;
  private final @Nullable String channel;
  private final @Nullable String endReason;
  private final @Nullable String tag;
  private final @Nullable String parameterName;
  private final @Nullable String parameterValue;
  private final @Nullable String pageUrlContains;
  private final @Nullable String chatbot;
  private final @Nullable String contact;
  private final @Nullable String client;
  private final List<String> words;
  private final Order order;
  private final int limit;
  private final @Nullable String cursor;

  private SessionQuery(Builder b) {
    tenant = b.tenant;
    arrivedFrom = b.arrivedFrom;
    arrivedBefore = b.arrivedBefore;
    liveness = b.liveness;
    session = b.session;
    operator = b.operator;
    group = b.group;
    channel = b.channel;
    endReason = b.endReason;
    tag = b.tag;
    parameterName = b.parameterName;
    parameterValue = b.parameterValue;
    pageUrlContains = b.pageUrlContains;
    chatbot = b.chatbot;
    contact = b.contact;
    client = b.client;
    words = b.words;
    order = b.order;
    limit = b.limit;
    cursor = b.cursor;
  }

  /** Starts a query of one tenant's sessions: all of them, newest first, 50 at a time. */
  public static Builder builder(String tenant) {
    return new Builder(tenant);
  }

  /** A builder holding this query's values; typically to set the next page's cursor. */
  public Builder toBuilder() {
    Builder b = new Builder(tenant);
    b.arrivedFrom = arrivedFrom;
    b.arrivedBefore = arrivedBefore;
    b.liveness = liveness;
    b.session = session;
    b.operator = operator;
    b.group = group;
    b.channel = channel;
    b.endReason = endReason;
    b.tag = tag;
    b.parameterName = parameterName;
    b.parameterValue = parameterValue;
    b.pageUrlContains = pageUrlContains;
    b.chatbot = chatbot;
    b.contact = contact;
    b.client = client;
    b.words = words;
    b.order = order;
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  /** The tenant whose sessions to list. */
  public String tenant() {
    return tenant;
  }

  /** Only sessions that arrived at or after this instant. */
  public Optional<Instant> arrivedFrom() {
    return Optional.ofNullable(arrivedFrom);
  }

  /** Only sessions that arrived before this instant. */
  public Optional<Instant> arrivedBefore() {
    return Optional.ofNullable(arrivedBefore);
  }

  /** Live sessions, closed ones, or both. */
  public Liveness liveness() {
    return liveness;
  }

  /** Only the session with this id. */
  public Optional<String> session() {
    return Optional.ofNullable(session);
  }

  /**
   * Only sessions this operator took part in: the session's {@link SessionRecord#operator()} is
   * he (he holds or last served it), or one of its {@linkplain SessionRecord#transitions()
   * transitions} to {@link SessionStatus#ACTIVE} names him as its {@link
   * SessionTransition#operator()} (he accepted it before a redirect). Being offered the session,
   * being its target, or collaborating in it does not count.
   */
  public Optional<String> operator() {
    return Optional.ofNullable(operator);
  }

  /** Only sessions whose (last) group is this one. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** Only sessions on this channel (its enum name). */
  public Optional<String> channel() {
    return Optional.ofNullable(channel);
  }

  /** Only sessions that ended for this reason. */
  public Optional<String> endReason() {
    return Optional.ofNullable(endReason);
  }

  /** Only sessions that have this tag among their tags. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** Only sessions with a parameter of this name whose value is exactly {@link #parameterValue()}. */
  public Optional<String> parameterName() {
    return Optional.ofNullable(parameterName);
  }

  /** The value {@link #parameterName()} must have. */
  public Optional<String> parameterValue() {
    return Optional.ofNullable(parameterValue);
  }

  /**
   * Only sessions whose page URL contains this text, as {@link String#contains} does: case
   * included, and {@code %} or {@code _} are plain characters.
   */
  public Optional<String> pageUrlContains() {
    return Optional.ofNullable(pageUrlContains);
  }

  /** Only sessions whose {@link SessionRecord#chatbot()} is this one. */
  public Optional<String> chatbot() {
    return Optional.ofNullable(chatbot);
  }

  /** Only sessions linked to this contact. */
  public Optional<String> contact() {
    return Optional.ofNullable(contact);
  }

  /** Only sessions of this client identifier (with {@link #channel()} if that is set too). */
  public Optional<String> client() {
    return Optional.ofNullable(client);
  }

  /**
   * The full-text search, empty for none: each of these words must begin ({@link
   * String#startsWith}) one of the words that {@link Words#of} finds in the text of the session's
   * messages, whoever sent them. The words may match in different messages: {@code refund
   * invoice} finds a session where the client asked about an invoice and later for a refund.
   * The words are already {@linkplain Words normalized}, so case and accents do not matter.
   */
  public List<String> words() {
    return words;
  }

  /** The order of the results. */
  public Order order() {
    return order;
  }

  /** The most sessions on one page, 1 to {@link #MAX_LIMIT}. */
  public int limit() {
    return limit;
  }

  /**
   * Where the page starts: the cursor of the page before, from a query with the same tenant,
   * filters and order (the limit may differ); empty for the first page.
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /** Every filter and the order, as text: what a cursor of this query is valid for. */
  String filtersAndOrder() {
    return String.join("\u0001", tenant, String.valueOf(arrivedFrom), String.valueOf(arrivedBefore),
        liveness.name(), String.valueOf(session), String.valueOf(operator), String.valueOf(group),
        String.valueOf(channel), String.valueOf(endReason), String.valueOf(tag), String.valueOf(parameterName),
        String.valueOf(parameterValue), String.valueOf(pageUrlContains), String.valueOf(chatbot),
        String.valueOf(contact), String.valueOf(client), String.join(" ", words), order.name());
  }

  @Override
  public String toString() {
    return "SessionQuery[" + tenant + ", " + order + ", limit " + limit + (words.isEmpty() ? "" : ", words " + words) + "]";
  }

  /**
   * Builds a {@link SessionQuery}. Setters check their argument at once; pass null to unset a filter.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    private final String tenant;
    private @Nullable Instant arrivedFrom;
    private @Nullable Instant arrivedBefore;
    private Liveness liveness = Liveness.ANY;
    private @Nullable String session;
    private @Nullable String operator;
    private @Nullable String group;
    private @Nullable String channel;
    private @Nullable String endReason;
    private @Nullable String tag;
    private @Nullable String parameterName;
    private @Nullable String parameterValue;
    private @Nullable String pageUrlContains;
    private @Nullable String chatbot;
    private @Nullable String contact;
    private @Nullable String client;
    private List<String> words = List.of();
    private Order order = Order.NEWEST_FIRST;
    private int limit = 50;
    private @Nullable String cursor;

    private Builder(String tenant) {
      this.tenant = FieldChecks.nonBlank("tenant", tenant);
    }

    /** Only sessions that arrived at or after {@code from}. */
    public Builder arrivedFrom(@Nullable Instant from) {
      this.arrivedFrom = from;
      return this;
    }

    /** Only sessions that arrived before {@code before}. */
    public Builder arrivedBefore(@Nullable Instant before) {
      this.arrivedBefore = before;
      return this;
    }

    /** Live sessions, closed ones, or both (the default). */
    public Builder liveness(Liveness liveness) {
      this.liveness = requireNonNull(liveness, "liveness must not be null");
      return this;
    }

    /** Only the session with this id. */
    public Builder session(@Nullable String session) {
      this.session = optional("session", session);
      return this;
    }

    /** Only sessions this operator took part in. */
    public Builder operator(@Nullable String operator) {
      this.operator = optional("operator", operator);
      return this;
    }

    /** Only sessions whose (last) group is this one. */
    public Builder group(@Nullable String group) {
      this.group = optional("group", group);
      return this;
    }

    /** Only sessions on this channel, such as {@code WHATSAPP}. */
    public Builder channel(@Nullable String channel) {
      this.channel = channel == null ? null : FieldChecks.channelName(channel);
      return this;
    }

    /** Only sessions that ended for this reason. */
    public Builder endReason(@Nullable String endReason) {
      this.endReason = optional("endReason", endReason);
      return this;
    }

    /** Only sessions with this tag. */
    public Builder tag(@Nullable String tag) {
      this.tag = optional("tag", tag);
      return this;
    }

    /**
     * Only sessions whose parameter {@code name} has {@code value}; pass nulls to unset.
     *
     * @throws IllegalArgumentException if only one of the two is null
     */
    public Builder parameter(@Nullable String name, @Nullable String value) {
      if ((name == null) != (value == null)) {
        throw new IllegalArgumentException("parameter name and value must be both set or both null, were: "
            + name + ", " + value);
      }
      this.parameterName = optional("parameter name", name);
      this.parameterValue = value;
      return this;
    }

    /** Only sessions whose page URL contains {@code text}. */
    public Builder pageUrlContains(@Nullable String text) {
      this.pageUrlContains = optional("pageUrlContains", text);
      return this;
    }

    /** Only sessions this chatbot took part in. */
    public Builder chatbot(@Nullable String chatbot) {
      this.chatbot = optional("chatbot", chatbot);
      return this;
    }

    /** Only sessions linked to this contact. */
    public Builder contact(@Nullable String contact) {
      this.contact = optional("contact", contact);
      return this;
    }

    /** Only sessions of this client identifier. */
    public Builder client(@Nullable String client) {
      this.client = optional("client", client);
      return this;
    }

    /**
     * A full-text search: the words of {@code text} (as {@link Words#of} splits them) must each
     * begin a word of the session's messages; null or a text without words unsets it.
     */
    public Builder text(@Nullable String text) {
      this.words = text == null ? List.of() : Words.of(text);
      return this;
    }

    /** The order of the results; newest first by default. */
    public Builder order(Order order) {
      this.order = requireNonNull(order, "order must not be null");
      return this;
    }

    /**
     * The most sessions on one page.
     *
     * @throws IllegalArgumentException unless 1 to {@link #MAX_LIMIT}
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was: " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** Starts the page after the one that returned {@code cursor}; null for the first page. */
    public Builder cursor(@Nullable String cursor) {
      this.cursor = optional("cursor", cursor);
      return this;
    }

    /** Builds the query. */
    public SessionQuery build() {
      return new SessionQuery(this);
    }

    private static @Nullable String optional(String name, @Nullable String value) {
      return value == null ? null : FieldChecks.nonBlank(name, value);
    }
  }
}
