package dev.parley.storage.jdbc;

import dev.parley.storage.BlacklistEntry;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link JdbcStorageTest}: puts one blacklist entry into the H2 file given as
 * the first argument, says so, and halts the JVM at once, without closing anything.
 */
final class H2CrashingWriter {
  private H2CrashingWriter() {}

  public static void main(String[] args) {
    JdbcStorage storage = JdbcStorage.h2(Path.of(args[0])).build();
    storage.blacklist().put(
        new BlacklistEntry("acme", "WEB_CHAT", "visitor-1", "abusive", "alice", Instant.parse(args[1])));
    System.out.println("written");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
