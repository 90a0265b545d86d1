package dev.parley.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One open-loop run: {@code message} frames sent at a fixed aggregate rate, round robin over the
 * sending connections, whatever the server does; each frame carries its <em>intended</em> send
 * time, so a stall that delays later sends counts against all of them (no coordinated omission).
 * The frame's latency is taken when it arrives where it was going: back at the sender (echo) or
 * at the operator's console (Parley). The warm-up's frames are sent but not recorded. The server's
 * allocation and CPU time are read before the first send and after the last frame arrived, and
 * divided by every frame sent, the warm-up's too.
 *
 * @param rate frames per second, all connections together
 * @param warmupSeconds seconds sent before recording
 * @param seconds seconds recorded
 */
record WireRun(int rate, int warmupSeconds, int seconds) {
  /** Padding so that a frame is about as long as a short chat message. */
  private static final String FILLER = "x".repeat(64);

  /**
   * What one run measured; latencies in microseconds, the server's allocation in bytes and its CPU
   * time in microseconds per frame.
   */
  record Result(int offered, double achieved, long sent, long received, long p50, long p99, long p999, long max,
      long bytesPerFrame, double cpuMicrosPerFrame, boolean keptUp) {
    /**
     * Kept up: the client kept its schedule, every frame arrived within 3 s of the last send, and
     * 99 % within a second, so no backlog grew (a server that falls behind shows latencies that
     * grow with the run, soon past a second).
     */
    boolean sustained() {
      return keptUp && received == sent && p99 <= 1_000_000;
    }
  }

  Result run(WireClient client, List<WireClient.Conn> senders, WireChild server) throws InterruptedException, IOException {
    Recorder recorder = new Recorder(3);
    LongAdder received = new LongAdder();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long recordFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    client.onMessage(text -> {
      long sent = sentAt(text);
      if (sent >= recordFrom) {
        recorder.recordValue(Math.max(0, System.nanoTime() - sent) / 1_000);
        received.increment();
      }
    });
    long total = (long) rate * (warmupSeconds + seconds);
    WireChild.Usage before = server.usage();
    long recorded = 0;
    long sent = 0;
    boolean keptUp = true;
    for (long k = 0; k < total; k++) {
      long intended = start + k * interval;
      long now = Pace.PARK.await(intended);
      if (now - intended > TimeUnit.SECONDS.toNanos(2)) {
        keptUp = false; // the client cannot even send this fast: the run says so rather than lie
        break;
      }
      senders.get((int) (k % senders.size())).send("{\"type\":\"message\",\"text\":\"t=" + intended + ";" + FILLER + "\"}");
      sent++;
      if (intended >= recordFrom) {
        recorded++;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (received.sum() < recorded && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    client.onMessage(text -> {});
    WireChild.Usage after = server.usage();
    long frames = Math.max(1, sent);
    Histogram h = recorder.getIntervalHistogram();
    return new Result(rate, received.sum() / (double) seconds, recorded, received.sum(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
        (after.allocatedBytes() - before.allocatedBytes()) / frames,
        (after.cpuNanos() - before.cpuNanos()) / 1_000.0 / frames, keptUp);
  }

  /** The intended send time the frame carries as {@code t=NANOS;}. */
  static long sentAt(String frame) {
    int at = frame.indexOf("t=") + 2;
    long value = 0;
    boolean negative = frame.charAt(at) == '-';
    for (int i = negative ? at + 1 : at; frame.charAt(i) != ';'; i++) {
      value = value * 10 + (frame.charAt(i) - '0');
    }
    return negative ? -value : value;
  }
}
