package dev.parley.transport.netty;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import java.util.function.Supplier;

/**
 * Any admin body becomes the tenant settings, routing rules, tag catalogue, retention, template or
 * hero card it stands for, or is refused with a {@code 400} whose type is {@code Malformed} or
 * {@code InvalidArgument}: nothing else escapes the readers ({@link Body}, {@link TenantRoutes},
 * {@link CatalogueRoutes}), and a refusal about one field names it. Seeds: {@code
 * AdminBodyFuzzTestInputs}.
 */
class AdminBodyFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void bodiesBecomeSettingsOrFieldNamedRefusals(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    read(() -> TenantRoutes.settings(Body.of(bytes), TenantSettings.DEFAULTS));
    read(() -> TenantRoutes.rules(Body.of(bytes)));
    read(() -> TenantRoutes.tags(Body.of(bytes), TenantSettings.DEFAULTS));
    read(() -> TenantRoutes.retention(Body.of(bytes), TenantSettings.DEFAULTS));
    read(() -> CatalogueRoutes.template(TenantId.of("acme"), "hours", Body.of(bytes)));
    read(() -> CatalogueRoutes.card(Body.of(bytes)));
  }

  private static void read(Supplier<?> reading) {
    try {
      if (reading.get() == null) {
        throw new AssertionError("a reader answered null");
      }
    } catch (WireException e) {
      if (e.status() != 400 || !(e.type().equals("Malformed") || e.type().equals("InvalidArgument"))) {
        throw new AssertionError("refused with " + e.status() + " " + e.type() + ": " + e.getMessage(), e);
      }
      if (e.field() != null && e.field().isBlank()) {
        throw new AssertionError("a refusal names a blank field: " + e.getMessage(), e);
      }
    }
  }
}
