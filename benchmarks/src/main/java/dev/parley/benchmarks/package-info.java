/**
 * JMH suites of Parley's routing core, runtime shell and storages, each with its baselines
 * measured in the same run, and three measuring programs: {@link
 * dev.parley.benchmarks.LatencyHarness} (open-loop latency of the shell), {@link
 * dev.parley.benchmarks.MemoryFootprint} (heap retained at scale) and {@link
 * dev.parley.benchmarks.RestartHarness} (rebuilding the routing state from storage). Build with {@code mvn -pl benchmarks -am package}; run with {@code java -jar
 * benchmarks/target/benchmarks.jar RoutingBenchmark -p operators=10000 -f 1 -wi 3 -i 5}, or
 * every suite with {@code benchmarks/run quick}. See {@code benchmarks/README.md}.
 */
package dev.parley.benchmarks;
