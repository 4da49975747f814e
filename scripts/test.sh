#!/usr/bin/env bash
# Runs every check and test, stopping at the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOTAL_START=$SECONDS
CURRENT_STEP=""
STEP_START=$SECONDS
TIMINGS=()

finish_step() {
  if [ -n "$CURRENT_STEP" ]; then
    local took=$((SECONDS - STEP_START))
    TIMINGS+=("$(printf '%5ss  %s' "$took" "$CURRENT_STEP")")
    echo "--- ok: $CURRENT_STEP (${took}s)"
  fi
}

step() {
  finish_step
  CURRENT_STEP="$1"
  STEP_START=$SECONDS
  echo
  echo "=== [$(date +%H:%M:%S)] $CURRENT_STEP"
}

on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo
    echo "=== FAILED: $CURRENT_STEP (exit $rc, after $((SECONDS - STEP_START))s; total $((SECONDS - TOTAL_START))s)" >&2
  fi
}
trap on_exit EXIT

step "ensure tools (scripts/ensure-tools.sh)"
bash scripts/ensure-tools.sh
export PATH="$HOME/.cargo/bin:$PATH"

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings (native)"
cargo clippy --all-targets -- -D warnings

step "cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "cargo test (native)"
cargo test

step "trunk build --release --offline (into dist/)"
trunk build --release --offline

step "bundle size: node scripts/check-bundle.mjs"
node scripts/check-bundle.mjs

step "standalone file: node scripts/build-single.mjs (into dist-single/)"
node scripts/build-single.mjs

step "browser tests: node --test --test-concurrency=1 --test-timeout=120000 tests/"
node --test --test-concurrency=1 --test-timeout=120000 tests/

finish_step
CURRENT_STEP=""
echo
echo "=== all steps passed in $((SECONDS - TOTAL_START))s"
printf '%s\n' "${TIMINGS[@]}"
