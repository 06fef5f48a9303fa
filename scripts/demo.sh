#!/usr/bin/env bash
# The main job on the embedded default: the bundled samples go through the watched inbox into an
# embedded Postgres, then the stored rows and the status page's address are printed; in a
# terminal the page is then served there until Ctrl-C. Installs what it needs on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

inbox="${WIRE_INBOX:-inbox}"
mkdir -p "$inbox"
find samples -maxdepth 1 -type f ! -name 'README.md' -exec cp {} "$inbox"/ \;
.venv/bin/wire run --exit-when-idle
port="${DEMO_PORT:-8000}"
echo
if [ -t 0 ] && [ -t 1 ]; then
    echo "Status page: http://127.0.0.1:$port/  (JSON under /api/, Prometheus at /metrics; Ctrl-C stops)"
    exec .venv/bin/wire serve --port "$port"
fi
echo "Status page: http://127.0.0.1:$port/ once served with: .venv/bin/wire serve --port $port"
