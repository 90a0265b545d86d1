package dev.parley.webhooks;

import static java.util.Objects.requireNonNull;

import dev.parley.core.event.EventType;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's webhook: the URL that receives the tenant's events of some {@linkplain EventType
 * types}, and the secret their signatures are made with.
 *
 * <pre>{@code
 * Subscription crm = Subscription.builder("crm", URI.create("https://crm.example.com/parley"))
 *     .events(EventType.SESSION_QUEUED, EventType.SESSION_ENDED, EventType.MESSAGE_RECEIVED)
 *     .secret(System.getenv("CRM_WEBHOOK_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>Its {@link #toString()} leaves the secret out. Thread safety: immutable.
 */
public final class Subscription {
  /** The shortest secret taken: 16 characters. Use a random one of 32 bytes or more. */
  public static final int MIN_SECRET_LENGTH = 16;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String id;
  private final URI url;
  private final Set<EventType> events;
  private final String secret;

  private Subscription(Builder b) {
    this.id = b.id;
    this.url = b.url;
    this.events = Collections.unmodifiableSet(EnumSet.copyOf(b.events));
    this.secret = requireNonNull(b.secret);
  }

  /**
   * Starts a subscription.
   *
   * @param id names it within its tenant: 1 to 64 letters, digits, dots, dashes or underscores
   * @param url where the events are POSTed: an absolute {@code http} or {@code https} URL
   * @throws IllegalArgumentException if the id or the URL is not one of those
   */
  public static Builder builder(String id, URI url) {
    return new Builder(id, url);
  }

  /** Its name within its tenant. */
  public String id() {
    return id;
  }

  /** Where the events are POSTed. */
  public URI url() {
    return url;
  }

  /** The types of event it receives; never empty. */
  public Set<EventType> events() {
    return events;
  }

  /** The HMAC-SHA256 key of the {@code Parley-Signature} header. */
  public String secret() {
    return secret;
  }

  /** Whether it receives events of this type. */
  public boolean wants(String wireName) {
    for (EventType t : events) {
      if (t.wireName().equals(wireName)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Subscription)) {
      return false;
    }
    Subscription s = (Subscription) o;
    return id.equals(s.id) && url.equals(s.url) && events.equals(s.events) && secret.equals(s.secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + url.hashCode();
  }

  @Override
  public String toString() {
    return "Subscription[" + id + " " + url + " " + events + "]";
  }

  /** Builds a {@link Subscription}; each setter checks its argument at once. */
  public static final class Builder {
    private final String id;
    private final URI url;
    private final Set<EventType> events = EnumSet.noneOf(EventType.class);
    private @Nullable String secret;

    private Builder(String id, URI url) {
      requireNonNull(id, "id");
      requireNonNull(url, "url");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a subscription id is 1 to 64 letters, digits, '.', '-' or '_', not '" + id + "'");
      }
      if (!url.isAbsolute() || HttpUrl.parse(url.toString()) == null) {
        throw new IllegalArgumentException("a webhook URL must be an absolute http or https URL, not " + url);
      }
      this.id = id;
      this.url = url;
    }

    /** Adds types of event to receive. */
    public Builder events(EventType... types) {
      for (EventType t : types) {
        events.add(requireNonNull(t, "event type"));
      }
      return this;
    }

    /** Adds types of event to receive. */
    public Builder events(Set<EventType> types) {
      return events(types.toArray(new EventType[0]));
    }

    /** Receives every type of event. */
    public Builder allEvents() {
      return events(EventType.values());
    }

    /**
     * The key the signatures are made with, shared with the receiver.
     *
     * @throws IllegalArgumentException if shorter than {@link #MIN_SECRET_LENGTH} characters
     */
    public Builder secret(String secret) {
      requireNonNull(secret, "secret");
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException("a webhook secret must have at least " + MIN_SECRET_LENGTH
            + " characters, not " + secret.length() + ": use a random one of 32 bytes or more");
      }
      this.secret = secret;
      return this;
    }

    /**
     * The subscription.
     *
     * @throws IllegalStateException without event types or without a secret
     */
    public Subscription build() {
      if (events.isEmpty()) {
        throw new IllegalStateException("subscription " + id + " names no event type: call events(...)");
      }
      if (secret == null) {
        throw new IllegalStateException("subscription " + id + " has no secret: call secret(...)");
      }
      return new Subscription(this);
    }
  }
}
