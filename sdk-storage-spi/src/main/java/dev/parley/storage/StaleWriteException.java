package dev.parley.storage;

/**
 * A write carried a version that is no longer the stored one: someone else wrote the record
 * since it was read. Nothing was written; read the record again and redo the change.
 *
 * <p>A {@link FencedWriteException} is the one kind of it that rereading does not cure: the writer
 * lost its partition. A retry loop lets that one through.
 *
 * <p>Thread safety: immutable once thrown, like any exception.
 */
public sealed class StaleWriteException extends StorageException permits FencedWriteException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * Creates the exception.
   *
   * @param key what was written, such as {@code session acme/s-1}
   * @param expectedVersion the version the write was based on
   * @param actualVersion the stored version, or 0 when nothing is stored
   */
  public StaleWriteException(String key, long expectedVersion, long actualVersion) {
    this(key, expectedVersion, actualVersion, key + " was written at version " + expectedVersion
        + " but the stored version is " + actualVersion + ": read it again and redo the change");
  }

  StaleWriteException(String key, long expectedVersion, long actualVersion, String message) {
    super(message);
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** What was written. */
  public String key() {
    return key;
  }

  /** The version the write was based on. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The stored version, or 0 when nothing is stored. */
  public long actualVersion() {
    return actualVersion;
  }
}
