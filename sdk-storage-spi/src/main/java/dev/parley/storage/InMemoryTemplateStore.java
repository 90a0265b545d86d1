package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The templates and stars of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryTemplateStore implements TemplateStore {
  private static final Comparator<TemplateRecord> ORDER =
      Comparator.comparing(TemplateRecord::title).thenComparing(TemplateRecord::id);

  private final StorageLock lock;
  // tenant -> template id -> template
  private final Map<String, Map<String, TemplateRecord>> templates = new HashMap<>();
  // tenant -> operator -> ids of the templates he starred
  private final Map<String, Map<String, Set<String>>> stars = new HashMap<>();

  InMemoryTemplateStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public void put(TemplateRecord template) {
    requireNonNull(template, "template must not be null");
    lock.write(() -> templates.computeIfAbsent(template.tenant(), t -> new HashMap<>()).put(template.id(), template));
  }

  @Override
  public boolean remove(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return lock.write(() -> {
      stars.getOrDefault(tenant, Map.of()).values().forEach(starred -> starred.remove(id));
      return of(tenant).remove(id) != null;
    });
  }

  @Override
  public Optional<TemplateRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return lock.read(() -> Optional.ofNullable(of(tenant).get(id)));
  }

  @Override
  public List<TemplateRecord> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return lock.read(() -> of(tenant).values().stream().sorted(ORDER).toList());
  }

  @Override
  public void star(String tenant, String operator, String template, boolean starred) {
    requireNonNull(tenant, "tenant must not be null");
    FieldChecks.nonBlank("operator", operator);
    requireNonNull(template, "template must not be null");
    lock.write(() -> {
      if (!of(tenant).containsKey(template)) {
        throw new IllegalArgumentException("tenant " + tenant + " has no template " + template + " to star");
      }
      Set<String> ids = stars.computeIfAbsent(tenant, t -> new HashMap<>()).computeIfAbsent(operator, o -> new HashSet<>());
      if (starred) {
        ids.add(template);
      } else {
        ids.remove(template);
      }
    });
  }

  @Override
  public List<TemplateRecord> starred(String tenant, String operator) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    return lock.read(() -> stars.getOrDefault(tenant, Map.of()).getOrDefault(operator, Set.of()).stream()
        .map(of(tenant)::get)
        .sorted(ORDER)
        .toList());
  }

  private Map<String, TemplateRecord> of(String tenant) {
    return templates.getOrDefault(tenant, new HashMap<>());
  }
}
