package dev.parley.channels.email;

import static java.util.Objects.requireNonNull;

import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How far one e-mail a session asked for got ({@link OutboxMailer}): kept in the tenant's
 * configuration store, one record per session and purpose, so that it outlives a restart, shows
 * in the session's detail and goes with the session when its client is erased.
 *
 * <p>Thread safety: immutable.
 *
 * @param session the session the mail is of
 * @param purpose what it carries
 * @param to the address it goes to
 * @param state pending (being tried), sent, or failed for good
 * @param attempts how many rounds of sending were made
 * @param error why the last round did not send it, or null
 * @param at when the state was last set
 */
public record MailStatus(
    SessionId session, Purpose purpose, String to, State state, int attempts, @Nullable String error, Instant at) {
  /** The configuration kind of the records. */
  static final String KIND = "email.delivery";

  /** What a mail carries. */
  public enum Purpose {
    /** An offline form, to the tenant's address. */
    OFFLINE_FORM,
    /** A session's transcript, to the client. */
    TRANSCRIPT
  }

  /** Where a mail stands. */
  public enum State {
    /** Not sent yet: it is tried again until the SMTP server takes it. */
    PENDING,
    /** The SMTP server took it. */
    SENT,
    /** The SMTP server refused it for good (a 5xx reply), or there was nothing to send. */
    FAILED
  }

  /** Checks the components. */
  public MailStatus {
    requireNonNull(session, "session");
    requireNonNull(purpose, "purpose");
    requireNonNull(to, "to");
    requireNonNull(state, "state");
    requireNonNull(at, "at");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, not " + attempts);
    }
  }

  /**
   * The stored status of each mail {@code session} asked for (its offline form, its transcript),
   * as an {@link OutboxMailer} of the tenant keeps them in {@code storage}.
   */
  public static List<MailStatus> stored(Storage storage, TenantId tenant, SessionId session) {
    requireNonNull(storage, "storage");
    requireNonNull(tenant, "tenant");
    requireNonNull(session, "session");
    List<MailStatus> found = new ArrayList<>(2);
    for (ConfigRecord r : storage.config().list(tenant.value())) {
      if (r.kind().equals(KIND) && session.value().equals(r.properties().get(ConfigRecord.SESSION))) {
        of(r).ifPresent(found::add);
      }
    }
    return found;
  }

  /** The same mail in another state, one more round made. */
  MailStatus after(State next, @Nullable String why, Instant when) {
    return new MailStatus(session, purpose, to, next, attempts + 1, why, when);
  }

  ConfigRecord record(String tenant) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(ConfigRecord.SESSION, session.value());
    p.put("purpose", purpose.name());
    p.put("to", to);
    p.put("state", state.name());
    p.put("attempts", Integer.toString(attempts));
    p.put("at", at.toString());
    if (error != null) {
      p.put("error", error);
    }
    return new ConfigRecord(tenant, KIND, key(session, purpose), p);
  }

  static String key(SessionId session, Purpose purpose) {
    return session.value() + "/" + purpose.name();
  }

  /** The status a record of {@link #KIND} holds, or empty for a record of another kind. */
  static Optional<MailStatus> of(ConfigRecord r) {
    if (!r.kind().equals(KIND)) {
      return Optional.empty();
    }
    Map<String, String> p = r.properties();
    return Optional.of(new MailStatus(SessionId.of(p.get(ConfigRecord.SESSION)), Purpose.valueOf(p.get("purpose")),
        p.get("to"), State.valueOf(p.get("state")), Integer.parseInt(p.get("attempts")), p.get("error"),
        Instant.parse(p.get("at"))));
  }
}
