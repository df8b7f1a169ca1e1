/**
 * The JMH benchmarks B1 to B4 of the benchmark suite (B5, cold CLI wall time, is measured by
 * {@code bench/run.sh}). Run them from the benchmarks jar, {@code java -jar
 * planning-bench/target/benchmarks.jar}, never during the build.
 */
package dev.planning.bench.jmh;
