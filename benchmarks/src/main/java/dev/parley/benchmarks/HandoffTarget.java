package dev.parley.benchmarks;

import dev.parley.core.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@link LatencyHarness}'s baseline: the shell's thread hand-offs with no engine behind them. A
 * command's index goes through a bounded queue to a writer thread, which passes each batch it
 * drains to a single-thread executor, which tells the probe: the same two hops as a command and
 * its events take in the shell, so its latency is the floor the machine sets.
 *
 * <p>Thread safety: as {@link LoadTarget}.
 */
final class HandoffTarget implements LoadTarget {
  private static final int STOP = -1;

  private final BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(65_536);
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "handoff-delivery");
    t.setDaemon(true);
    return t;
  });
  private final Thread writer;

  HandoffTarget(LatencyProbe probe) {
    writer = new Thread(() -> {
      List<Integer> batch = new ArrayList<>();
      try {
        while (true) {
          batch.add(queue.take());
          queue.drainTo(batch, 1_023);
          int[] ks = new int[batch.size()];
          for (int i = 0; i < ks.length; i++) {
            ks[i] = batch.get(i);
          }
          batch.clear();
          delivery.execute(() -> {
            for (int k : ks) {
              if (k != STOP) {
                probe.arrived(k);
              }
            }
          });
          if (ks[ks.length - 1] == STOP) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "handoff-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void send(int k, Command command) throws InterruptedException {
    queue.put(k);
  }

  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join();
      delivery.shutdown();
      delivery.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
