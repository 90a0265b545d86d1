package dev.parley.export;

import java.io.IOException;
import java.io.OutputStream;

/** An output whose every write fails with the same exception, like a full disk. */
final class FailingOutput extends OutputStream {
  final IOException cause = new IOException("disk full");

  @Override
  public void write(int b) throws IOException {
    throw cause;
  }
}
