package dev.parley.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Instants as the epoch nanoseconds the schema stores in BIGINT columns: exact to the nanosecond,
 * from {@link #MIN} to {@link #MAX}.
 */
final class EpochNanos {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The earliest instant a {@code long} of epoch nanoseconds holds: 1677-09-21T00:12:43.145224192Z. */
  static final Instant MIN = toInstant(Long.MIN_VALUE);

  /** The latest instant a {@code long} of epoch nanoseconds holds: 2262-04-11T23:47:16.854775807Z. */
  static final Instant MAX = toInstant(Long.MAX_VALUE);

  private EpochNanos() {}

  /**
   * Returns {@code instant} in epoch nanoseconds.
   *
   * @throws IllegalArgumentException if it is outside {@link #MIN} to {@link #MAX}; the message
   *     names {@code what}
   */
  static long of(String what, Instant instant) {
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException(
          what + " must be between " + MIN + " and " + MAX + " to be stored in a database, was: " + instant);
    }
    long seconds = instant.getEpochSecond();
    // Before 1970 the seconds are negative: borrow one so that the product cannot overflow at MIN.
    return seconds < 0
        ? (seconds + 1) * NANOS_PER_SECOND + (instant.getNano() - NANOS_PER_SECOND)
        : seconds * NANOS_PER_SECOND + instant.getNano();
  }

  /** Returns the instant {@code nanos} epoch nanoseconds after 1970-01-01T00:00:00Z. */
  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /**
   * Returns {@code instant} in epoch nanoseconds, or the nearest {@code long} when it is outside
   * {@link #MIN} to {@link #MAX}: for bounds of ranges, which then hold every stored instant or none.
   */
  static long clamped(Instant instant) {
    return instant.isBefore(MIN) ? Long.MIN_VALUE : instant.isAfter(MAX) ? Long.MAX_VALUE : of("bound", instant);
  }

  /** As {@link #of}, for an instant that may be null. */
  static @Nullable Long ofNullable(String what, @Nullable Instant instant) {
    return instant == null ? null : of(what, instant);
  }

  /** Reads a nullable column of epoch nanoseconds as an instant. */
  static @Nullable Instant read(ResultSet rows, int column) throws SQLException {
    // getLong and wasNull, not getObject(column, Long.class): SQLite's driver fails that on a null.
    long nanos = rows.getLong(column);
    return rows.wasNull() ? null : toInstant(nanos);
  }
}
