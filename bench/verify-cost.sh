#!/usr/bin/env bash
# What recomputing the sealed verdicts costs `planning verify`: seals and signs a fresh copy of the
# frontend example (keys outside it), then times `verify` (recomputes schema_lint,
# cross_stream_consistency, parity_coverage and governance) against `verify --checksums-only`
# (no gate runs), each a cold CLI run, N times (default 5), and prints the median wall times.
#
#   bench/verify-cost.sh [N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
planning="$root/bin/planning"

cp -r "$root/planning-examples/workspaces/fe-2025-09-02" "$tmp/ws"
git -C "$tmp/ws" init -q -b main
git -C "$tmp/ws" add -A
git -C "$tmp/ws" -c user.name=bench -c user.email=bench@example.org commit -q -m plan
for role in PM TechLead QA; do
  "$planning" keys generate --role "$role" --out "$tmp/keys" >/dev/null
done
cycle=(-w "$tmp/ws" --stream fe --cycle 2025-09-02)
"$planning" advance "${cycle[@]}" --to READY_FOR_HANDOFF >/dev/null
"$planning" seal "${cycle[@]}" >/dev/null
for role in PM TechLead QA; do
  "$planning" sign "$tmp/ws/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml" \
    --role "$role" --key "$tmp/keys/$role.key.pem" --trust "$tmp/keys/trust.yaml" >/dev/null
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N)
  "$planning" verify "${cycle[@]}" --trust "$tmp/keys/trust.yaml" "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
"$planning" verify "${cycle[@]}" --trust "$tmp/keys/trust.yaml" | tail -2
full=$(for _ in $(seq "$runs"); do time_ms; done | median)
sums=$(for _ in $(seq "$runs"); do time_ms --checksums-only; done | median)
echo "load:                         $(cut -d' ' -f1-3 /proc/loadavg)"
echo "verify (recomputes verdicts): ${full} ms median of ${runs} cold runs"
echo "verify --checksums-only:      ${sums} ms median of ${runs} cold runs"
echo "cost of recomputation:        $((full - sums)) ms"
