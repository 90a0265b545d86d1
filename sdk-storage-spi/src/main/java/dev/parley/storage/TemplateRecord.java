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
 * <p>Its text may hold placeholders a console fills as it inserts it: {@value #CLIENT} (the
 * client's name) and {@value #OPERATOR} (the operator's).
 *
 * @param language the language it is written in, or null for any
 * @param owner the operator whose own template it is, seen only by him; null for the tenant's,
 *     which every operator sees
 */
public record TemplateRecord(String tenant, String id, String title, String text, @Nullable String language,
    @Nullable String owner) {
  /** The placeholder of the client's name. */
  public static final String CLIENT = "{client}";
  /** The placeholder of the operator's name. */
  public static final String OPERATOR = "{operator}";

  /** One of the tenant's templates, which every operator sees. */
  public TemplateRecord(String tenant, String id, String title, String text, @Nullable String language) {
    this(tenant, id, title, text, language, null);
  }

  /** Checks the components. */
  public TemplateRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("id", id);
    FieldChecks.nonBlank("title", title);
    FieldChecks.nonBlank("text", requireNonNull(text, "text must not be null"));
    if (language != null) {
      FieldChecks.nonBlank("language", language);
    }
    if (owner != null) {
      FieldChecks.nonBlank("owner", owner);
    }
  }

  /** Whether {@code operator} sees this template: it is the tenant's, or his own. */
  public boolean visibleTo(String operator) {
    return owner == null || owner.equals(operator);
  }
}
