package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ConfigStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ConfigStore} in {@code parley_config}, with each record's properties as rows of {@code
 * parley_config_property}: kept as the engine wrote them, never interpreted.
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection and the store holds no other state.
 */
final class JdbcConfigStore implements ConfigStore {
  private static final Upsert PUT = Upsert.into("parley_config")
      .key("tenant", "VARCHAR").key("kind", "VARCHAR").key("config_key", "VARCHAR");
  private static final String CLEAR = "DELETE FROM parley_config_property WHERE tenant = ? AND kind = ? AND config_key = ?";
  private static final String ADD = "INSERT INTO parley_config_property (tenant, kind, config_key, name, property_value)"
      + " VALUES (?, ?, ?, ?, ?)";
  private static final String REMOVE = "DELETE FROM parley_config WHERE tenant = ? AND kind = ? AND config_key = ?";
  // Every record of the tenant with its properties; a record without any comes once with nulls.
  private static final String LIST = "SELECT c.kind, c.config_key, p.name, p.property_value FROM parley_config c"
      + " LEFT JOIN parley_config_property p"
      + " ON p.tenant = c.tenant AND p.kind = c.kind AND p.config_key = c.config_key WHERE c.tenant = ?";
  private static final String TENANTS = "SELECT DISTINCT tenant FROM parley_config";

  private final Database database;
  private final String put;

  JdbcConfigStore(Database database) {
    this.database = database;
    this.put = database.dialect().upsert(PUT);
  }

  @Override
  public void put(ConfigRecord record) {
    requireNonNull(record, "record must not be null");
    String[] key = {record.tenant(), record.kind(), record.key()};
    database.transaction("store configuration " + String.join("/", key), c -> {
      for (String sql : List.of(put, CLEAR)) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          for (int i = 0; i < key.length; i++) {
            s.setString(i + 1, key[i]);
          }
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement(ADD)) {
        for (Map.Entry<String, String> property : record.properties().entrySet()) {
          for (int i = 0; i < key.length; i++) {
            s.setString(i + 1, key[i]);
          }
          s.setString(4, property.getKey());
          s.setString(5, property.getValue());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public boolean remove(String tenant, String kind, String key) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(kind, "kind must not be null");
    requireNonNull(key, "key must not be null");
    // The properties go with the record (ON DELETE CASCADE).
    return database.update("remove configuration " + tenant + "/" + kind + "/" + key, REMOVE, tenant, kind, key) > 0;
  }

  @Override
  public List<ConfigRecord> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return database.run("read the configuration of tenant " + tenant, c -> {
      // Sorted in Java by kind, then key, so that the order never depends on a collation.
      Map<String, Map<String, Map<String, String>>> kinds = new TreeMap<>();
      try (PreparedStatement s = c.prepareStatement(LIST)) {
        s.setString(1, tenant);
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            Map<String, String> properties = kinds.computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                .computeIfAbsent(rows.getString(2), k -> new TreeMap<>());
            String name = rows.getString(3);
            if (name != null) {
              properties.put(name, rows.getString(4));
            }
          }
        }
      }
      List<ConfigRecord> records = new ArrayList<>();
      kinds.forEach((kind, keys) -> keys.forEach((key, properties) ->
          records.add(new ConfigRecord(tenant, kind, key, properties))));
      return List.copyOf(records);
    });
  }

  @Override
  public List<String> tenants() {
    List<String> tenants = database.list("list the tenants with configuration", TENANTS, rows -> rows.getString(1));
    tenants.sort(null); // in Java, so that the order never depends on a collation
    return List.copyOf(tenants);
  }
}
