#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing.
# Idempotent; prints nothing much (and takes well under 2 s) when all is present.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"
# wasm_split_cli (the crate's binary) cuts the wasm at its split points (scripts/build-split.mjs);
# it must read what the wasm_split_helpers in Cargo.lock writes.
WASM_SPLIT_VERSION="0.2.2"
# Debian 12's binaryen package (the build runs wasm-opt on every module).
WASM_OPT_VERSION="108"
# firefox-esr, webkit2gtk-driver (WebKitWebDriver; its libwebkit2gtk-4.1-0
# brings MiniBrowser), xvfb and xauth (xvfb-run): the cross-browser smoke suite.
# zstd writes the main module's .zst (scripts/wasm-build.mjs).
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk binaryen zstd poppler-utils firefox-esr webkit2gtk-driver xvfb xauth)

say() { echo "ensure-tools: $*"; }
die() { echo "ensure-tools: ERROR: $*" >&2; exit 1; }

# --- versions pinned in the repo -------------------------------------------
[ -f Cargo.lock ] || die "Cargo.lock not found in $ROOT"
WBG_VERSION="$(awk '
  /^\[\[package\]\]/ { in_wbg = 0 }
  $0 == "name = \"wasm-bindgen\"" { in_wbg = 1; next }
  in_wbg && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$WBG_VERSION" ] || die "no wasm-bindgen package found in Cargo.lock"

[ -f Trunk.toml ] || die "Trunk.toml not found in $ROOT"
TRUNK_WBG="$(sed -n 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' Trunk.toml | head -n 1)"
if [ "$TRUNK_WBG" != "$WBG_VERSION" ]; then
  die "Trunk.toml [tools] wasm_bindgen = \"${TRUNK_WBG:-<missing>}\" but Cargo.lock has wasm-bindgen $WBG_VERSION; make them equal"
fi

# --- rust target -------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- cargo-installed tools ---------------------------------------------------
# cargo install --locked uses the tool's own Cargo.lock; if a crate pinned
# there is missing from the registry index, retry without --locked.
cargo_install() {
  local crate="$1" version="$2"
  if ! cargo install "$crate" --locked --version "$version"; then
    say "'cargo install $crate --locked' failed; retrying without --locked"
    cargo install "$crate" --version "$version"
  fi
}

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (cargo install, takes several minutes)"
  cargo_install trunk "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (cargo install, takes several minutes)"
  cargo_install wasm-bindgen-cli "$WBG_VERSION"
fi

# `wasm_split_cli` has no --version: cargo's list of installed crates says.
split_version() {
  cargo install --list 2>/dev/null | sed -n 's/^wasm_split_cli_support v\([^:]*\):$/\1/p'
}
if [ "$(split_version)" != "$WASM_SPLIT_VERSION" ] || ! command -v wasm_split_cli >/dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (wasm_split_cli; cargo install, takes a few minutes)"
  cargo install wasm_split_cli_support --locked --version "$WASM_SPLIT_VERSION" --features build-binary \
    || cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# --- apt packages ------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- the pinned build tools, as they answer -------------------------------
[ "$(trunk --version | awk '{print $2}')" = "$TRUNK_VERSION" ] || die "trunk is not $TRUNK_VERSION"
[ "$(wasm-bindgen --version | awk '{print $2}')" = "$WBG_VERSION" ] || die "wasm-bindgen is not $WBG_VERSION (Cargo.lock)"
[ "$(split_version)" = "$WASM_SPLIT_VERSION" ] || die "wasm_split_cli is not from wasm_split_cli_support $WASM_SPLIT_VERSION"
[ "$(wasm-opt --version | awk '{print $3}')" = "$WASM_OPT_VERSION" ] || die "wasm-opt is not version $WASM_OPT_VERSION: $(wasm-opt --version)"

# --- npm packages: the build's JS minifier and the browser tests ------------
# terser minifies the JS a release build ships (scripts/minify.mjs); zopfli
# writes its .gz files and fzstd is the page's zstd decoder (scripts/wasm-build.mjs).
# puppeteer-core drives Debian's Chromium and Firefox ESR; it never
# downloads a browser, and this says so to anything of it that might.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d node_modules/terser ] \
  || [ ! -d node_modules/@gfx/zopfli ] \
  || [ ! -d node_modules/fzstd ] \
  || [ ! -d node_modules/playwright-core ] \
  || [ ! -d node_modules/puppeteer-core ] \
  || [ ! -d node_modules/selenium-webdriver ] \
  || [ ! -f node_modules/.package-lock.json ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
