/**
 * The benchmark report: reads one run's JMH results and command-line timings and prints the one
 * table of the suite, with each case's median, spread, peer, ratio, target and verdict.
 */
package dev.planning.bench.report;
