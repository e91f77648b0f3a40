#!/usr/bin/env bash
# Installs what the build and tests need, skipping whatever is already right. Safe to re-run.
#   scripts/setup.sh            Rust wasm target, wasm-bindgen CLI, npm packages
#   scripts/setup.sh --browser  also Debian's chromium for the browser tests and the npm-package
#                               tests' bundlers (vite, esbuild, webpack, typescript)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[setup] $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly (the crate is pinned with "=").
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
want=${want:-$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)}
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes once"
  # Not --locked: a dependency locked by the CLI's own lockfile is missing from the registry.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Chromium plus a CJK font and emoji, so screenshots show the pages as shoppers see them.
browser_pkgs=(chromium fonts-wqy-microhei fonts-noto-color-emoji)
if [ "${1:-}" = "--browser" ]; then
  missing=()
  for p in "${browser_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The npm-package tests' bundlers and TypeScript (pinned in tests/package/apps.mjs), kept in
  # ~/.cache/xiaodian-package-tests/ (XD_PACKAGE_CACHE) across runs and clones.
  node tests/package/apps.mjs
fi
exit 0
