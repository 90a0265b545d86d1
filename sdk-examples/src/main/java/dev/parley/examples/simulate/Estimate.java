package dev.parley.examples.simulate;

/**
 * A simulated figure with its 95 % confidence interval, {@code value ± halfWidth}.
 *
 * <p>The interval comes from batch means: the measured window is cut into 20
 * equal batches of virtual time, the figure is computed within each batch, and the batch figures,
 * nearly independent when a batch is much longer than the queue's memory, give the standard error
 * {@code s / √k}; the half-width is Student's {@code t(0.975, k − 1)} times that. The value itself
 * is the figure over the whole window. A batch where the figure is undefined (no answered client,
 * say) is left out; with fewer than two batches left the half-width is NaN.
 *
 * <p>A figure that is no mean, such as the ratio of the busiest operator's occupancy to the least
 * busy one's, is larger in a short batch than over the whole window, so its batch values do not
 * centre on it. Such a figure gets the batch jackknife instead: it is recomputed over the window
 * without each batch in turn, and the spread of those {@code k} values gives the standard error
 * {@code √((k − 1)/k · Σ(θ₍ⱼ₎ − θ̄)²)}.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the figure over the whole measured window
 * @param halfWidth half the width of the 95 % confidence interval; NaN when unknown
 */
public record Estimate(double value, double halfWidth) {
  /** Student's t quantiles at 0.975 for 1 to 30 degrees of freedom. */
  private static final double[] T975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
  };

  /** The figure {@code value} with the interval from its per-batch values. */
  static Estimate fromBatches(double value, double[] batchValues) {
    int n = 0;
    double mean = 0;
    double m2 = 0;
    for (double x : batchValues) {
      if (Double.isFinite(x)) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      }
    }
    if (n < 2) {
      return new Estimate(value, Double.NaN);
    }
    double standardError = Math.sqrt(m2 / (n - 1) / n);
    return new Estimate(value, t975(n - 1) * standardError);
  }

  /** The figure {@code value} with the jackknife interval from its values over the window without each batch. */
  static Estimate fromJackknife(double value, double[] leaveOneOut) {
    int n = 0;
    double mean = 0;
    double m2 = 0;
    for (double x : leaveOneOut) {
      if (!Double.isFinite(x)) {
        return new Estimate(value, Double.NaN);
      }
      n++;
      double d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    }
    if (n < 2) {
      return new Estimate(value, Double.NaN);
    }
    double standardError = Math.sqrt((n - 1.0) / n * m2);
    return new Estimate(value, t975(n - 1) * standardError);
  }

  /** Student's t quantile at 0.975 for {@code df} degrees of freedom. */
  static double t975(int df) {
    if (df <= T975.length) {
      return T975[df - 1];
    }
    // Cornish-Fisher expansion around the normal quantile; within 1e-4 from 30 degrees of freedom on.
    double z = 1.959964;
    double z3 = z * z * z;
    return z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96.0 * df * df);
  }

  /** The lower end of the interval. */
  public double low() {
    return value - halfWidth;
  }

  /** The upper end of the interval. */
  public double high() {
    return value + halfWidth;
  }

  /** Whether {@code x} lies within {@code k} half-widths of the value. */
  public boolean agreesWith(double x, double k) {
    return Math.abs(x - value) <= k * halfWidth;
  }
}
