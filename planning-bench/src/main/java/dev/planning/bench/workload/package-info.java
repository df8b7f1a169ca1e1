/**
 * A deterministic synthetic workload for the benchmarks: a workspace of N tasks across the fe, be
 * and design streams, with story maps, about two dependencies per task (10% of them cross-stream),
 * governance tags and the controls the default policies ask for, and a copy of the default
 * rulebook. {@link dev.planning.bench.workload.WorkloadGenerator} writes it;
 * the same {@link dev.planning.bench.workload.WorkloadSpec} always gives the same bytes.
 */
package dev.planning.bench.workload;
