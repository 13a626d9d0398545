#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Repère; skips what is already there at
# the right version. Safe to run again and again (CI runs it on every clean clone).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "adding rustup component $component"
    rustup component add "$component"
  fi
done

if ! (have trunk && trunk --version | grep -q " $TRUNK_VERSION\."); then
  log "installing trunk $TRUNK_VERSION (takes a few minutes)"
  cargo install trunk --version "~$TRUNK_VERSION" --locked
fi

if ! (have wasm-bindgen && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"); then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The splitter of the build's post-build hook (scripts/split.mjs); its format must match the
# wasm_split_helpers crate in Cargo.lock (0.2.x).
WASM_SPLIT_VERSION="0.2.4"
if ! (have wasm-split-cli && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"); then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (takes a few minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
fi

# The other engines of the candidate's journey (`make engines`): Firefox ESR, WebKitGTK's
# WebDriver with its MiniBrowser, and a virtual display for it.
missing_engines=()
[ -x /usr/bin/firefox-esr ] || missing_engines+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing_engines+=(webkit2gtk-driver)
have xvfb-run || missing_engines+=(xvfb)
if [ ${#missing_engines[@]} -gt 0 ]; then
  log "installing Debian's ${missing_engines[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing_engines[@]}"
fi

# npm packages (wasm-opt from `binaryen`, Playwright, axe-core, puppeteer-core and
# selenium-webdriver for the engines; no browser downloads): reinstall when the lock changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if dpkg -s binaryen >/dev/null 2>&1; then
  log "warning: Debian's binaryen is installed; the build uses node_modules/.bin/wasm-opt first on PATH"
fi
log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WASM_BINDGEN_VERSION, wasm-split-cli $WASM_SPLIT_VERSION, $(wasm-opt --version)"
