"""samples/ewaluacja evaluates as its README says, with and without the cohort workbook."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.helpers import SAMPLES

EXPECTED = {
    "2604052": ("on_time", False),
    "2601043": ("late", False),
    "2601153": ("invalid", False),
    "2601223": ("on_time", True),
    "2601092": ("on_time", False),
}


@pytest.mark.parametrize("cohort", [["--cohort", str(SAMPLES / "cohort" / "kohorta.xlsx")], []])
def test_sample_reports(tmp_path, cohort):
    reports = SAMPLES / "ewaluacja" / "raporty"
    args = [
        "evaluate",
        str(reports),
        *cohort,
        "--as-of",
        "2027-01-25",
        "-o",
        str(tmp_path),
        "--no-documents",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    rows = json.loads((tmp_path / "ewaluacja.json").read_text(encoding="utf-8"))["rows"]
    assert {r["terc"]: (r["status"], r["at_risk"]) for r in rows} == EXPECTED
