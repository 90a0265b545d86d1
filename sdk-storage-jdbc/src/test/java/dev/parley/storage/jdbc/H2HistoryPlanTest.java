package dev.parley.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import javax.sql.DataSource;

/** The history queries' plans on H2: reading every session shows as {@code PARLEY_SESSION.tableScan}. */
class H2HistoryPlanTest extends HistoryPlanContract {
  @Override
  DataSource emptyDatabase() {
    try {
      return TestPools.h2(Files.createTempDirectory("parley-plans").resolve("parley"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  String fullScan() {
    return "PUBLIC.PARLEY_SESSION.tableScan";
  }

  @Override
  void analyze(Connection c) {
    // H2 plans from the index's own counts.
  }
}
