#!/usr/bin/env bash
# Set up, then run the linters and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check deedgen tests bench
.venv/bin/python -m pytest -q "$@"
