package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a recording of a session (a video or phone call) is kept: the storage holds the reference,
 * never the media.
 *
 * <p>Thread safety: immutable.
 *
 * @param startedAt when the recording started
 * @param length how long it is; not negative
 * @param uri where the media is, such as {@code s3://recordings/acme/s-1.webm}
 */
public record RecordingRef(Instant startedAt, Duration length, String uri) {
  /** Checks the components. */
  public RecordingRef {
    requireNonNull(startedAt, "startedAt must not be null");
    requireNonNull(length, "length must not be null");
    if (length.isNegative()) {
      throw new IllegalArgumentException("length must not be negative, was: " + length);
    }
    FieldChecks.nonBlank("uri", uri);
  }
}
