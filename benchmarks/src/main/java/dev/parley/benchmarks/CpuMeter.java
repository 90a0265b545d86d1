package dev.parley.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the process and the calling thread spent over a stretch of wall time, in cores.
 *
 * <p>Thread safety: none; {@link #start} and {@link #stop} are called on the measured thread.
 */
final class CpuMeter {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long wall;
  private long process;
  private long thread;
  private boolean running;

  void start() {
    wall = -System.nanoTime();
    process = -os.getProcessCpuTime();
    thread = -threads.getCurrentThreadCpuTime();
    running = true;
  }

  void stop() {
    if (running) {
      wall += System.nanoTime();
      process += os.getProcessCpuTime();
      thread += threads.getCurrentThreadCpuTime();
      running = false;
    }
  }

  /** The cores the whole process used, on average; 0 when never started. */
  double processCores() {
    return wall <= 0 ? 0 : (double) process / wall;
  }

  /** The cores the measured thread used. */
  double threadCores() {
    return wall <= 0 ? 0 : (double) thread / wall;
  }
}
