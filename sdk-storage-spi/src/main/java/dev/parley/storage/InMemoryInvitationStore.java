package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InvitationStore} in the heap: the default for tests and quick starts. Nothing survives
 * the process, so it is not durable.
 *
 * <p>Thread safety: safe for use by several threads at once; every write is an atomic step on a
 * {@link ConcurrentHashMap}, {@link #valid} returns a weakly consistent snapshot, and {@link
 * #purgeEndedBefore} removes each invitation only if it is still the one it examined, so a
 * concurrent {@code put} is never lost and nothing is counted twice.
 */
public final class InMemoryInvitationStore implements InvitationStore {
  private static final Comparator<InvitationRecord> ORDER =
      Comparator.comparing(InvitationRecord::createdAt).thenComparing(InvitationRecord::code);

  // tenant -> code -> invitation. A tenant's map is never taken out again, so a put can never
  // land in a map that a concurrent purge has just discarded.
  private final ConcurrentMap<String, ConcurrentMap<String, InvitationRecord>> tenants =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryInvitationStore() {}

  @Override
  public void put(InvitationRecord invitation) {
    requireNonNull(invitation, "invitation must not be null");
    tenants
        .computeIfAbsent(invitation.tenant(), t -> new ConcurrentHashMap<>())
        .put(invitation.code(), invitation);
  }

  @Override
  public Optional<InvitationRecord> find(String tenant, String code) {
    ConcurrentMap<String, InvitationRecord> invitations = of(tenant);
    requireNonNull(code, "code must not be null");
    return invitations == null ? Optional.empty() : Optional.ofNullable(invitations.get(code));
  }

  @Override
  public List<InvitationRecord> valid(String tenant, Instant now) {
    requireNonNull(now, "now must not be null");
    ConcurrentMap<String, InvitationRecord> invitations = of(tenant);
    if (invitations == null) {
      return List.of();
    }
    return invitations.values().stream().filter(i -> i.validAt(now)).sorted(ORDER).toList();
  }

  @Override
  public int purgeEndedBefore(String tenant, Instant cutoff) {
    requireNonNull(cutoff, "cutoff must not be null");
    ConcurrentMap<String, InvitationRecord> invitations = of(tenant);
    if (invitations == null) {
      return 0;
    }
    int removed = 0;
    for (InvitationRecord i : invitations.values()) {
      Instant endedAt = i.endedAt();
      boolean stale = i.expiresAt().isBefore(cutoff) || (endedAt != null && endedAt.isBefore(cutoff));
      if (stale && invitations.remove(i.code(), i)) {
        removed++;
      }
    }
    return removed;
  }

  private @Nullable ConcurrentMap<String, InvitationRecord> of(String tenant) {
    return tenants.get(requireNonNull(tenant, "tenant must not be null"));
  }
}
