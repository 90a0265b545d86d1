package dev.parley.examples.simulate;

import java.util.Locale;

/**
 * Draws the report's charts as inline SVG: bars over a numeric axis (a histogram), a line over
 * time, and one column per category. Axes get round-numbered ticks; every text is escaped.
 *
 * <p>Thread safety: stateless.
 */
final class SvgChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 34;
  private static final int BOTTOM = 50;
  private static final int PLOT_W = WIDTH - LEFT - RIGHT;
  private static final int PLOT_H = HEIGHT - TOP - BOTTOM;

  private SvgChart() {}

  /** Bars of {@code values}, bar i spanning {@code [i·step, (i+1)·step)} on the x axis. */
  static String histogram(String title, String xLabel, String yLabel, double[] values, double step) {
    double xMax = Math.max(step * values.length, Double.MIN_NORMAL);
    double yMax = niceMax(max(values));
    StringBuilder svg = open(title);
    double w = PLOT_W / Math.max(1.0, values.length);
    for (int i = 0; i < values.length; i++) {
      double h = values[i] / yMax * PLOT_H;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#4e79a7\"/>%n",
          LEFT + i * w, TOP + PLOT_H - h, Math.max(0.5, w - 1), h));
    }
    axes(svg, xLabel, yLabel, xMax, yMax, true);
    return close(svg);
  }

  /**
   * A line through {@code values}, sample i at {@code i·step}, with a dashed mark at {@code markAt}
   * when it is positive.
   */
  static String line(
      String title, String xLabel, String yLabel, double[] values, double step, double markAt, String markLabel) {
    double xMax = Math.max(step * Math.max(1, values.length - 1), Double.MIN_NORMAL);
    double yMax = niceMax(max(values));
    StringBuilder svg = open(title);
    if (markAt > 0 && markAt < xMax) {
      double x = LEFT + markAt / xMax * PLOT_W;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n",
          x, TOP, x, TOP + PLOT_H));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" font-size=\"11\" fill=\"#666\">%s</text>%n",
          x + 4, TOP + 12, Markup.escape(markLabel)));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#e15759\" stroke-width=\"1.5\" points=\"");
    for (int i = 0; i < values.length; i++) {
      svg.append(String.format(Locale.ROOT, "%.2f,%.2f ",
          LEFT + i * step / xMax * PLOT_W, TOP + PLOT_H - values[i] / yMax * PLOT_H));
    }
    svg.append("\"/>\n");
    axes(svg, xLabel, yLabel, xMax, yMax, true);
    return close(svg);
  }

  /** One column per value, labelled by its 1-based index, on a y axis from 0 to {@code yMax}. */
  static String columns(String title, String xLabel, String yLabel, double[] values, double yMax) {
    StringBuilder svg = open(title);
    double w = PLOT_W / Math.max(1.0, values.length);
    for (int i = 0; i < values.length; i++) {
      double v = Double.isFinite(values[i]) ? Math.min(values[i], yMax) : 0;
      double h = v / yMax * PLOT_H;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#59a14f\">"
              + "<title>%d: %s</title></rect>%n",
          LEFT + i * w + w * 0.1, TOP + PLOT_H - h, Math.max(0.5, w * 0.8), h, i + 1,
          Markup.escape(Figures.fixed(values[i], 4))));
    }
    axes(svg, xLabel, yLabel, values.length, yMax, false);
    return close(svg);
  }

  private static StringBuilder open(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
            + " font-family=\"sans-serif\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<title>").append(Markup.escape(title)).append("</title>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, Markup.escape(title)));
    return svg;
  }

  private static String close(StringBuilder svg) {
    return svg.append("</svg>\n").toString();
  }

  /** The axes, gridlines and tick labels; x ticks are numeric, or category indices when not {@code numericX}. */
  private static void axes(
      StringBuilder svg, String xLabel, String yLabel, double xMax, double yMax, boolean numericX) {
    int bottom = TOP + PLOT_H;
    double yStep = niceStep(yMax / 5);
    for (double y = 0; y <= yMax * (1 + 1e-9); y += yStep) {
      double py = bottom - y / yMax * PLOT_H;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#ddd\"/>"
              + "<text x=\"%d\" y=\"%.2f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
          LEFT, py, LEFT + PLOT_W, py, LEFT - 6, py + 4, Markup.escape(tick(y, yStep))));
    }
    if (numericX) {
      double xStep = niceStep(xMax / 6);
      for (double x = 0; x <= xMax * (1 + 1e-9); x += xStep) {
        double px = LEFT + x / xMax * PLOT_W;
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#333\"/>"
                + "<text x=\"%.2f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
            px, bottom, px, bottom + 4, px, bottom + 17, Markup.escape(tick(x, xStep))));
      }
    } else {
      int n = (int) xMax;
      int every = (int) Math.max(1, niceStep(n / 12.0));
      double w = PLOT_W / Math.max(1.0, n);
      for (int i = 1; i <= n; i++) {
        if (i == 1 || i % every == 0) {
          svg.append(String.format(Locale.ROOT,
              "<text x=\"%.2f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>%n",
              LEFT + (i - 0.5) * w, bottom + 17, i));
        }
      }
    }
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
            + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
        LEFT, TOP, LEFT, bottom, LEFT, bottom, LEFT + PLOT_W, bottom));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
        LEFT + PLOT_W / 2, HEIGHT - 10, Markup.escape(xLabel)));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
        TOP + PLOT_H / 2, TOP + PLOT_H / 2, Markup.escape(yLabel)));
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /** The smallest round number (1, 2 or 5 times a power of ten, times 5) at or above {@code x}. */
  static double niceMax(double x) {
    if (!(x > 0)) {
      return 1;
    }
    double step = niceStep(x / 5);
    return Math.ceil(x / step - 1e-9) * step;
  }

  /** The smallest of 1, 2 or 5 times a power of ten at or above {@code x}. */
  static double niceStep(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(x)));
    double f = x / power;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * power;
  }

  private static String tick(double value, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
