#!/usr/bin/env bash
# Builds the app in release mode and serves the demo board at http://127.0.0.1:8080/
# (rebuilding on changes). Extra arguments are passed to `trunk serve`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/ensure-tools.sh
export PATH="$HOME/.cargo/bin:$PATH"

echo
echo "==> Linkage Board will be served at: http://127.0.0.1:8080/"
echo "    (first build takes a while; press Ctrl-C to stop)"
echo
exec trunk serve --release --offline "$@"
