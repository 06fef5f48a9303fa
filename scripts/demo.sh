#!/usr/bin/env bash
# The main job on the embedded default: the bundled samples go through the watched inbox into an
# embedded Postgres, then the stored rows are printed. Installs what it needs on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

inbox="${WIRE_INBOX:-inbox}"
mkdir -p "$inbox"
find samples -maxdepth 1 -type f ! -name 'README.md' -exec cp {} "$inbox"/ \;
exec .venv/bin/wire run --exit-when-idle
