#!/usr/bin/env bash
# Command one: install what is missing, build everything, serve www/ on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
