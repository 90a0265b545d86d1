package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link dev.parley.storage.tck.StorageTck} on an H2 file. */
class H2StorageTest extends PooledStorageTck {
  @TempDir static Path dir;

  private static HikariDataSource pool;

  @BeforeAll
  static void open() {
    pool = TestPools.h2(dir.resolve("parley"), true);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Override
  DataSource pool() {
    return pool;
  }
}
