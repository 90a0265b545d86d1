/**
 * JMH suites of Parley's routing hot path and runtime shell, each with its baselines measured in
 * the same run. Build with {@code mvn -pl benchmarks -am package}; run with {@code java -jar
 * benchmarks/target/benchmarks.jar RoutingBenchmark -p operators=10000 -f 1 -wi 3 -i 5}.
 */
package dev.parley.benchmarks;
