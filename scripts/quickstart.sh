#!/usr/bin/env bash
# Set up, then build the sample coalition end to end: validate the partner sheet, check the
# funding conditions, and write DOCX, PDF, the signable bundle and the manifest to out/lipowiec.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/deedgen validate samples/lipowiec.xlsx
.venv/bin/deedgen check samples/lipowiec.yaml
.venv/bin/deedgen build samples/lipowiec.yaml -o out/lipowiec
