package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where the engine keeps each tenant's configuration (settings, groups, operators), so that what
 * an administrator set survives a restart.
 *
 * <p>Threading, durability and failure: as for {@link SessionStore}. Thread safety:
 * implementations must be thread-safe.
 */
public interface ConfigStore {
  /** Stores a record, replacing one with the same tenant, kind and key. */
  void put(ConfigRecord record);

  /** Removes a record; returns whether it was there. */
  boolean remove(String tenant, String kind, String key);

  /** A tenant's records ordered by kind, then key (as {@link String#compareTo} orders). */
  List<ConfigRecord> list(String tenant);

  /**
   * Removes a tenant's records that concern any of {@code sessions}: those whose {@link
   * ConfigRecord#SESSION} property names one of them, such as a webhook's dead letter of a
   * session's event. {@link Storage#eraseClient} calls it for the sessions it erases. The default
   * reads the tenant's records and removes those one by one.
   *
   * @return how many records were removed
   */
  default int eraseSessions(String tenant, Collection<String> sessions) {
    requireNonNull(tenant, "tenant must not be null");
    Set<String> erased = Set.copyOf(requireNonNull(sessions, "sessions must not be null"));
    int removed = 0;
    for (ConfigRecord r : list(tenant)) {
      String session = r.properties().get(ConfigRecord.SESSION);
      if (session != null && erased.contains(session) && remove(tenant, r.kind(), r.key())) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Every tenant that has at least one record, in alphabetical order: the tenants to rebuild at
   * start-up. A tenant whose last record is removed is no longer listed.
   */
  List<String> tenants();
}
