"""A marked copy (issue 14): ``deedgen validate --oznacz`` / ``--mark`` writes a copy of the
workbook with each problem cell highlighted and its message as the cell's comment; the original
is never changed."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES


@pytest.mark.parametrize("flag", ["--oznacz", "--mark"])
def test_marked_copy_highlights_each_problem_and_leaves_the_original(tmp_path, flag):
    original = tmp_path / "bledy.xlsx"
    shutil.copy(SAMPLES / "bledy.xlsx", original)
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    result = CliRunner().invoke(cli, ["validate", str(original), flag])
    assert result.exit_code == 2
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    copy = tmp_path / "bledy.oznaczony.xlsx"
    assert f"Zapisano oznaczoną kopię: {copy}" in result.output
    workbook = openpyxl.load_workbook(copy)
    nip = workbook["Strony"]["H3"]
    assert nip.fill.fgColor.rgb.endswith("F8CBAD")
    assert nip.comment.text.startswith("✗ NIP 8190937866 ma błędną cyfrę kontrolną")
    krs = workbook["Strony"]["J5"]  # an error and a warning on one cell: both, the error first
    assert krs.comment.text.splitlines()[:2] == [
        "✗ numer KRS to 10 cyfr, jest „61234X”",
        "! strona rodzaju „stowarzyszenie” powinna mieć numer KRS",
    ]
    iod = workbook["Strony"]["Q3"]  # a warning only: yellow
    assert iod.fill.fgColor.rgb.endswith("FFE699")
    marked = {
        f"{ws.title}!{c.coordinate}"
        for ws in workbook.worksheets
        for row in ws.iter_rows(min_row=2)
        for c in row
        if c.comment is not None and c.comment.author == "deedgen" and c.comment.text[:1] in "✗!"
    }
    listed = {
        line.split("xlsx: ")[1].split(" ")[0]
        for line in result.output.splitlines()
        if line.strip()[:1] in "✗!"
    }
    assert marked == listed
    again = CliRunner().invoke(cli, ["validate", str(copy)])  # the copy is still a partner sheet
    assert "BŁĘDY (19)" in again.output


def test_a_yaml_sheet_has_no_marked_copy(tmp_path):
    source = tmp_path / "bledy.yaml"
    shutil.copy(SAMPLES / "bledy.yaml", source)
    result = CliRunner().invoke(cli, ["validate", str(source), "--oznacz"])
    assert result.exit_code == 2
    assert "oznaczona kopia powstaje tylko ze skoroszytu XLSX" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bledy.yaml"]


def test_the_report_goes_to_stdout_and_the_note_to_stderr(tmp_path):
    original = tmp_path / "bledy.xlsx"
    shutil.copy(SAMPLES / "bledy.xlsx", original)
    result = CliRunner().invoke(cli, ["validate", str(original), "--oznacz"])
    assert "BŁĘDY (19)" in result.stdout and "Strony!H3 — wiersz 3" in result.stdout
    assert "Zapisano oznaczoną kopię" in result.stderr
    assert "Zapisano" not in result.stdout
