#!/usr/bin/env bash
# Runs the browser suite several times in a row (default 3) while one busy
# loop per core (`yes > /dev/null`, normal priority) keeps every core at
# 100%, and stops at the first failed run. It checks that no test depends on
# how fast the machine is. Needs a build in dist/ and dist-single/ (what
# scripts/test.sh builds before its browser step).
#
#   scripts/suite-under-load.sh [runs]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

runs="${1:-3}"
cores="$(nproc)"
logs="$(mktemp -d)"
load=()
stop_load() {
  [ "${#load[@]}" -gt 0 ] && kill "${load[@]}" 2>/dev/null || true
}
trap stop_load EXIT

for _ in $(seq "$cores"); do
  yes > /dev/null &
  load+=("$!")
done
echo "busy loops on $cores core(s): ${load[*]}; logs in $logs"

for run in $(seq "$runs"); do
  start=$SECONDS
  log="$logs/run-$run.log"
  if node --test --test-concurrency=1 --test-timeout=120000 tests/ > "$log" 2>&1; then
    verdict=passed
  else
    verdict=FAILED
  fi
  summary="$(grep -E '^# (tests|pass|fail|skipped) ' "$log" | tr '\n' ' ')"
  echo "run $run: $verdict in $((SECONDS - start))s; $summary; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$verdict" = FAILED ]; then
    grep -E '^not ok|^# Subtest' "$log" | grep -B1 '^not ok' | head -40 || true
    exit 1
  fi
done
echo "all $runs runs passed under load"
