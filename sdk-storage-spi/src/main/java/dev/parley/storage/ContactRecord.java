package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact in a tenant's directory: one person with every identity he reached the tenant by, so
 * that his sessions across channels show together.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param id the contact's id, unique within the tenant
 * @param name the contact's name
 * @param identities how he reaches the tenant; each identity belongs to one contact at most
 * @param details free details (company, address, a note), in the order set
 * @param createdAt when the contact was made
 * @param version the stored version this record was read at; 0 for a new one
 */
public record ContactRecord(
    String tenant,
    String id,
    String name,
    List<Identity> identities,
    Map<String, String> details,
    Instant createdAt,
    long version) {

  /** Checks the components and copies the collections. */
  public ContactRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("id", id);
    FieldChecks.nonBlank("name", name);
    identities = List.copyOf(requireNonNull(identities, "identities must not be null"));
    if (identities.stream().distinct().count() != identities.size()) {
      throw new IllegalArgumentException("identities must be distinct, were: " + identities);
    }
    details = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details must not be null")));
    details.forEach((k, v) -> {
      FieldChecks.nonBlank("detail name", k);
      requireNonNull(v, "detail value must not be null");
    });
    requireNonNull(createdAt, "createdAt must not be null");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, was: " + version);
    }
  }

  /** This contact at another version (stores use this). */
  public ContactRecord withVersion(long version) {
    return new ContactRecord(tenant, id, name, identities, details, createdAt, version);
  }

  /**
   * One way a contact reaches the tenant.
   *
   * @param kind what the value is
   * @param value the phone number, address, network id (with its channel, such as {@code
   *     WHATSAPP:420601234567}) or the host's own id
   */
  public record Identity(Kind kind, String value) {
    /** What an identity's value is. */
    public enum Kind {
      PHONE,
      EMAIL,
      NETWORK,
      CUSTOM
    }

    /** Checks the components. */
    public Identity {
      requireNonNull(kind, "kind must not be null");
      FieldChecks.nonBlank("identity value", value);
    }

    /**
     * The identifier sessions know this identity by: the value, without the network's name for a
     * network identity ({@code WHATSAPP:US.134912} is {@code US.134912}).
     */
    public String identifier() {
      int colon = value.indexOf(':');
      return kind == Kind.NETWORK && colon > 0 ? value.substring(colon + 1) : value;
    }

    /** Whether {@code identifier} is this identity's value or its {@link #identifier()}. */
    public boolean matches(String identifier) {
      return value.equals(identifier) || identifier().equals(identifier);
    }
  }
}
