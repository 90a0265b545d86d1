package dev.parley.channels.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import okhttp3.OkHttpClient;

/**
 * What adapters share when the host gives nothing: one OkHttp client (its connection pool and
 * dispatcher), one daemon thread that times retries and rate-limit waits, and a few daemon
 * threads for blocking calls.
 */
public final class Defaults {
  private Defaults() {}

  /** The shared OkHttp client. */
  public static OkHttpClient httpClient() {
    return Holder.CLIENT;
  }

  /** The shared scheduler; its one thread is a daemon and runs only short hand-offs. */
  public static ScheduledExecutorService scheduler() {
    return Holder.SCHEDULER;
  }

  /** A small shared pool of daemon threads for blocking calls (SMTP). */
  public static Executor blockingExecutor() {
    return Holder.BLOCKING;
  }

  private static final class Holder {
    static final Executor BLOCKING = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "parley-channels-blocking");
      t.setDaemon(true);
      return t;
    });
    static final OkHttpClient CLIENT = new OkHttpClient();
    static final ScheduledExecutorService SCHEDULER = newScheduler();

    private static ScheduledExecutorService newScheduler() {
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "parley-channels-retry");
        t.setDaemon(true);
        return t;
      });
      s.setRemoveOnCancelPolicy(true);
      return s;
    }
  }
}
