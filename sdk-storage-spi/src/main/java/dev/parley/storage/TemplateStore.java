package dev.parley.storage;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's templates (canned answers), the operators' own among them ({@link
 * TemplateRecord#owner()}), and the ones each operator starred.
 *
 * <p>Threading, durability and failure: as for {@link SessionStore}. Thread safety:
 * implementations must be thread-safe.
 */
public interface TemplateStore {
  /** Stores a template, replacing one with the same tenant and id (its stars stay). */
  void put(TemplateRecord template);

  /** Removes a template and every star on it; returns whether it was there. */
  boolean remove(String tenant, String id);

  /** Returns a template, or empty. */
  Optional<TemplateRecord> find(String tenant, String id);

  /**
   * The tenant's templates, the operators' own included, ordered by title, then id (as {@link
   * String#compareTo} orders).
   */
  List<TemplateRecord> list(String tenant);

  /**
   * Stars or unstars a template for an operator; starring a starred one, or unstarring one that
   * is not, changes nothing.
   *
   * @throws IllegalArgumentException if there is no such template
   */
  void star(String tenant, String operator, String template, boolean starred);

  /** The templates an operator starred, ordered by title, then id. */
  List<TemplateRecord> starred(String tenant, String operator);
}
