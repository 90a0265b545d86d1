package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A canned answer operators insert into a chat.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param id the template's id, unique within the tenant
 * @param title what operators see in the picker
 * @param text the text inserted
 * @param language the language it is written in, or null for any
 */
public record TemplateRecord(String tenant, String id, String title, String text, @Nullable String language) {
  /** Checks the components. */
  public TemplateRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("id", id);
    FieldChecks.nonBlank("title", title);
    FieldChecks.nonBlank("text", requireNonNull(text, "text must not be null"));
    if (language != null) {
      FieldChecks.nonBlank("language", language);
    }
  }
}
