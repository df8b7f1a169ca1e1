#!/usr/bin/env bash
# The smallest heap `planning report --html` succeeds with, on three generated workspaces (README,
# "HTML report", "Memory"): each a copy of planning-examples/workspaces/fe-2025-09-02 with
#   plan     a plan of 7.2 MB: 360 tasks, each a title of 9,996 characters of <b>&"x and an owner of
#            10,000 (the longest values a plan may hold; a cycle page of 15.6 MB)
#   cycles   400 more cycles, each a one-task plan and a digest of five KPIs (a site of 23 MB)
#   sources  advanced to READY_FOR_HANDOFF, then 20 files of 1.9 MB (950,000 lines of one character) named
#            by findings of its schema_lint evidence (16 shown within the 32 Mi characters; 1.6 GB of pages)
# The heap is bisected to 2 MiB (-Xmx from 4 to 4096 MiB), each run a fresh JVM with -XX:TieredStopAtLevel=1
# as bin/planning starts it. A run that has not succeeded at 4096 MiB is reported as such.
#
#   bench/report-heap.sh [JAR]    JAR: the CLI's jar (default planning-cli/target/planning.jar; build it
#                                 with `mvn -B -ntp -DskipTests package -pl planning-cli -am`)
#
# Needs about 2 GB of free disk in $TMPDIR for the sources workspace's site; removes everything it wrote.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$root/planning-cli/target/planning.jar}"
[ -f "$jar" ] || { echo "report-heap: no jar at $jar" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
example="$root/planning-examples/workspaces/fe-2025-09-02"

planning() {
  local heap="$1"; shift
  java -XX:TieredStopAtLevel=1 "-Xmx${heap}m" -cp "$jar" dev.planning.cli.PlanningCommand "$@"
}

# plan
cp -r "$example" "$work/plan"
title="$(printf '<b>&"x%.0s' $(seq 1666))"
owner="$(printf 'o%.0s' $(seq 10000))"
{
  printf 'version: "1.0.0"\ncycle_id: "2025-09-02"\nstream: fe\ngenerated_at: "2025-09-01T09:00:00Z"\ntasks:\n'
  for i in $(seq 0 359); do
    printf "  - id: FE-%d\n    kind: task\n    title: '%s'\n    owner: %s\n    priority: P1\n    effort: 1\n" "$i" "$title" "$owner"
    printf '    status: planned\n    tags: {criticality: 1, compliance: none}\n'
  done
} >"$work/plan/frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"

# cycles
cp -r "$example" "$work/cycles"
mkdir -p "$work/cycles/frameworks/planning-fe/digests"
for i in $(seq 0 399); do
  id="$(printf 'c%04d' "$i")"
  printf 'version: "1.0.0"\ncycle_id: "%s"\nstream: fe\ngenerated_at: "2025-09-01T09:00:00Z"\ntasks:\n  - id: FE-1\n    kind: task\n    title: t\n    owner: a\n    priority: P1\n    effort: 1\n    status: planned\n    tags: {criticality: 1, compliance: none}\n' \
    "$id" >"$work/cycles/frameworks/planning-fe/tasks/$id-fe_task_breakdown.yaml"
  {
    printf -- '---\nversion: "1.0"\ncycle_id: "%s"\nstream: fe\ngenerated_at: "2025-09-01T09:00:00Z"\nkpis:\n' "$id"
    for k in 0 1 2 3 4; do
      printf '  k%d: {actual: %d, target: 50, unit: percent, direction: higher_is_better}\n' "$k" $(( (i * k) % 97 ))
    done
    printf -- '---\n# digest\n'
  } >"$work/cycles/frameworks/planning-fe/digests/$id-digest.md"
done

# sources
cp -r "$example" "$work/sources"
planning 1024 advance -w "$work/sources" --stream fe --cycle 2025-09-02 --to READY_FOR_HANDOFF >/dev/null
evidence="$(find "$work/sources/frameworks/planning-fe/evidence" -name '*-schema_lint.json' | head -1)"
mkdir -p "$work/sources/notes"
lines="$work/lines"
printf 'x\n%.0s' $(seq 950000) >"$lines"
findings=""
for i in $(seq -w 0 19); do
  cp "$lines" "$work/sources/notes/n$i.txt"
  findings="$findings{\"code\":\"x\",\"severity\":\"ERROR\",\"message\":\"big\",\"file\":\"notes/n$i.txt\",\"line\":1,\"column\":1},"
done
# The evidence's findings array (`[ ]` after a passing advance), with the twenty added first.
sed -i "s|\"findings\" *: *\[|\"findings\":[${findings}|; s|}, *\]|}]|" "$evidence"

smallest() {
  local ws="$1" low=4 high=4096 mid
  if ! planning "$high" report -w "$ws" --html "$work/site" --as-of 2025-09-10 >/dev/null 2>&1; then
    echo "more than $high"
    return
  fi
  while [ $((high - low)) -gt 2 ]; do
    mid=$(( (low + high) / 2 ))
    rm -rf "$work/site"
    if planning "$mid" report -w "$ws" --html "$work/site" --as-of 2025-09-10 >/dev/null 2>&1; then high=$mid; else low=$mid; fi
  done
  rm -rf "$work/site"
  echo "$high"
}

echo "jar: $jar; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for ws in plan cycles sources; do
  echo "$ws: smallest -Xmx that succeeds: $(smallest "$work/$ws") MiB"
done
