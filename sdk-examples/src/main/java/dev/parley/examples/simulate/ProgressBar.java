package dev.parley.examples.simulate;

import java.io.PrintStream;

/**
 * A one-line progress bar for a terminal, redrawn in place with a carriage return whenever the
 * whole percentage changes, and wiped when done.
 *
 * <p>Thread safety: none; one thread reports progress.
 */
final class ProgressBar {
  private static final int WIDTH = 40;

  private final PrintStream out;
  private int shown = -1;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  /** Shows {@code fraction} (0 to 1) done. */
  void update(double fraction) {
    int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
    if (percent == shown) {
      return;
    }
    shown = percent;
    int filled = percent * WIDTH / 100;
    out.print("\rsimulating [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + " %");
    out.flush();
  }

  /** Wipes the bar. */
  void finish() {
    if (shown >= 0) {
      out.print("\r" + " ".repeat(WIDTH + 24) + "\r");
      out.flush();
    }
  }
}
