package dev.parley.examples.simulate;

import java.util.Locale;

/** Formats figures for people: fixed decimals, thin-space thousands, "n/a" for what is unknown. */
final class Figures {
  private Figures() {}

  /** {@code x} with {@code decimals} decimals; "n/a" for NaN, "inf" for infinity. */
  static String fixed(double x, int decimals) {
    if (Double.isNaN(x)) {
      return "n/a";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", x).replace(',', ' ');
  }

  /** A count with thousands separated. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  /** A number as short as it reads: 12, 12.5, 0.25. */
  static String plain(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return String.format(Locale.ROOT, "%.6g", x).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
