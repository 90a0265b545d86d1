package dev.parley.examples.simulate;

/**
 * The Erlang C model of a queue: Poisson arrivals, exponential handle times, {@code servers}
 * identical servers who take one client each, an unlimited queue served first come first served,
 * and nobody abandons. It is what a simulation with capacity 1 and no abandonment must reproduce.
 *
 * <p>The probability of waiting comes from the Erlang B recurrence {@code B(0) = 1, B(n) = A·B(n−1)
 * / (n + A·B(n−1))}, which stays within floating-point range for any number of servers, and {@code
 * C = N·B / (N − A·(1 − B))}.
 *
 * <pre>{@code
 * ErlangC model = new ErlangC(55, 48.0);   // 48 Erlangs offered to 55 operators
 * model.probabilityOfWaiting();             // 0.2387
 * model.averageSpeedOfAnswer(240);          // 8.18 s with a 240 s average handle time
 * model.serviceLevel(20, 240);              // 0.867 answered within 20 s
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param servers the number of servers N, 1 or more
 * @param erlangs the offered load A = arrival rate × average handle time, below {@code servers}
 */
public record ErlangC(int servers, double erlangs) {
  /** Checks that the queue is stable: {@code A < N}. */
  public ErlangC {
    if (servers < 1) {
      throw new IllegalArgumentException("servers must be 1 or more, not " + servers);
    }
    if (!(erlangs > 0) || Double.isInfinite(erlangs)) {
      throw new IllegalArgumentException("offered load must be a positive number of Erlangs, not " + erlangs);
    }
    if (erlangs >= servers) {
      throw new IllegalArgumentException(
          "offered load " + erlangs + " Erlangs on " + servers + " servers is unstable: Erlang C needs A < N");
    }
  }

  /** The Erlang B blocking probability of the same load on the same servers (no queue). */
  public double blocking() {
    double b = 1;
    for (int n = 1; n <= servers; n++) {
      b = erlangs * b / (n + erlangs * b);
    }
    return b;
  }

  /** The probability that an arriving client finds every server busy and waits. */
  public double probabilityOfWaiting() {
    double b = blocking();
    return servers * b / (servers - erlangs * (1 - b));
  }

  /** The mean wait of all clients, those answered at once included, for a given average handle time. */
  public double averageSpeedOfAnswer(double handleSeconds) {
    return probabilityOfWaiting() * handleSeconds / (servers - erlangs);
  }

  /** The share of clients answered within {@code seconds}, for a given average handle time. */
  public double serviceLevel(double seconds, double handleSeconds) {
    return 1 - probabilityOfWaiting() * Math.exp(-(servers - erlangs) * seconds / handleSeconds);
  }

  /** The share of time a server is busy: A / N. */
  public double occupancy() {
    return erlangs / servers;
  }
}
