package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A session as the storage keeps it: who the client was and how he came, where the session went
 * (its {@linkplain #transitions() transitions}), and what operators added (tags, parameters, notes,
 * result, feedback, recordings). Its messages are in the {@link TranscriptStore}.
 *
 * <p>Built through {@link #builder(String, String, String, Instant)} or changed through {@link
 * #toBuilder()}:
 *
 * <pre>{@code
 * SessionRecord queued = SessionRecord.builder("acme", "s-1", "WEB_CHAT", now)
 *     .client("visitor-7").pageUrl("https://acme.example/pricing").group("sales")
 *     .transition(new SessionTransition(now, SessionStatus.QUEUED, "client", null, "sales", null))
 *     .build();
 * SessionRecord stored = sessions.save(queued);           // version 1
 * sessions.save(stored.toBuilder().status(SessionStatus.ACTIVE).operator("alice").build());
 * }</pre>
 *
 * <p>Versions: a record read from a store carries the stored {@link #version()}; a new one has
 * version 0. {@link SessionStore#save} accepts a record only if its version is the stored one
 * (optimistic concurrency) and returns it with the next version.
 *
 * <p>Erasure: {@linkplain #erasedAt() erased} sessions keep what statistics need (channel, states,
 * times, group, operators, end reason, result, rating) and lose every trace of the client's
 * identity and of the conversation's content.
 *
 * <p>Thread safety: immutable.
 */
public final class SessionRecord {
  private final String tenant;
  private final String id;
  private final String channel;
  private final Instant arrivedAt;
  private final long version;
  private final SessionStatus status;
  private final long arrivalSeq;
  private final Instant enteredQueueAt;
  private final int priority;
  private final @Nullable String client;
  private final @Nullable String clientName;
  private final @Nullable String phone;
  private final @Nullable String email;
  private final @Nullable String contact;
  private final @Nullable String widget;
  private final @Nullable String pageUrl;
  private final @Nullable String language;
  private final @Nullable String browser;
  private final @Nullable String os;
  private final @Nullable String subject;
  private final @Nullable String invitationCode;
  private final @Nullable String chatbot;
  private final @Nullable String reopens;
  private final @Nullable String group;
  private final @Nullable String target;
  private final @Nullable String operator;
  private final List<String> collaborators;
  private final @Nullable Instant acceptedAt;
  private final @Nullable Instant endedAt;
  private final @Nullable Instant closedAt;
  private final @Nullable Instant wrapUpDeadline;
  private final @Nullable String endReason;
  private final @Nullable String result;
  private final @Nullable Integer rating;
  private final @Nullable String feedback;
  private final @Nullable Instant erasedAt;
  private final Set<String> tags;
  private final Map<String, String> parameters;
  private final List<SessionNote> notes;
  private final List<SessionTransition> transitions;
  private final List<RecordingRef> recordings;

  private SessionRecord(Builder b) {
    tenant = b.tenant;
    id = b.id;
    channel = b.channel;
    arrivedAt = b.arrivedAt;
    version = b.version;
    status = b.status;
    arrivalSeq = b.arrivalSeq;
    enteredQueueAt = b.enteredQueueAt == null ? b.arrivedAt : b.enteredQueueAt;
    priority = b.priority;
    client = b.client;
    clientName = b.clientName;
    phone = b.phone;
    email = b.email;
    contact = b.contact;
    widget = b.widget;
    pageUrl = b.pageUrl;
    language = b.language;
    browser = b.browser;
    os = b.os;
    subject = b.subject;
    invitationCode = b.invitationCode;
    chatbot = b.chatbot;
    reopens = b.reopens;
    group = b.group;
    target = b.target;
    operator = b.operator;
    collaborators = List.copyOf(b.collaborators); // no copy when the builder still shares the list
    acceptedAt = b.acceptedAt;
    endedAt = b.endedAt;
    closedAt = b.closedAt;
    wrapUpDeadline = b.wrapUpDeadline;
    endReason = b.endReason;
    result = b.result;
    rating = b.rating;
    feedback = b.feedback;
    erasedAt = b.erasedAt;
    tags = b.tags instanceof LinkedHashSet ? freeze((LinkedHashSet<String>) b.tags) : b.tags;
    parameters = b.parameters instanceof LinkedHashMap ? freeze((LinkedHashMap<String, String>) b.parameters) : b.parameters;
    notes = List.copyOf(b.notes);
    transitions = List.copyOf(b.transitions);
    recordings = List.copyOf(b.recordings);
  }

  /** {@code r} at {@code version}: the same values, and the same collections. */
  private SessionRecord(SessionRecord r, long version) {
    tenant = r.tenant;
    id = r.id;
    channel = r.channel;
    arrivedAt = r.arrivedAt;
    this.version = version;
    status = r.status;
    arrivalSeq = r.arrivalSeq;
    enteredQueueAt = r.enteredQueueAt;
    priority = r.priority;
    client = r.client;
    clientName = r.clientName;
    phone = r.phone;
    email = r.email;
    contact = r.contact;
    widget = r.widget;
    pageUrl = r.pageUrl;
    language = r.language;
    browser = r.browser;
    os = r.os;
    subject = r.subject;
    invitationCode = r.invitationCode;
    chatbot = r.chatbot;
    reopens = r.reopens;
    group = r.group;
    target = r.target;
    operator = r.operator;
    collaborators = r.collaborators;
    acceptedAt = r.acceptedAt;
    endedAt = r.endedAt;
    closedAt = r.closedAt;
    wrapUpDeadline = r.wrapUpDeadline;
    endReason = r.endReason;
    result = r.result;
    rating = r.rating;
    feedback = r.feedback;
    erasedAt = r.erasedAt;
    tags = r.tags;
    parameters = r.parameters;
    notes = r.notes;
    transitions = r.transitions;
    recordings = r.recordings;
  }

  /** An unmodifiable copy in the same order; empty ones are all the one empty set (most records have no tags). */
  private static Set<String> freeze(LinkedHashSet<String> set) {
    return set.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(set));
  }

  private static Map<String, String> freeze(LinkedHashMap<String, String> map) {
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Starts a new session's record (version 0, {@link SessionStatus#QUEUED}).
   *
   * @param tenant the tenant's id
   * @param id the session's id, unique within the tenant
   * @param channel the channel's enum name, such as {@code WEB_CHAT}
   * @param arrivedAt when the client arrived
   */
  public static Builder builder(String tenant, String id, String channel, Instant arrivedAt) {
    return new Builder(tenant, id, channel, arrivedAt);
  }

  /**
   * This record at another version, as stores return it from a save and writers send it at the
   * version they hold: a copy that shares everything else, without a builder's checks and copies.
   *
   * @throws IllegalArgumentException if {@code version} is negative
   */
  public SessionRecord withVersion(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, was: " + version);
    }
    return version == this.version ? this : new SessionRecord(this, version);
  }

  /** A builder holding this record's values, to make a changed copy (with the same version). */
  public Builder toBuilder() {
    Builder b = new Builder(this);
    b.version = version;
    b.status = status;
    b.arrivalSeq = arrivalSeq;
    b.enteredQueueAt = enteredQueueAt;
    b.priority = priority;
    b.client = client;
    b.clientName = clientName;
    b.phone = phone;
    b.email = email;
    b.contact = contact;
    b.widget = widget;
    b.pageUrl = pageUrl;
    b.language = language;
    b.browser = browser;
    b.os = os;
    b.subject = subject;
    b.invitationCode = invitationCode;
    b.chatbot = chatbot;
    b.reopens = reopens;
    b.group = group;
    b.target = target;
    b.operator = operator;
    b.collaborators = collaborators; // shared until the builder changes them: a save that only moves the version copies none
    b.acceptedAt = acceptedAt;
    b.endedAt = endedAt;
    b.closedAt = closedAt;
    b.wrapUpDeadline = wrapUpDeadline;
    b.endReason = endReason;
    b.result = result;
    b.rating = rating;
    b.feedback = feedback;
    b.erasedAt = erasedAt;
    b.tags = tags;
    b.parameters = parameters;
    b.notes = notes;
    b.transitions = transitions;
    b.recordings = recordings;
    return b;
  }

  /** The tenant's id. */
  public String tenant() {
    return tenant;
  }

  /** The session's id, unique within the tenant. */
  public String id() {
    return id;
  }

  /** The channel's enum name, such as {@code WEB_CHAT}. */
  public String channel() {
    return channel;
  }

  /** When the client arrived. */
  public Instant arrivedAt() {
    return arrivedAt;
  }

  /** The stored version this record was read at; 0 for a record never stored. */
  public long version() {
    return version;
  }

  /** Where the session is in its life. */
  public SessionStatus status() {
    return status;
  }

  /**
   * The engine's arrival counter for the session: among sessions of equal priority that entered
   * their queue at the same instant, the lower one waits ahead.
   */
  public long arrivalSeq() {
    return arrivalSeq;
  }

  /** When it last entered a waiting queue (its arrival, or its last redirect or return). */
  public Instant enteredQueueAt() {
    return enteredQueueAt;
  }

  /** Its priority in the queue: higher is served first. */
  public int priority() {
    return priority;
  }

  /** The client's identifier on the channel (visitor id, phone number, network id, address). */
  public Optional<String> client() {
    return Optional.ofNullable(client);
  }

  /** The name the client gave. */
  public Optional<String> clientName() {
    return Optional.ofNullable(clientName);
  }

  /** The client's phone number. */
  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  /** The client's e-mail address. */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** The id of the contact the session is linked to. */
  public Optional<String> contact() {
    return Optional.ofNullable(contact);
  }

  /** The widget the client came through. */
  public Optional<String> widget() {
    return Optional.ofNullable(widget);
  }

  /** The page the client was on. */
  public Optional<String> pageUrl() {
    return Optional.ofNullable(pageUrl);
  }

  /** The client's language, such as {@code cs}. */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /** The client's browser. */
  public Optional<String> browser() {
    return Optional.ofNullable(browser);
  }

  /** The client's operating system. */
  public Optional<String> os() {
    return Optional.ofNullable(os);
  }

  /** The subject (an e-mail's subject line, or what the entry form asked). */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The invitation code the client came with. */
  public Optional<String> invitationCode() {
    return Optional.ofNullable(invitationCode);
  }

  /** The chatbot that took the session's first turns. */
  public Optional<String> chatbot() {
    return Optional.ofNullable(chatbot);
  }

  /** The ended session this one continues. */
  public Optional<String> reopens() {
    return Optional.ofNullable(reopens);
  }

  /** The group it belongs to (the last one, after redirects); empty for an invitation. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** The one operator it waits for (an invitation, a redirect to an operator). */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The operator holding or who last served it. */
  public Optional<String> operator() {
    return Optional.ofNullable(operator);
  }

  /** The operators collaborating in it now, in the order invited. */
  public List<String> collaborators() {
    return collaborators;
  }

  /** When an operator last accepted it. */
  public Optional<Instant> acceptedAt() {
    return Optional.ofNullable(acceptedAt);
  }

  /** When the conversation ended (the session went to wrap-up, or ended, abandoned, refused). */
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /** When the session reached a final state ({@code ENDED}, {@code ABANDONED}, {@code REFUSED}). */
  public Optional<Instant> closedAt() {
    return Optional.ofNullable(closedAt);
  }

  /** When its wrap-up must be done by, while in {@code WRAP_UP} with a limit. */
  public Optional<Instant> wrapUpDeadline() {
    return Optional.ofNullable(wrapUpDeadline);
  }

  /** Why it ended, such as {@code CLIENT_DISCONNECTED}. */
  public Optional<String> endReason() {
    return Optional.ofNullable(endReason);
  }

  /** The result the operator chose at wrap-up. */
  public Optional<String> result() {
    return Optional.ofNullable(result);
  }

  /** The client's rating, 1 to 5. */
  public Optional<Integer> rating() {
    return Optional.ofNullable(rating);
  }

  /** The client's feedback comment. */
  public Optional<String> feedback() {
    return Optional.ofNullable(feedback);
  }

  /** When the client's personal data was erased from it. */
  public Optional<Instant> erasedAt() {
    return Optional.ofNullable(erasedAt);
  }

  /** Its tags, in the order added. */
  public Set<String> tags() {
    return tags;
  }

  /** Its parameters (from the entry, the bot, or the operator), in the order set. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Its notes, oldest first. */
  public List<SessionNote> notes() {
    return notes;
  }

  /** Its history, oldest first; append-only across saves. */
  public List<SessionTransition> transitions() {
    return transitions;
  }

  /** Its recordings, oldest first. */
  public List<RecordingRef> recordings() {
    return recordings;
  }

  /**
   * This record as it is after erasure at {@code at}: the client's identity, the entry's personal
   * details, parameters, notes, feedback comment and recordings are gone; everything statistics
   * need stays.
   */
  public SessionRecord erased(Instant at) {
    requireNonNull(at, "at must not be null");
    Builder b = toBuilder();
    b.client = null;
    b.clientName = null;
    b.phone = null;
    b.email = null;
    b.contact = null;
    b.pageUrl = null;
    b.browser = null;
    b.os = null;
    b.subject = null;
    b.feedback = null;
    b.parameters = Map.of();
    b.notes = List.of();
    b.recordings = List.of();
    b.erasedAt = at;
    return b.build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SessionRecord)) {
      return false;
    }
    SessionRecord r = (SessionRecord) o;
    return version == r.version && arrivalSeq == r.arrivalSeq && priority == r.priority
        && tenant.equals(r.tenant) && id.equals(r.id) && channel.equals(r.channel)
        && arrivedAt.equals(r.arrivedAt) && status == r.status && enteredQueueAt.equals(r.enteredQueueAt)
        && Objects.equals(client, r.client) && Objects.equals(clientName, r.clientName)
        && Objects.equals(phone, r.phone) && Objects.equals(email, r.email)
        && Objects.equals(contact, r.contact) && Objects.equals(widget, r.widget)
        && Objects.equals(pageUrl, r.pageUrl) && Objects.equals(language, r.language)
        && Objects.equals(browser, r.browser) && Objects.equals(os, r.os)
        && Objects.equals(subject, r.subject) && Objects.equals(invitationCode, r.invitationCode)
        && Objects.equals(chatbot, r.chatbot) && Objects.equals(reopens, r.reopens)
        && Objects.equals(group, r.group) && Objects.equals(target, r.target)
        && Objects.equals(operator, r.operator) && collaborators.equals(r.collaborators)
        && Objects.equals(acceptedAt, r.acceptedAt) && Objects.equals(endedAt, r.endedAt)
        && Objects.equals(closedAt, r.closedAt) && Objects.equals(wrapUpDeadline, r.wrapUpDeadline)
        && Objects.equals(endReason, r.endReason) && Objects.equals(result, r.result)
        && Objects.equals(rating, r.rating) && Objects.equals(feedback, r.feedback)
        && Objects.equals(erasedAt, r.erasedAt) && List.copyOf(tags).equals(List.copyOf(r.tags))
        && parameters.equals(r.parameters) && notes.equals(r.notes)
        && transitions.equals(r.transitions) && recordings.equals(r.recordings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, id, version, status, operator, endedAt);
  }

  @Override
  public String toString() {
    return "SessionRecord[" + tenant + "/" + id + " " + channel + " " + status + " v" + version
        + (group == null ? "" : " group=" + group) + (operator == null ? "" : " operator=" + operator) + "]";
  }

  /**
   * Builds a {@link SessionRecord}. Setters check their argument at once; {@link #build()} checks
   * combinations.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    private final String tenant;
    private final String id;
    private final String channel;
    private final Instant arrivedAt;
    private long version;
    private SessionStatus status = SessionStatus.QUEUED;
    private long arrivalSeq;
    private @Nullable Instant enteredQueueAt;
    private int priority;
    private @Nullable String client;
    private @Nullable String clientName;
    private @Nullable String phone;
    private @Nullable String email;
    private @Nullable String contact;
    private @Nullable String widget;
    private @Nullable String pageUrl;
    private @Nullable String language;
    private @Nullable String browser;
    private @Nullable String os;
    private @Nullable String subject;
    private @Nullable String invitationCode;
    private @Nullable String chatbot;
    private @Nullable String reopens;
    private @Nullable String group;
    private @Nullable String target;
    private @Nullable String operator;
    // The collections below are a record's own (immutable, shared) until the builder changes one:
    // then it works on a copy of its own, an ArrayList, LinkedHashSet or LinkedHashMap.
    private List<String> collaborators = List.of();
    private @Nullable Instant acceptedAt;
    private @Nullable Instant endedAt;
    private @Nullable Instant closedAt;
    private @Nullable Instant wrapUpDeadline;
    private @Nullable String endReason;
    private @Nullable String result;
    private @Nullable Integer rating;
    private @Nullable String feedback;
    private @Nullable Instant erasedAt;
    private Set<String> tags = Set.of();
    private Map<String, String> parameters = Map.of();
    private List<SessionNote> notes = List.of();
    private List<SessionTransition> transitions = List.of();
    private List<RecordingRef> recordings = List.of();

    private Builder(String tenant, String id, String channel, Instant arrivedAt) {
      this.tenant = FieldChecks.nonBlank("tenant", tenant);
      this.id = FieldChecks.nonBlank("id", id);
      this.channel = FieldChecks.channelName(channel);
      this.arrivedAt = requireNonNull(arrivedAt, "arrivedAt must not be null");
    }

    /** A builder of a changed copy of {@code r}, whose key fields were checked when it was built. */
    private Builder(SessionRecord r) {
      this.tenant = r.tenant;
      this.id = r.id;
      this.channel = r.channel;
      this.arrivedAt = r.arrivedAt;
    }

    /** Sets the version the record was read at (stores use this; 0 for a new record). */
    public Builder version(long version) {
      if (version < 0) {
        throw new IllegalArgumentException("version must not be negative, was: " + version);
      }
      this.version = version;
      return this;
    }

    /** Sets where the session is in its life. */
    public Builder status(SessionStatus status) {
      this.status = requireNonNull(status, "status must not be null");
      return this;
    }

    /** Sets the engine's arrival counter for the session. */
    public Builder arrivalSeq(long arrivalSeq) {
      this.arrivalSeq = arrivalSeq;
      return this;
    }

    /** Sets when it last entered a waiting queue; defaults to its arrival. */
    public Builder enteredQueueAt(Instant at) {
      this.enteredQueueAt = requireNonNull(at, "enteredQueueAt must not be null");
      return this;
    }

    /** Sets its priority in the queue. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Sets the client's identifier on the channel, or null. */
    public Builder client(@Nullable String client) {
      this.client = optional("client", client);
      return this;
    }

    /** Sets the name the client gave, or null. */
    public Builder clientName(@Nullable String clientName) {
      this.clientName = optional("clientName", clientName);
      return this;
    }

    /** Sets the client's phone number, or null. */
    public Builder phone(@Nullable String phone) {
      this.phone = optional("phone", phone);
      return this;
    }

    /** Sets the client's e-mail address, or null. */
    public Builder email(@Nullable String email) {
      this.email = optional("email", email);
      return this;
    }

    /** Links the session to a contact, or unlinks it with null. */
    public Builder contact(@Nullable String contact) {
      this.contact = optional("contact", contact);
      return this;
    }

    /** Sets the widget, or null. */
    public Builder widget(@Nullable String widget) {
      this.widget = optional("widget", widget);
      return this;
    }

    /** Sets the page URL, or null. */
    public Builder pageUrl(@Nullable String pageUrl) {
      this.pageUrl = optional("pageUrl", pageUrl);
      return this;
    }

    /** Sets the language, or null. */
    public Builder language(@Nullable String language) {
      this.language = optional("language", language);
      return this;
    }

    /** Sets the browser, or null. */
    public Builder browser(@Nullable String browser) {
      this.browser = optional("browser", browser);
      return this;
    }

    /** Sets the operating system, or null. */
    public Builder os(@Nullable String os) {
      this.os = optional("os", os);
      return this;
    }

    /** Sets the subject, or null. */
    public Builder subject(@Nullable String subject) {
      this.subject = optional("subject", subject);
      return this;
    }

    /** Sets the invitation code, or null. */
    public Builder invitationCode(@Nullable String invitationCode) {
      this.invitationCode = invitationCode == null ? null : FieldChecks.invitationCode(invitationCode);
      return this;
    }

    /** Sets the chatbot, or null. */
    public Builder chatbot(@Nullable String chatbot) {
      this.chatbot = optional("chatbot", chatbot);
      return this;
    }

    /** Sets the ended session this one continues, or null. */
    public Builder reopens(@Nullable String reopens) {
      this.reopens = optional("reopens", reopens);
      return this;
    }

    /** Sets the group, or null. */
    public Builder group(@Nullable String group) {
      this.group = optional("group", group);
      return this;
    }

    /** Sets the one operator it waits for, or null. */
    public Builder target(@Nullable String target) {
      this.target = optional("target", target);
      return this;
    }

    /** Sets the operator holding or who last served it, or null. */
    public Builder operator(@Nullable String operator) {
      this.operator = optional("operator", operator);
      return this;
    }

    /** Replaces the collaborators. */
    public Builder collaborators(List<String> collaborators) {
      requireNonNull(collaborators, "collaborators must not be null");
      collaborators.forEach(c -> FieldChecks.nonBlank("collaborator", c));
      this.collaborators = List.copyOf(collaborators);
      return this;
    }

    /** Sets when an operator last accepted it, or null. */
    public Builder acceptedAt(@Nullable Instant at) {
      this.acceptedAt = at;
      return this;
    }

    /** Sets when the conversation ended, or null. */
    public Builder endedAt(@Nullable Instant at) {
      this.endedAt = at;
      return this;
    }

    /** Sets when it reached a final state, or null. */
    public Builder closedAt(@Nullable Instant at) {
      this.closedAt = at;
      return this;
    }

    /** Sets when its wrap-up must be done by, or null. */
    public Builder wrapUpDeadline(@Nullable Instant at) {
      this.wrapUpDeadline = at;
      return this;
    }

    /** Sets why it ended, or null. */
    public Builder endReason(@Nullable String endReason) {
      this.endReason = optional("endReason", endReason);
      return this;
    }

    /** Sets the wrap-up result, or null. */
    public Builder result(@Nullable String result) {
      this.result = optional("result", result);
      return this;
    }

    /**
     * Sets the client's rating and comment.
     *
     * @param rating 1 to 5, or null for none
     * @param comment the comment, or null
     */
    public Builder feedback(@Nullable Integer rating, @Nullable String comment) {
      if (rating != null && (rating < 1 || rating > 5)) {
        throw new IllegalArgumentException("rating must be 1 to 5, was: " + rating);
      }
      this.rating = rating;
      this.feedback = optional("feedback", comment);
      return this;
    }

    /** Sets when the client's data was erased, or null. */
    public Builder erasedAt(@Nullable Instant at) {
      this.erasedAt = at;
      return this;
    }

    /** Adds a tag (kept once, in the order first added). */
    public Builder tag(String tag) {
      FieldChecks.nonBlank("tag", tag);
      if (!tags.contains(tag)) {
        ownTags().add(tag);
      }
      return this;
    }

    /** Removes a tag if present. */
    public Builder untag(String tag) {
      if (tags.contains(requireNonNull(tag, "tag must not be null"))) {
        ownTags().remove(tag);
      }
      return this;
    }

    /** Sets a parameter, replacing its value. */
    public Builder parameter(String name, String value) {
      FieldChecks.nonBlank("parameter name", name);
      requireNonNull(value, "parameter value must not be null");
      ownParameters().put(name, value);
      return this;
    }

    /** Removes a parameter if present. */
    public Builder removeParameter(String name) {
      if (parameters.containsKey(requireNonNull(name, "name must not be null"))) {
        ownParameters().remove(name);
      }
      return this;
    }

    /** Adds a note. */
    public Builder note(SessionNote note) {
      notes = appended(notes, requireNonNull(note, "note must not be null"));
      return this;
    }

    /** Appends a transition; its instant must not be before the last one's. */
    public Builder transition(SessionTransition transition) {
      requireNonNull(transition, "transition must not be null");
      if (!transitions.isEmpty() && transition.at().isBefore(transitions.get(transitions.size() - 1).at())) {
        throw new IllegalArgumentException("transition at " + transition.at()
            + " is before the last one at " + transitions.get(transitions.size() - 1).at());
      }
      transitions = appended(transitions, transition);
      return this;
    }

    /** Replaces the recordings, oldest first. */
    public Builder recordings(List<RecordingRef> recordings) {
      this.recordings = List.copyOf(requireNonNull(recordings, "recordings must not be null"));
      return this;
    }

    /** Adds a recording. */
    public Builder recording(RecordingRef recording) {
      recordings = appended(recordings, requireNonNull(recording, "recording must not be null"));
      return this;
    }

    /**
     * Builds the record.
     *
     * @throws IllegalArgumentException if a live status has a {@code closedAt}, a final status
     *     lacks one, or an instant is before {@code arrivedAt}
     */
    public SessionRecord build() {
      if (status.live() != (closedAt == null)) {
        throw new IllegalArgumentException("session " + id + " is " + status + " but closedAt is " + closedAt
            + ": a live session has no closedAt, a closed one has one");
      }
      notBefore("enteredQueueAt", enteredQueueAt);
      notBefore("acceptedAt", acceptedAt);
      notBefore("endedAt", endedAt);
      notBefore("closedAt", closedAt);
      return new SessionRecord(this);
    }

    private void notBefore(String name, @Nullable Instant at) {
      if (at != null && at.isBefore(arrivedAt)) {
        throw new IllegalArgumentException(name + " must not be before arrivedAt " + arrivedAt + ", was: " + at);
      }
    }

    private Set<String> ownTags() {
      if (!(tags instanceof LinkedHashSet)) {
        tags = new LinkedHashSet<>(tags);
      }
      return tags;
    }

    private Map<String, String> ownParameters() {
      if (!(parameters instanceof LinkedHashMap)) {
        parameters = new LinkedHashMap<>(parameters);
      }
      return parameters;
    }

    /** {@code list} with {@code item} added: the builder's own list, made on the first change. */
    private static <T> List<T> appended(List<T> list, T item) {
      List<T> own = list instanceof ArrayList ? list : new ArrayList<>(list);
      own.add(item);
      return own;
    }

    private static @Nullable String optional(String name, @Nullable String value) {
      return value == null ? null : FieldChecks.nonBlank(name, value);
    }
  }
}
