package dev.parley.examples.demo;

import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.Tenant;
import dev.parley.core.TenantSettings;
import dev.parley.storage.Storage;
import dev.parley.storage.TemplateRecord;
import java.time.Duration;
import java.util.List;

/**
 * The demo's contact center, defined on its first start (later starts find it in the storage):
 * {@code sales}, routed by utilization, and {@code support}, offered to the whole group at once;
 * four operators with their own groups, channels and capacities; the tenant's away reasons, its tag
 * catalogue with colours, and three templates.
 *
 * <p>Thread safety: stateless.
 */
final class DemoSeed {
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId SUPPORT = GroupId.of("support");

  /** The seeded operators, as the console's login knows them. */
  static final List<OperatorSpec> OPERATORS = List.of(
      OperatorSpec.builder(OperatorId.of("alice")).group(SALES).group(SUPPORT)
          .channel(Channel.WEB_CHAT, 3).channel(Channel.VIDEO_CALL, 1).channel(Channel.WHATSAPP, 3).build(),
      OperatorSpec.builder(OperatorId.of("bob")).group(SALES)
          .channel(Channel.WEB_CHAT, 2).channel(Channel.CALLBACK, 1).build(),
      OperatorSpec.builder(OperatorId.of("carol")).group(SUPPORT)
          .channel(Channel.WEB_CHAT, 1).channel(Channel.WHATSAPP, 2).build(),
      OperatorSpec.builder(OperatorId.of("dan")).group(SALES).group(SUPPORT)
          .channel(Channel.WEB_CHAT, 4).channel(Channel.WHATSAPP, 4).channel(Channel.EMAIL, 2).build());

  private DemoSeed() {}

  /**
   * Defines the center on {@code tenant} unless the storage holds a configuration for it already
   * (an earlier start, and whatever the administrator changed since); whether it did.
   */
  static boolean seedIfEmpty(Tenant tenant, Storage storage) {
    if (storage.config().tenants().contains(tenant.id().value())) {
      return false;
    }
    tenant.defineGroup(GroupSpec.builder(SALES).strategy(RoutingStrategy.BY_UTILIZATION)
        .offerTimeout(Duration.ofSeconds(30)).wrapUpLimit(Duration.ofMinutes(2)).build()).join();
    tenant.defineGroup(GroupSpec.builder(SUPPORT).strategy(RoutingStrategy.WHOLE_GROUP)
        .wrapUpLimit(Duration.ofMinutes(2)).build()).join();
    tenant.configure(TenantSettings.builder().defaultGroup(SALES).operatorsMayBlock(true)
        .awayReasons(List.of("lunch", "meeting", "training"))
        .tag("delivery", "#1e88e5").tag("refund", "#e53935").tag("complaint", "#8e24aa").build()).join();
    for (OperatorSpec operator : OPERATORS) {
      tenant.defineOperator(operator).join();
    }
    String id = tenant.id().value();
    for (TemplateRecord template : List.of(
        new TemplateRecord(id, "greeting", "Greeting", "Hello {client}, I am {operator}. How can I help you?", "en"),
        new TemplateRecord(id, "tracking", "Tracking", "You can follow your parcel at https://shop.example/track", "en"),
        new TemplateRecord(id, "goodbye", "Goodbye", "Thank you for writing, {client}. Have a nice day!", "en"))) {
      storage.templates().put(template);
    }
    return true;
  }
}
