#!/usr/bin/env bash
# The benchmark suite (issues 7 and 15): builds what it needs, runs B1-B4 (JMH) and B5 (cold
# command line against `java -version`), prints one table (each target of issue 15 with its
# measured ratio and verdict, and the load average), then B6 (bench/store.sh; not in --smoke).
# Under 20 minutes on a 2-core machine once the workloads exist (the first run also generates
# them: about two minutes more; they are kept in target/bench-data).
#
#   bench/run.sh            the full suite
#   bench/run.sh --quick    one short iteration of everything at 1,000 tasks, and B2 at 10,000 (a few minutes)
#   bench/run.sh --smoke    every step once on tiny inputs: checks that the script runs to the end
#                           (CI runs it); its figures mean nothing
#
# A step that fails is reported and the run goes on to the table; the exit code is then 1.
# Results land in target/bench/ (jmh-*.json, b5-*.json, table.md); docs/BENCHMARKS.md explains them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  --smoke) mode=smoke ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick|--smoke]" >&2; exit 2 ;;
esac

out="$root/target/bench"
data="$root/target/bench-data"
rm -rf "$out"
mkdir -p "$out" "$data"
failed=()
step_failed() {  # name: remember a failed step, say so, go on
  failed+=("$1")
  echo "!! step failed: $1" >&2
}
load1() { cut -d' ' -f1 /proc/loadavg; }
load_start="$(load1)"

echo "== machine"
echo "cores: $(nproc)"
echo "cpu:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "java:  $(java -version 2>&1 | head -1)"
echo "sha:   $(grep -qw sha_ni /proc/cpuinfo && echo 'SHA instructions present' || echo 'no SHA instructions')"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews every figure)"

# The disk's synchronous-write latency bounds one writer's durable transitions (B3). dd writes a
# new, empty file, so each of its writes grows the file and must make the new size durable with
# the data, as every append to an event log does: that is the floor B3 is set against. Beside it,
# the same writes over the blocks now there (conv=notrunc: data only, no size change).
probe="$data/fsync-probe"
dsync_ms() {  # dd's seconds for 200 writes, as milliseconds per write
  echo "scale=4; $(tail -1 | sed -E 's/.* ([0-9.]+) s,.*/\1/') * 1000 / 200" | bc
}
rm -f "$probe"
fsync_ms=$(dd if=/dev/zero of="$probe" bs=4k count=200 oflag=dsync 2>&1 | dsync_ms)
inplace_ms=$(dd if=/dev/zero of="$probe" bs=4k count=200 oflag=dsync conv=notrunc 2>&1 | dsync_ms)
rm -f "$probe"
echo "$fsync_ms" >"$out/fsync-ms.txt"
echo "$inplace_ms" >"$out/fsync-inplace-ms.txt"
echo "fsync: $fsync_ms ms per synchronous 4 KiB write growing the file (dd oflag=dsync, 200 writes: the B3 floor); $inplace_ms ms overwriting in place"

echo "== build (mvn package, tests skipped)"
if ! mvn -B -ntp -q -Dstyle.color=never -DskipTests package; then
  echo "the build failed: nothing to measure" >&2
  exit 2
fi
bench_jar="$root/planning-bench/target/benchmarks.jar"
cli_jar="$root/planning-cli/target/planning.jar"
# B5 goes through the launcher users run: it records an AppCDS archive on its first run after a
# build (so "first run" includes that) and runs the CLI with C1 only.
cli="$root/bin/planning"

# JMH: -jvmArgsPrepend keeps each benchmark's own @Fork heap settings (appending would replace them).
jmh() {
  local name="$1"; shift
  local rc
  set +e
  java -jar "$bench_jar" "$@" -rf json -rff "$out/jmh-$name.json" \
    -jvmArgsPrepend "-Dbench.data=$data -Dbench.results=$out" 2>&1 | tee "$out/jmh-$name.log" |
    grep -E '^(# Run progress|Benchmark|[A-Z][A-Za-z]+Benchmark\.)'
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ] || [ ! -s "$out/jmh-$name.json" ]; then
    # The filter above hides JMH's own errors (e.g. another JMH run holding /tmp/jmh.lock): show them.
    grep -E 'ERROR|Exception|Error:' "$out/jmh-$name.log" | head -5 >&2 || true
    step_failed "JMH $name (exit $rc; full output: $out/jmh-$name.log)"
  fi
}

