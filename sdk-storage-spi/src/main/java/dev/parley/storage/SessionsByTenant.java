package dev.parley.storage;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each tenant's {@link TenantSessions} in an {@link InMemoryStorage}: kept by the session store,
 * told of transcript words by the transcript store.
 *
 * <p>Thread safety: none; the storage's lock guards it.
 */
final class SessionsByTenant {
  private final Map<String, TenantSessions> tenants = new HashMap<>();

  /** The tenant's sessions, made empty at its first write. */
  TenantSessions of(String tenant) {
    return tenants.computeIfAbsent(tenant, t -> new TenantSessions());
  }

  /** The tenant's sessions, or null if it never stored one. */
  @Nullable TenantSessions find(String tenant) {
    return tenants.get(tenant);
  }
}
