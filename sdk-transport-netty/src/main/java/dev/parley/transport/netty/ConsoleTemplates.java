package dev.parley.transport.netty;

import dev.parley.core.OperatorId;
import dev.parley.core.TenantId;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.TemplateRecord;
import dev.parley.storage.TemplateStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's templates: the tenant's and the operator's own, his stars, and his own ones kept
 * or removed. Every operator sees the tenant's templates; his own only he sees and changes (the
 * tenant's are the administrator's, through the admin API).
 *
 * <p>Threading: called on a worker thread, for the storage may block.
 */
final class ConsoleTemplates {
  private final TemplateStore store;

  ConsoleTemplates(TemplateStore store) {
    this.store = store;
  }

  /** Those he starred first, then the others, each part by title; placeholders filled for {@code view}. */
  ObjectNode list(TenantId tenant, OperatorId self, OperatorFrame.Templates frame, @Nullable SessionView view) {
    Set<String> starred = store.starred(tenant.value(), self.value()).stream().map(TemplateRecord::id)
        .collect(Collectors.toSet());
    String query = frame.query().strip().toLowerCase(Locale.ROOT);
    List<TemplateRecord> shown = store.list(tenant.value()).stream()
        .filter(t -> t.visibleTo(self.value()))
        .filter(t -> t.title().toLowerCase(Locale.ROOT).contains(query) || t.text().toLowerCase(Locale.ROOT).contains(query))
        .sorted(Comparator.comparing(t -> !starred.contains(t.id()))) // stable: by title within each part
        .toList();
    String client = view == null ? null : view.entry().name().orElse("");
    ObjectNode answer = Frames.of("templates");
    ArrayNode items = answer.putArray("items");
    for (TemplateRecord t : shown) {
      String text = client == null ? t.text()
          : t.text().replace(TemplateRecord.CLIENT, client).replace(TemplateRecord.OPERATOR, self.value());
      items.add(view(t).put("text", text).put("starred", starred.contains(t.id())));
    }
    return answer;
  }

  ObjectNode star(TenantId tenant, OperatorId self, OperatorFrame.Star frame) {
    visible(tenant, self, frame.template());
    store.star(tenant.value(), self.value(), frame.template(), frame.on());
    return Frames.of("starred").put("template", frame.template()).put("on", frame.on());
  }

  ObjectNode save(TenantId tenant, OperatorId self, OperatorFrame.SaveTemplate frame) {
    String id = frame.id() != null ? frame.id() : "own-" + UUID.randomUUID();
    if (frame.id() != null) {
      store.find(tenant.value(), id).ifPresent(t -> own(self, t));
    }
    TemplateRecord saved = new TemplateRecord(tenant.value(), id, frame.title(), frame.text(), frame.language(),
        self.value());
    store.put(saved);
    ObjectNode answer = Frames.of("template");
    answer.set("template", view(saved));
    return answer;
  }

  ObjectNode remove(TenantId tenant, OperatorId self, OperatorFrame.RemoveTemplate frame) {
    own(self, visible(tenant, self, frame.template()));
    store.remove(tenant.value(), frame.template());
    return Frames.of("template_removed").put("template", frame.template());
  }

  private TemplateRecord visible(TenantId tenant, OperatorId self, String id) {
    return store.find(tenant.value(), id).filter(t -> t.visibleTo(self.value()))
        .orElseThrow(() -> new WireException(404, "NoSuchTemplate", "no template " + id + "; list them with templates"));
  }

  private static void own(OperatorId self, TemplateRecord t) {
    if (!self.value().equals(t.owner())) {
      throw new WireException(403, "NotPermitted", "template " + t.id() + " is not " + self + "'s own: "
          + "the tenant's templates are the administrator's; save yours under another id");
    }
  }

  private static ObjectNode view(TemplateRecord t) {
    ObjectNode n = Json.object().put("id", t.id()).put("title", t.title()).put("text", t.text())
        .put("own", t.owner() != null);
    if (t.language() != null) {
      n.put("language", t.language());
    }
    return n;
  }
}
