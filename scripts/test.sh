#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest against real Postgres, Redis and Celery workers
# (found locally or started; see tests/support/services.py), with branch coverage of the code
# run in the pytest process. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/browser.sh

.venv/bin/ruff check pipeline workers tests scripts alembic
.venv/bin/ruff format --check pipeline workers tests scripts alembic
.venv/bin/mypy
# Coverage data and pytest's cache go to a temporary folder, not into the checkout.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Two pytest processes, a test file each at a time: each has its own Postgres database, Redis
# database, queue and workers (tests/conftest.py), and most of a test's time is spent waiting on
# those services, so two share two cores well; more would mostly add worker processes' memory.
COVERAGE_FILE="$scratch/coverage" .venv/bin/python -m pytest -p no:cacheprovider \
    --numprocesses 2 --dist loadfile --cov --cov-report=term "$@"
