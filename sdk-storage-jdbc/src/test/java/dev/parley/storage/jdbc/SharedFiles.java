package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One H2 file and one SQLite file, each with a pool on it, for the test classes that empty Parley's
 * tables between tests rather than migrate a fresh file for each: made on first use, closed and
 * deleted when the JVM exits.
 */
final class SharedFiles {
  private static HikariDataSource h2;
  private static HikariDataSource sqlite;

  private SharedFiles() {}

  /** The pool on the shared H2 file. */
  static synchronized HikariDataSource h2() {
    if (h2 == null) {
      h2 = open("parley-h2", dir -> TestPools.h2(dir.resolve("parley"), true));
    }
    return h2;
  }

  /** The pool on the shared SQLite file. */
  static synchronized HikariDataSource sqlite() {
    if (sqlite == null) {
      sqlite = open("parley-sqlite", dir -> TestPools.sqlite(dir.resolve("parley.db"), true));
    }
    return sqlite;
  }

  private static HikariDataSource open(String prefix, Function<Path, HikariDataSource> opener) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      HikariDataSource opened = opener.apply(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        opened.close();
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // the JVM is going away; the directory is temporary
        }
      }));
      return opened;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
