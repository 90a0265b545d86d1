package dev.parley.core;

/**
 * A tenant: one company's contact center. Nothing crosses from one tenant to another.
 *
 * <p>Any non-blank text of at most 200 characters without control characters.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the identifier as text
 */
public record TenantId(String value) implements Comparable<TenantId> {
  /** Checks the identifier. */
  public TenantId {
    Ids.check("tenant id", value);
  }

  /** Returns the identifier for {@code value}. */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
