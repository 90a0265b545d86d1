package dev.parley.core;

/**
 * A session: one client's conversation, from arrival to its end.
 *
 * <p>Any non-blank text of at most 200 characters without control characters.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the identifier as text
 */
public record SessionId(String value) implements Comparable<SessionId> {
  /** Checks the identifier. */
  public SessionId {
    Ids.check("session id", value);
  }

  /** Returns the identifier for {@code value}. */
  public static SessionId of(String value) {
    return new SessionId(value);
  }

  @Override
  public int compareTo(SessionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
