package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A piece of a tenant's configuration the engine keeps across restarts: the tenant's settings, a
 * group or an operator, as flat properties the engine writes and reads back.
 *
 * <p>The properties are the engine's own encoding of the setting; a storage keeps them as they are
 * and never interprets them. Keeping them flat lets the engine grow a setting without a schema
 * change.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param kind what it configures, such as {@code group}
 * @param key which one, such as the group's id; unique within tenant and kind
 * @param properties the setting, sorted by name
 */
public record ConfigRecord(String tenant, String kind, String key, Map<String, String> properties) {
  /**
   * The property that names the session a record concerns, if it concerns one: erasing the
   * session's client removes the record ({@link ConfigStore#eraseSessions}).
   */
  public static final String SESSION = "session";

  /** Checks the components and copies the map. */
  public ConfigRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("kind", kind);
    FieldChecks.nonBlank("key", key);
    properties = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties must not be null")));
    properties.forEach((k, v) -> {
      FieldChecks.nonBlank("property name", k);
      requireNonNull(v, () -> "property " + k + " must not be null");
    });
  }
}
