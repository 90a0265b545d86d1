package dev.parley.storage.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on their own threads, released together so that they overlap as much as they can. */
final class Race {
  private Race() {}

  /**
   * Runs every task at once and returns their outcomes in order: what a task returned, or the
   * exception it threw.
   */
  static List<Object> run(List<? extends Callable<?>> tasks) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CyclicBarrier start = new CyclicBarrier(tasks.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return task.call();
        }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<?> f : futures) {
        try {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("a task took more than a minute: is the storage deadlocked?", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
