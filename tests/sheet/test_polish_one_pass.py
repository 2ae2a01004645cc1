"""One pass finds all (issue 14): ``deedgen validate`` reports in one run what ``check`` and
``build`` would refuse about the sheet, so fixing what it lists never reveals a new refusal."""

from __future__ import annotations

import shutil

import openpyxl
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES


def edited(tmp_path, edits) -> str:
    path = tmp_path / "lipowiec.xlsx"
    shutil.copy(SAMPLES / "lipowiec.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        workbook[sheet][cell] = value
    workbook.save(path)
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_validate_lists_what_check_would_refuse_with_the_sheet_errors(tmp_path):
    path = edited(
        tmp_path,
        [
            ("Cele", "A3", "Czytelnictwoo"),  # a goal the library does not have
            ("Strony", "N6", None),  # the school's power of attorney, number…
            ("Strony", "O6", None),  # …and date
            ("Strony", "F4", "2813"),  # and an ordinary field error
        ],
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert "BŁĘDY (3)" in result.output
    assert (
        "Cele!A3 — wiersz 3, kolumna „Cele z biblioteki klauzul”: nie ma celu „Czytelnictwoo”"
        in (result.output)
    )
    assert "czy chodziło o: Czytelnictwo?" in result.output
    assert "szkoła działa na podstawie pełnomocnictwa" in result.output
    assert "Strony!F4" in result.output


def test_once_validate_passes_check_and_build_do_not_refuse_the_sheet(tmp_path):
    path = tmp_path / "nowy.xlsx"
    assert run("init", str(path), "--from", str(SAMPLES / "lipowiec.yaml")).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    workbook["Cele"]["A3"] = "Czytelnictwo i książka"
    workbook.save(path)
    assert "czy chodziło o: Czytelnictwo?" in run("validate", str(path)).output
    assert run("check", str(path)).exit_code == 2  # check refuses the goal validate reported
    workbook["Cele"]["A3"] = "Czytelnictwo"
    workbook.save(path)
    assert run("validate", str(path)).exit_code == 0
    assert run("check", str(path)).exit_code == 0


def test_a_title_in_an_old_workbook_without_the_goals_list_suggests_the_id(tmp_path):
    path = edited(tmp_path, [("Cele", "A3", "Czytelnictwo")])
    import openpyxl

    old = openpyxl.load_workbook(path)  # a workbook made before the hidden lists sheet existed
    if "Listy" in old.sheetnames:
        del old["Listy"]
    old.save(path)
    result = run("validate", path)
    assert (
        "nie ma celu „Czytelnictwo” w bibliotece klauzul — czy chodziło o: goal_menu.reading?"
        in (result.output)
    )


def test_an_edition_without_funding_rules_is_reported(tmp_path):
    path = edited(tmp_path, [("Koalicja", "B4", "2031")])
    result = run("validate", path)
    assert result.exit_code == 2
    assert (
        "Koalicja!B4 — wiersz 4, pole „Edycja programu”: nie ma warunków finansowania edycji „2031”"
        in (result.output)
    )
