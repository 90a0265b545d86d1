package dev.parley.core;

/**
 * A group of operators that sessions are routed to.
 *
 * <p>Any non-blank text of at most 200 characters without control characters.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the identifier as text
 */
public record GroupId(String value) implements Comparable<GroupId> {
  /** Checks the identifier. */
  public GroupId {
    Ids.check("group id", value);
  }

  /** Returns the identifier for {@code value}. */
  public static GroupId of(String value) {
    return new GroupId(value);
  }

  @Override
  public int compareTo(GroupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
