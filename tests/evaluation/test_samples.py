"""samples/ewaluacja evaluates as its README says: its folder of reports with and without the
cohort workbook, and its own cohort workbook naming the reports (column Raport)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.evaluation.checks import check_report
from deedgen.evaluation.planned import plan_of
from deedgen.evaluation.reader import read_report
from deedgen.evaluation.sources import named_sheets, report_files
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES

EXPECTED = {
    "2604052": ("on_time", False),
    "2601043": ("late", False),
    "2601153": ("invalid", False),
    "2601223": ("on_time", True),
    "2601092": ("on_time", False),
}


@pytest.mark.parametrize(
    ("source", "cohort"),
    [
        ("raporty", ["--cohort", str(SAMPLES / "cohort" / "kohorta.xlsx")]),
        ("raporty", []),
        ("kohorta.xlsx", []),
    ],
)
def test_sample_reports(tmp_path, source, cohort):
    reports = SAMPLES / "ewaluacja" / source
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


def test_no_sample_report_says_its_partner_sheet_changed():
    """Each sample report was prepared from the partner sheet as it is now (its recorded sha256 is
    the sheet's): after a sheet edit, make_samples.py must be run again, or this fails."""
    reports = report_files(SAMPLES / "ewaluacja" / "raporty")
    assert len(reports) == 12
    for path in reports:
        report = read_report(path)
        [sheet] = named_sheets([report])
        assert sheet.parent == (SAMPLES / "cohort" / "arkusze").resolve(), path.name
        check_report(report, plan_of(read_sheet(sheet)))
        assert report.info["sheet_sha256"], path.name
        assert "sheet_changed" not in {p.code for p in report.problems}, path.name