# B2 as rounds of one-fork runs, the two peers taking turns at each size (Drools first in odd
# rounds, plain Java first in even ones): the machine's speed moves between minutes (the plain peer
# read 15.7 ms in one full run and 24.1 ms in the next, with every other CPU-bound figure of the run
# 1.2-1.6x slower too; see docs/benchmarks/b2-b3-b4.md, "B2 forks and B3 durable: fifth pass"), and with
# all of one peer's forks run before the other's such a move lands on one peer only. The table
# joins each case's iterations of every round into one sample (median, spread over all of them).
b2_rounds() {  # rounds, sizes (comma-separated), then JMH options for each fork
  local rounds="$1" sizes="$2"; shift 2
  local round n peer peers
  for round in $(seq "$rounds"); do
    for n in ${sizes//,/ }; do
      peers="drools plainJava"
      [ $((round % 2)) -eq 0 ] && peers="plainJava drools"
      for peer in $peers; do
        jmh "b2-$round-$n-$peer" "GovernanceBenchmark\\.$peer\$" -p "tasks=$n" -f 1 "$@"
      done
    done
  done
}

case "$mode" in
  smoke)
    echo "== B1-B4 (smoke: one 100 ms iteration each, 1,000 tasks)"
    jmh smoke 'GateBenchmark|GovernanceBenchmark|TransitionBenchmark|SealBenchmark' -p tasks=1000 -f 1 -wi 0 -i 1 -r 100ms
    ;;
  quick)
    echo "== B1-B4 (quick)"
    jmh quick 'GateBenchmark|GovernanceBenchmark|TransitionBenchmark|SealBenchmark' -p tasks=1000 -f 1 -wi 1 -w 1 -i 1 -r 1
    echo "== B2 at 10,000 tasks (quick: three 1 s iterations, so that its ratio and spread are judged)"
    b2_rounds 1 10000 -wi 1 -w 1 -i 3 -r 1
    ;;
  full)
    echo "== B1 gates, 1k and 10k tasks"
    jmh b1-small GateBenchmark -p tasks=1000,10000 -f 1 -wi 3 -w 2 -i 5 -r 2
    echo "== B1 gates, 100k tasks (fewer, longer iterations: one operation takes seconds)"
    jmh b1-large GateBenchmark -p tasks=100000 -f 1 -wi 2 -w 1 -i 5 -r 1
    echo "== B2 governance, Drools vs plain Java (three rounds, the peers taking turns)"
    # -gc true: a full collection between iterations (not inside them), so that one iteration's
    # garbage is not collected in the next one's time; both peers alike. The fork's fixed young
    # generation (GovernanceBenchmark's @Fork) holds one iteration's garbage, so no collection
    # falls inside an iteration either (docs/benchmarks/b2-spread.md). Three forks per case (as
    # B3): each JVM's JIT and heap layout differ, and one fork cannot show how much.
    b2_rounds 3 1000,10000,100000 -wi 3 -w 1 -i 3 -r 1 -gc true
    echo "== B3 transitions, engine vs Spring Statemachine"
    # Three forks of shorter runs, not one long one: each fork's JIT outcome differs (one fork per
    # run gave the same code 7.8x and 10.3x Spring on two quiet runs); JMH averages the forks'
    # iterations, for both peers alike, in about the same time as one fork of 3 + 5 x 2 s.
    jmh b3 'TransitionBenchmark\.(engineInMemory|springStatemachine)$' -f 3 -wi 2 -w 1 -i 3 -r 1
    # The durable cases warm up longer: at a few thousand transitions a second, two 1 s warm-up
    # iterations leave the JIT compiling through the measured ones (each fork's last iteration was
    # its fastest in the quiet runs), and the writer is then measured half warm. bareDurable, the
    # same appends without the engine, gets the same forks and iterations (docs/benchmarks/b2-b3-b4.md,
    # "B3 durable: sixth pass").
    jmh b3-durable 'TransitionBenchmark\.(engineDurable|bareDurable|engineDurableConcurrent)$' -f 3 -wi 8 -w 1 -i 3 -r 1
    echo "== B4 seal and verify vs sha256sum and in-memory SHA-256"
    jmh b4 SealBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
    ;;
