#!/usr/bin/env bash
# A/A and injected-slowdown runs for calibrating `compare`'s paired rule (issue #11).
# Usage: reports/bench/regression-calibration/run.sh [OUT_DIR]
#   PAIRS=12 (last pair index), START=1 (first pair index), PARAM='engine=vector,scalar;scheme=normal'
#   (a --param for bench; empty: PairedBench's four keys)
# For i = 1..PAIRS, three `bench --include PairedBench --forks 1` runs, in this order:
#   aa-i-a   (same commit)          aa-i-b (same commit)   -> an A/A pair: compare must flag nothing
#   inj-i    (INITLAB_BENCH_INJECT=vector=0.2: the vector engine's fills do 20% more work)
#            compared with aa-i-a   -> compare must flag the vector rows (and only them)
# A background sampler writes /proc/loadavg and the cpu line of /proc/stat every 5 s to load.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
out="${1:-$root/reports/bench/regression-calibration}"
pairs="${PAIRS:-12}"
start="${START:-1}"
param="${PARAM:-}"
mkdir -p "$out/runs"
sample() {
  while true; do
    echo "$(date -u +%s) $(cut -d' ' -f1-3 /proc/loadavg) $(head -n1 /proc/stat)"
    sleep 5
  done
}
sample >> "$out/load.log" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT
run() {
  local name="$1"; shift
  [ -f "$out/runs/$name/jmh-quick.json" ] && return 0   # resumable: a finished run is kept
  echo "$(date -u +%FT%TZ) start $name" >> "$out/progress.log"
  env "$@" nice -n 10 "$root/initlab" bench --include PairedBench --forks 1 ${param:+--param "$param"} --out "$out/runs/$name" \
    > "$out/runs/$name.log" 2>&1 || echo "$(date -u +%FT%TZ) FAILED $name" >> "$out/progress.log"
}
for i in $(seq -f %02g "$start" "$pairs"); do
  run "aa-$i-a"
  run "inj-$i" INITLAB_BENCH_INJECT=vector=0.2
  run "aa-$i-b"
done
echo "$(date -u +%FT%TZ) done" >> "$out/progress.log"
