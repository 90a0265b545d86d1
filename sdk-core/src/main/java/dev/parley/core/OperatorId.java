package dev.parley.core;

/**
 * An operator of one tenant.
 *
 * <p>Any non-blank text of at most 200 characters without control characters.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the identifier as text
 */
public record OperatorId(String value) implements Comparable<OperatorId> {
  /** Checks the identifier. */
  public OperatorId {
    Ids.check("operator id", value);
  }

  /** Returns the identifier for {@code value}. */
  public static OperatorId of(String value) {
    return new OperatorId(value);
  }

  @Override
  public int compareTo(OperatorId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
