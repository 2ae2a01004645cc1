"""Workbooks saved by LibreOffice Calc (not only by openpyxl) load, validate, and point at the
same cells. One headless conversion for the module: two samples in one soffice run."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet

from .conftest import SAMPLES

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory):
    """brzeziny-nowe.xlsx and bledy.xlsx, opened and saved again as XLSX by LibreOffice."""
    if SOFFICE is None:
        pytest.fail("LibreOffice is needed for this test: apt-get install libreoffice-calc")
    work = tmp_path_factory.mktemp("libreoffice")
    inputs = work / "in"
    inputs.mkdir()
    for name in ("brzeziny-nowe", "bledy"):
        shutil.copy(SAMPLES / f"{name}.xlsx", inputs / f"{name}.xlsx")
    out = work / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc Office Open XML",
            "--outdir",
            str(out),
            str(inputs / "brzeziny-nowe.xlsx"),
            str(inputs / "bledy.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = {name: out / f"{name}.xlsx" for name in ("brzeziny-nowe", "bledy")}
    for name, path in converted.items():
        assert path.read_bytes() != (SAMPLES / f"{name}.xlsx").read_bytes()
    return converted


def test_valid_sheet_saved_by_libreoffice(saved_by_libreoffice):
    sheet = read_sheet(saved_by_libreoffice["brzeziny-nowe"])
    assert sheet.data == read_sheet(SAMPLES / "brzeziny-nowe.yaml").data
    assert sheet.warnings == []


def test_errors_in_a_sheet_saved_by_libreoffice_keep_their_cells(saved_by_libreoffice):
    def located(path):
        with pytest.raises(SheetInvalid) as info:
            read_sheet(path)
        return sorted(
            (p.path, p.code, p.location.sheet, p.location.cell) for p in info.value.problems
        )

    assert located(saved_by_libreoffice["bledy"]) == located(SAMPLES / "bledy.xlsx")
