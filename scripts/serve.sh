#!/usr/bin/env bash
# Builds the release board (and its standalone single-file copy) and serves the
# demo board at http://127.0.0.1:8080/. Stop with Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/ensure-tools.sh
export PATH="$HOME/.cargo/bin:$PATH"

trunk build --release --offline
node scripts/build-single.mjs

echo
echo "==> Linkage Board is served at: http://127.0.0.1:8080/"
echo "    (the single-file board is dist-single/linkage-board.html; press Ctrl-C to stop)"
echo
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
