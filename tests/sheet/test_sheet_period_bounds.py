"""The program period and every date or quarter are bounded where the sheet is read: a year
9999 or a period of eight thousand years is refused at its line, never an OverflowError in the
program-period rule or a 56-second build."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES, line_of


def sheet_with(tmp_path, old: str, new: str):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "okres.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("end", "message"),
    [
        ("9999-12-31", "rok spoza zakresu 1900–2100: „9999-12-31”"),
        ("2099-12-31", "okres programu trwa za długo (2026-04-01 – 2099-12-31); najwyżej 10 lat"),
        ("2036-04-30", "okres programu trwa za długo (2026-04-01 – 2036-04-30); najwyżej 10 lat"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "check", "build"])
def test_an_unbounded_period_is_refused_at_its_line(tmp_path, end, message, command):
    sheet = sheet_with(tmp_path, "period_end: 2027-12-31", f"period_end: {end}")
    out = tmp_path / "out"
    extra = ["-o", str(out), "--format", "docx"] if command == "build" else []

    result = CliRunner().invoke(cli, [command, str(sheet), *extra])

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = line_of(sheet, "period_end:")
    assert f"okres.yaml:{line} (coalition.period_end): {message}" in result.output
    assert not out.exists()


def test_ten_years_is_the_longest_period(tmp_path):
    sheet = sheet_with(tmp_path, "period_end: 2027-12-31", "period_end: 2036-03-31")
    result = CliRunner().invoke(cli, ["validate", str(sheet)])
    assert result.exit_code == 0, result.output


def test_a_quarter_in_year_9999_is_refused(tmp_path):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    quarter = next(w for w in text.split() if w.startswith("2026-Q"))
    sheet = sheet_with(tmp_path, quarter, "9999-Q1")

    result = CliRunner().invoke(cli, ["validate", str(sheet)])

    assert result.exit_code == 2, result.output
    assert "rok spoza zakresu 1900–2100: „9999-Q1”" in result.output
