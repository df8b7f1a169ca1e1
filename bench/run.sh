#!/usr/bin/env bash
# The benchmark suite of issue 7: builds what it needs, runs B1-B4 (JMH) and B5 (cold CLI wall
# time), and prints one table. Under 20 minutes on a 2-core machine once the workloads exist
# (the first run also generates them: about two minutes more; they are kept in target/bench-data).
#
#   bench/run.sh            the full suite
#   bench/run.sh --quick    a smoke run: one short iteration of everything, 1,000 tasks only
#
# Results land in target/bench/ (jmh-*.json, b5-*.json, table.md); docs/BENCHMARKS.md explains them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[ "${1:-}" = "--quick" ] && quick=true

out="$root/target/bench"
data="$root/target/bench-data"
rm -rf "$out"
mkdir -p "$out" "$data"

echo "== machine"
echo "cores: $(nproc)"
echo "cpu:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "java:  $(java -version 2>&1 | head -1)"
echo "sha:   $(grep -qw sha_ni /proc/cpuinfo && echo 'SHA instructions present' || echo 'no SHA instructions')"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews every figure)"

# The disk's synchronous-write latency bounds one writer's durable transitions (B3).
probe="$data/fsync-probe"
fsync=$(dd if=/dev/zero of="$probe" bs=4k count=200 oflag=dsync 2>&1 | tail -1 | sed -E 's/.* ([0-9.]+) s,.*/\1/')
rm -f "$probe"
echo "fsync: $(echo "scale=2; $fsync * 1000 / 200" | bc) ms per synchronous 4 KiB write (dd oflag=dsync, 200 writes)"

echo "== build (mvn package, tests skipped)"
mvn -B -ntp -q -Dstyle.color=never -DskipTests package
bench_jar="$root/planning-bench/target/benchmarks.jar"
cli_jar="$root/planning-cli/target/planning.jar"
# B5 goes through the launcher users run: it records an AppCDS archive on its first run after a
# build (so "first run" includes that) and runs the CLI with C1 only.
cli="$root/bin/planning"

# JMH: -jvmArgsPrepend keeps each benchmark's own @Fork heap settings (appending would replace them).
jmh() {
  local name="$1"; shift
  java -jar "$bench_jar" "$@" -rf json -rff "$out/jmh-$name.json" \
    -jvmArgsPrepend "-Dbench.data=$data -Dbench.results=$out" 2>&1 | grep -E '^(# Run progress|Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
}

if $quick; then
  echo "== B1-B4 (quick)"
  jmh quick 'GateBenchmark|GovernanceBenchmark|TransitionBenchmark|SealBenchmark' -p tasks=1000 -f 1 -wi 1 -w 1 -i 1 -r 1
else
  echo "== B1 gates, 1k and 10k tasks"
  jmh b1-small GateBenchmark -p tasks=1000,10000 -f 1 -wi 3 -w 2 -i 5 -r 2
  echo "== B1 gates, 100k tasks (fewer, longer iterations: one operation takes seconds)"
  jmh b1-large GateBenchmark -p tasks=100000 -f 1 -wi 2 -w 1 -i 5 -r 1
  echo "== B2 governance, Drools vs plain Java"
  jmh b2 GovernanceBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
  echo "== B3 transitions, engine vs Spring Statemachine"
  jmh b3 TransitionBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
  echo "== B4 seal and verify vs sha256sum and in-memory SHA-256"
  jmh b4 SealBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
fi

echo "== B5 cold CLI wall time"
runs=10
$quick && runs=3
example="$root/planning-examples/workspaces/fe-2025-09-02"
scratch="$out/b5-workspace"

timed_once() {  # seconds of one run of "$@", output discarded
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "scale=6; ($end - $start) / 1000000000" | bc
}

if ! command -v hyperfine >/dev/null 2>&1; then
  (apt-get install -y -qq hyperfine >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1)) || true
fi

measure() {  # name, prepare command, then the command
  local name="$1" prepare="$2"; shift 2
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --style basic --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$out/b5-$name.json" \
      --ignore-failure "$*" >/dev/null 2>&1
  else
    local times=()
    for _ in $(seq "$runs"); do
      $prepare
      times+=("$(timed_once "$@")")
    done
    (IFS=,; echo "{\"results\":[{\"command\":\"$*\",\"times\":[${times[*]}]}]}") >"$out/b5-$name.json"
  fi
  echo "measured: $*"
}

# A fresh copy of the example before each advance. A script, not a command line: hyperfine -N
# would split "a && b" into arguments of the first command.
fresh="$out/fresh-workspace.sh"
printf '#!/usr/bin/env bash\nset -eu\nrm -rf -- "%s"\ncp -r -- "%s" "%s"\n' "$scratch" "$example" "$scratch" >"$fresh"
chmod +x "$fresh"
"$fresh"
# The first run after the build: nothing of this command is in the page cache or the JIT yet.
rm -f "$root/planning-cli/target/planning.jsa"
timed_once "$cli" lint -w "$scratch" >"$out/b5-first-lint.txt"
measure java-version "true" java -version
measure lint "true" "$cli" lint -w "$scratch"
if "$cli" --help 2>/dev/null | grep -qE '^ +verify '; then
  # A sealed, signed manifest to verify: the example moved to READY_FOR_HANDOFF, sealed (no git
  # in the copy, hence --allow-dirty), and signed by the three roles the rulebook requires.
  "$fresh"
  "$cli" advance -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF >/dev/null 2>&1
  "$cli" seal -w "$scratch" --stream fe --cycle 2025-09-02 --allow-dirty >/dev/null 2>&1
  # Keys and trust file outside the workspace: sign refuses private keys inside it, and verify a
  # trust file inside it.
  keys="$out/b5-keys"
  rm -rf -- "$keys"
  for role in PM TechLead QA; do
    "$cli" keys generate --role "$role" --out "$keys" >/dev/null 2>&1
  done
  for role in PM TechLead QA; do
    "$cli" sign "$scratch/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml" --role "$role" \
      --key "$keys/$role.key.pem" --trust "$keys/trust.yaml" >/dev/null 2>&1
  done
  verify_cmd=("$cli" verify -w "$scratch" --stream fe --cycle 2025-09-02 --trust "$keys/trust.yaml")
  timed_once "${verify_cmd[@]}" >"$out/b5-first-verify.txt"
  "${verify_cmd[@]}" >"$out/b5-verify-output.txt" 2>&1 || echo "verify did not pass: see $out/b5-verify-output.txt"
  measure verify "true" "${verify_cmd[@]}"
else
  echo "no verify command in this CLI yet" >"$out/b5-verify.note"
fi
"$fresh"
timed_once "$cli" advance -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF >"$out/b5-first-advance.txt"
measure advance "$fresh" "$cli" advance -w "$scratch" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF

echo "load at the end: $(cut -d" " -f1-3 /proc/loadavg)"
echo "== results"
java -cp "$bench_jar" dev.planning.bench.report.BenchReport "$out"
echo "(Markdown: $out/table.md)"

# B6, the central store (PostgreSQL, Kafka): its own script, so that it runs alone too.
if $quick; then "$root/bench/store.sh" --quick; else "$root/bench/store.sh"; fi