esac

echo "== B5 cold command line, against java -version"
runs=10
[ "$mode" = quick ] && runs=3
[ "$mode" = smoke ] && runs=1
example="$root/planning-examples/workspaces/fe-2025-09-02"
scratch="$out/b5-workspace"
# Outside this repository, as a user keeps them: the compiled-rulebook cache (fresh for the "first
# run") where the default ~/.cache/planning is, outside any git work tree (a cache directory inside
# one makes every cache read look at that repository's index: whoever can commit must not be able
# to plant an entry; about 0.15-0.2 s of CPU per `lint` or `gate` in this repository), and the keys.
b5_home="$(mktemp -d)"
trap 'rm -rf -- "$b5_home"' EXIT
export PLANNING_CACHE_DIR="$b5_home/rulebook-cache"
# The cache's secret beside it, outside the cache directory (as ~/.local/state/planning/cache-key is).
export PLANNING_CACHE_KEY_FILE="$b5_home/state/cache-key"
target_dir="$root/planning-cli/target"

timed_once() {  # seconds of one run of "$@", output discarded
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  # printf, not bc alone: bc prints .5 for 0.5, which is not JSON.
  printf '%.6f\n' "$(echo "scale=6; ($end - $start) / 1000000000" | bc)"
}

measure() {  # name, prepare command, then the command
  local name="$1" prepare="$2"; shift 2
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --style basic --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$out/b5-$name.json" \
      --ignore-failure "$*" >/dev/null 2>&1 || step_failed "B5 $name"
  else
    local times=()
    $prepare
    "$@" >/dev/null 2>&1 || true  # warm-up: page cache
    for _ in $(seq "$runs"); do
      $prepare
      times+=("$(timed_once "$@")")
    done
    (IFS=,; echo "{\"results\":[{\"command\":\"$*\",\"times\":[${times[*]}]}]}") >"$out/b5-$name.json"
  fi
  echo "measured: $name: $*"
}

# A fresh copy of the example before each advance. A script, not a command line: hyperfine -N
# would split "a && b" into arguments of the first command.
fresh="$out/fresh-workspace.sh"
printf '#!/usr/bin/env bash\nset -eu\nrm -rf -- "%s"\ncp -r -- "%s" "%s"\n' "$scratch" "$example" "$scratch" >"$fresh"
chmod +x "$fresh"
"$fresh"

# The first command after the build: no start-up cache, no compiled rulebook, nothing of it in the
# JIT. The launcher runs it at once and records the start-up cache in the background; the time
# that recording takes is measured too (waiting for its lock), and the repeated runs start after it.
rm -f "$target_dir"/planning*.jsa "$target_dir"/planning*.aot
rm -rf "$PLANNING_CACHE_DIR"
timed_once "$cli" lint -w "$scratch" >"$out/b5-first-lint.txt"
start=$(date +%s%N)
flock "$target_dir/.startup-cache.lock" true 2>/dev/null || true
printf '%.6f\n' "$(echo "scale=6; ($(date +%s%N) - $start) / 1000000000" | bc)" >"$out/b5-first-recording.txt"
# On Java 25 each family of commands has a cache of its own, recorded on the family's first use
# (bin/planning): the other families' now, in the foreground, so that no recording runs behind
# the measured runs. (Java 17's single archive is there already: these record nothing.)
PLANNING_CDS_WAIT=1 "$cli" rules hash "$example/rulebook" >/dev/null 2>&1 || true
PLANNING_CDS_WAIT=1 "$cli" status -w "$scratch" >/dev/null 2>&1 || true
# (verify --checksums-only fails here, on an unsealed cycle, after its family's cache is recorded.)
PLANNING_CDS_WAIT=1 "$cli" verify -w "$scratch" --stream fe --cycle 2025-09-02 --checksums-only >/dev/null 2>&1 || true
PLANNING_CDS_WAIT=1 "$cli" lint -w "$scratch" >/dev/null 2>&1 || true
# The same lint again prints the result the first kept, so the launcher guesses the lintkept family
# (eleventh pass) and records its cache now; the measured lint below maps it.
PLANNING_CDS_WAIT=1 "$cli" lint -w "$scratch" >/dev/null 2>&1 || true
# (lint has a family of its own since the ninth pass, gate and advance since the tenth: the gate family.)
PLANNING_CDS_WAIT=1 "$cli" gate -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF >/dev/null 2>&1 || true
# The rules family (seal, sign, a full verify): a full verify fails here, on an unsealed cycle, after
# its family's cache is recorded; without it the sealing below would record it in the background
# while verify is measured.
PLANNING_CDS_WAIT=1 "$cli" verify -w "$scratch" --stream fe --cycle 2025-09-02 >/dev/null 2>&1 || true
if compgen -G "$target_dir/planning*.[aj][os][ta]" >"$out/b5-startup-cache.txt"; then
  echo "start-up cache: $(tr "\n" " " <"$out/b5-startup-cache.txt")"
