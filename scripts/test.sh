#!/usr/bin/env bash
# Set up, then run the linters and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check deedgen tests bench
# one worker per core, each test file kept on one worker (its module fixtures built once)
.venv/bin/python -m pytest -q -n auto --dist loadfile "$@"
