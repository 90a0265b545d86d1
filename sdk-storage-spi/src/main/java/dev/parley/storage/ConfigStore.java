package dev.parley.storage;

import java.util.List;

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
   * Every tenant that has at least one record, in alphabetical order: the tenants to rebuild at
   * start-up. A tenant whose last record is removed is no longer listed.
   */
  List<String> tenants();
}
