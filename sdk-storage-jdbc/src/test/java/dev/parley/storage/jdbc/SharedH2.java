package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One H2 file and a pool on it for the test classes that empty Parley's tables between tests
 * rather than migrate a fresh file for each: made on first use, closed and deleted when the JVM
 * exits.
 */
final class SharedH2 {
  private static HikariDataSource pool;

  private SharedH2() {}

  static synchronized HikariDataSource pool() {
    if (pool == null) {
      try {
        Path dir = Files.createTempDirectory("parley-h2");
        HikariDataSource opened = TestPools.h2(dir.resolve("parley"), true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          opened.close();
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          } catch (IOException ignored) {
            // the JVM is going away; the directory is temporary
          }
        }));
        pool = opened;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pool;
  }
}
