#!/usr/bin/env bash
# Command one: install what is missing, build everything (the WASM modules and the order
# server), then run the order server: www/ plus the JSON API on 127.0.0.1 (docs/server.md).
#   bash scripts/start.sh [--port N] [--data DIR] [--catalog FILE]
# PORT or --port picks the port (default 8080; 0 = any free port); --data the directory of the
# SQLite file (default .data/ in the repo, git-ignored; it survives restarts).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
cargo build --locked --release -p xiaodian-server
exec "${CARGO_TARGET_DIR:-target}/release/xiaodian-server" "$@"
