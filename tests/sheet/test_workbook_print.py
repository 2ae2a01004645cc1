"""The printed blank workbook (issue 14): each sheet prints on a few A4 landscape pages, its
header row repeated, instead of 30 portrait pages. Checked by LibreOffice's own PDF export."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from deedgen.cli.main import cli
from deedgen.sheet.layout import TABLES

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    work = tmp_path_factory.mktemp("print")
    path = work / "koalicja.xlsx"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    return path


def test_every_sheet_is_set_up_for_landscape_pages_with_titles(blank):
    workbook = openpyxl.load_workbook(blank)
    for ws in workbook.worksheets:
        if ws.sheet_state == "hidden":
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
    for table in TABLES:
        assert workbook[table.sheet].print_title_rows == "$1:$1"
    assert workbook["Strony"].print_title_cols == "$A:$A"  # a wide sheet repeats the id


def test_libreoffice_prints_each_sheet_on_a_few_pages(blank, tmp_path):
    if SOFFICE is None:
        pytest.fail("LibreOffice is needed for this test: apt-get install libreoffice-calc")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(blank),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "koalicja.pdf")
    pages = Counter()
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
        footer = re.search(r"(\w+) — strona \d+ z \d+", page.extract_text())
        pages[footer.group(1)] += 1
    assert set(pages) == {"Instrukcja", "Koalicja", *(t.sheet for t in TABLES)}
    # Strony has 29 columns since the party model (governing body, register, treasurer…): it
    # stays legible on six pages rather than shrinking to three; every other sheet fits on three
    assert pages.pop("Strony") <= 6
    assert max(pages.values()) <= 3
    assert sum(pages.values()) + 6 <= 20  # was 30 portrait pages
