package dev.parley.cluster;

/**
 * A node could not do what the cluster needs of it: the database is unreachable or lacks the
 * cluster's tables. The cause is the underlying failure.
 *
 * <p>Thread safety: immutable once thrown, like any exception.
 */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check next
   * @param cause the underlying failure
   */
  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