else
  echo "no start-up cache was recorded" | tee "$out/b5-recording.note"
fi

measure java-version "true" java -version
measure version "true" "$cli" --version
measure rules-hash "true" "$cli" rules hash "$example/rulebook"
measure lint "true" "$cli" lint -w "$scratch"
measure gate "true" "$cli" gate -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF

# A sealed, signed manifest to verify: the example moved to READY_FOR_HANDOFF, sealed (no git
# in the copy, hence --allow-dirty, which sign then needs too: it refuses a dirty seal without it),
# and signed by the three roles the rulebook requires. Keys and trust file outside the workspace
# (sign refuses private keys inside it, and verify a trust file inside it) and outside this
# repository, as a user keeps them: a trust file inside a git work tree
# that holds the workspace costs a look at the git index (it is refused if git tracks it).
keys_home="$b5_home"
sealed() {
  local keys="$keys_home/b5-keys" manifest="$scratch/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"
  "$fresh"
  rm -rf -- "$keys"
  "$cli" advance -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF >/dev/null &&
  "$cli" seal -w "$scratch" --stream fe --cycle 2025-09-02 --allow-dirty >/dev/null &&
  for role in PM TechLead QA; do
    "$cli" keys generate --role "$role" --out "$keys" >/dev/null || return 1
  done &&
  for role in PM TechLead QA; do
    "$cli" sign "$manifest" --role "$role" --key "$keys/$role.key.pem" --trust "$keys/trust.yaml" --allow-dirty >/dev/null || return 1
  done
}
if sealed >"$out/b5-sealing-output.txt" 2>&1; then
  trust="$keys_home/b5-keys/trust.yaml"
  verify_cmd=("$cli" verify -w "$scratch" --stream fe --cycle 2025-09-02 --trust "$trust")
  "${verify_cmd[@]}" >"$out/b5-verify-output.txt" 2>&1 || step_failed "verify did not pass: see $out/b5-verify-output.txt"
  measure verify "true" "${verify_cmd[@]}"
  measure verify-checksums "true" "${verify_cmd[@]}" --checksums-only
  "$cli" status -w "$scratch" --trust "$trust" >"$out/b5-status-output.txt" 2>&1 || step_failed "status did not hold: see $out/b5-status-output.txt"
  measure status "true" "$cli" status -w "$scratch" --trust "$trust"
else
  step_failed "advance, seal, keys or sign: see $out/b5-sealing-output.txt"
  for name in verify verify-checksums status; do echo "no sealed, signed manifest (sealing failed)" >"$out/b5-$name.note"; done
fi
measure advance "$fresh" "$cli" advance -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF

load_end="$(load1)"
echo "$load_start $load_end" >"$out/load.txt"
echo "load at the end: $(cut -d" " -f1-3 /proc/loadavg)"
echo "== results"
java -cp "$bench_jar" dev.planning.bench.report.BenchReport "$out" || step_failed "the results table"
echo "(Markdown: $out/table.md)"
# B6, the event stores (PostgreSQL and Kafka beside the file store): bench/store.sh, its own script
# so that it runs alone too, and prints its own table.
case "$mode" in
  full) "$root/bench/store.sh" || step_failed "B6 (bench/store.sh)" ;;
  quick) "$root/bench/store.sh" --quick || step_failed "B6 (bench/store.sh --quick)" ;;
  smoke) echo "== B6: skipped in --smoke (run bench/store.sh --quick)" ;;
esac

if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED steps: ${failed[*]}" >&2
  exit 1
fi
