package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The contacts of an {@link InMemoryStorage}; removing one unlinks its sessions in the storage's
 * {@link InMemorySessionStore}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryContactStore implements ContactStore {
  private static final Comparator<ContactRecord> ORDER =
      Comparator.comparing(ContactRecord::name).thenComparing(ContactRecord::id);

  private final StorageLock lock;
  private final InMemorySessionStore sessions;
  // tenant -> contact id -> contact
  private final Map<String, Map<String, ContactRecord>> contacts = new HashMap<>();
  // tenant -> identity -> id of the contact that has it
  private final Map<String, Map<ContactRecord.Identity, String>> owners = new HashMap<>();

  InMemoryContactStore(StorageLock lock, InMemorySessionStore sessions) {
    this.lock = lock;
    this.sessions = sessions;
  }

  @Override
  public ContactRecord save(ContactRecord contact) {
    requireNonNull(contact, "contact must not be null");
    return lock.write(() -> {
      ContactRecord current = of(contact.tenant()).get(contact.id());
      long stored = current == null ? 0 : current.version();
      if (contact.version() != stored) {
        throw new StaleWriteException("contact " + contact.tenant() + "/" + contact.id(), contact.version(), stored);
      }
      Map<ContactRecord.Identity, String> tenantOwners = owners.computeIfAbsent(contact.tenant(), t -> new HashMap<>());
      for (ContactRecord.Identity identity : contact.identities()) {
        String owner = tenantOwners.get(identity);
        if (owner != null && !owner.equals(contact.id())) {
          throw new IllegalArgumentException("identity " + identity.kind() + " " + identity.value()
              + " belongs to contact " + owner + ": remove it there first, or merge the contacts");
        }
      }
      if (current != null) {
        current.identities().forEach(tenantOwners::remove);
      }
      contact.identities().forEach(identity -> tenantOwners.put(identity, contact.id()));
      ContactRecord saved = contact.withVersion(stored + 1);
      contacts.computeIfAbsent(contact.tenant(), t -> new HashMap<>()).put(contact.id(), saved);
      return saved;
    });
  }

  @Override
  public Optional<ContactRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return lock.read(() -> Optional.ofNullable(of(tenant).get(id)));
  }

  @Override
  public Optional<ContactRecord> findByIdentity(String tenant, ContactRecord.Identity identity) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(identity, "identity must not be null");
    return lock.read(() -> Optional.ofNullable(owners.getOrDefault(tenant, Map.of()).get(identity))
        .map(of(tenant)::get));
  }

  @Override
  public List<ContactRecord> findByIdentifier(String tenant, String identifier) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(identifier, "identifier must not be null");
    return lock.read(() -> owners.getOrDefault(tenant, Map.of()).entrySet().stream()
        .filter(owned -> owned.getKey().matches(identifier))
        .map(owned -> of(tenant).get(owned.getValue())).distinct()
        .sorted(Comparator.comparing(ContactRecord::id)).toList());
  }

  @Override
  public Page<ContactRecord> list(String tenant, @Nullable String cursor, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1 || limit > SessionQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + SessionQuery.MAX_LIMIT + ", was: " + limit);
    }
    String scope = "contacts of " + tenant;
    List<String> after = cursor == null ? null : KeysetCursor.decode(cursor, scope, 2).keys();
    return lock.read(() -> {
      List<ContactRecord> page = of(tenant).values().stream()
          .filter(c -> after == null || isAfter(c, after.get(0), after.get(1)))
          .sorted(ORDER)
          .limit(limit + 1L)
          .toList();
      if (page.size() <= limit) {
        return new Page<>(page, null);
      }
      ContactRecord last = page.get(limit - 1);
      return new Page<>(page.subList(0, limit), new KeysetCursor(scope, List.of(last.name(), last.id())).encode());
    });
  }

  private static boolean isAfter(ContactRecord c, String name, String id) {
    int byName = c.name().compareTo(name);
    return byName > 0 || (byName == 0 && c.id().compareTo(id) > 0);
  }

  @Override
  public boolean remove(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return lock.write(() -> {
      ContactRecord removed = of(tenant).remove(id);
      if (removed == null) {
        return false;
      }
      removed.identities().forEach(owners.get(tenant)::remove);
      sessions.unlinkContact(tenant, id);
      return true;
    });
  }

  private Map<String, ContactRecord> of(String tenant) {
    return contacts.getOrDefault(tenant, new HashMap<>());
  }
}
