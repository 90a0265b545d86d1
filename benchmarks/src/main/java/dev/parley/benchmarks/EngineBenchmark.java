package dev.parley.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings the engine's and the storages' suites share (JMH reads them from the superclass; a
 * suite may name its own mode and time unit). Forks get a fixed, pre-touched heap with a small
 * young generation: on this VM fresh heap pages are slow to touch, which made allocation-heavy
 * runs drift by 3× as the heap grew.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Xmn256m", "-XX:+AlwaysPreTouch"})
abstract class EngineBenchmark {}
