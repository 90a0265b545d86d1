package dev.parley.storage;

import org.jspecify.annotations.Nullable;

/**
 * A store could not do what it was asked: the database is unreachable, a statement failed, the
 * schema could not be migrated.
 *
 * <p>A store that talks to the world wraps its checked failures (such as {@code SQLException})
 * in this exception, keeping the original as the {@linkplain #getCause() cause}. Unless the store
 * documents otherwise, a write that throws it has not taken effect (see the "Failure" paragraph
 * of {@link BlacklistStore} and {@link InvitationStore}); where the store cannot tell, the write
 * is safe to retry.
 *
 * <p>Argument mistakes are not storage failures: they stay {@link NullPointerException} and
 * {@link IllegalArgumentException}.
 *
 * <p>Thread safety: immutable once thrown, like any exception.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception whose message says what could not be done and what to check next.
   *
   * @param message what failed, such as {@code "could not store blacklist entry acme/WEB_CHAT/x"}
   * @param cause the underlying failure, or null if there is none
   */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without an underlying cause.
   *
   * @param message what failed and what to check next
   */
  public StorageException(String message) {
    super(message);
  }
}
