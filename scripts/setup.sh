#!/usr/bin/env bash
# Install everything deedgen needs on a Debian machine (run as root): system packages
# (LibreOffice for DOCX→PDF, fonts with Polish diacritics, PDF tools, Chromium for the
# cohort report test) and a virtual environment .venv with deedgen and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip       # Python ≥ 3.11 (Debian 12)
  libreoffice-writer-nogui               # DOCX → PDF, headless
  libreoffice-calc-nogui                 # tests: a workbook saved by LibreOffice Calc
  fonts-liberation2 fonts-dejavu-core    # the fonts the templates name (Polish diacritics)
  poppler-utils qpdf procps              # pdftotext, pdftoppm; qpdf --check; pgrep (tests)
  icc-profiles-free                      # sRGB output intent for PDF/A bundles
  chromium                               # tests: the cohort HTML report and deedgen studio in a real browser (Playwright drives it; never `playwright install`)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
