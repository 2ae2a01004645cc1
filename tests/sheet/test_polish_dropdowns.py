"""The workbook speaks Polish (issue 14): its drop-downs offer Polish labels and goal titles, the
columns naming a party or an action offer the ids typed on that sheet, and the loader reads the
labels, the old codes and loosely typed spellings alike."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.sheet.validate import read_sheet

from .conftest import SAMPLES


def listed(workbook, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    ws = workbook[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row if c.value is not None]


def drop_downs(workbook, sheet: str) -> dict[str, str]:
    """Column letter → list formula of each drop-down on *sheet*."""
    out = {}
    for dv in workbook[sheet].data_validations.dataValidation:
        first = str(dv.sqref).split(":")[0]
        out[first.rstrip("0123456789")] = dv.formula1
    return out


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "koalicja.xlsx"
    result = CliRunner().invoke(cli, ["init", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_coded_columns_offer_polish_labels(blank):
    workbook = openpyxl.load_workbook(blank)
    assert "stowarzyszenie" in listed(workbook, drop_downs(workbook, "Strony")["B"])
    assert "szkoła" in listed(workbook, drop_downs(workbook, "Strony")["B"])
    assert listed(workbook, drop_downs(workbook, "Wkłady")["B"]) == [
        "ludzie",
        "przestrzeń",
        "finanse",
        "wiedza",
        "wkład rzeczowy",
    ]
    assert listed(workbook, drop_downs(workbook, "Zespół")["C"]) == ["koordynator", "członek"]
    assert "seminarium" in listed(workbook, drop_downs(workbook, "Promocja")["A"])
    assert listed(workbook, drop_downs(workbook, "Promocja")["C"]) == ["lokalny", "regionalny"]
    offered = [
        value
        for sheet in ("Strony", "Wkłady", "Zespół", "Działania", "Promocja")
        for column, formula in drop_downs(workbook, sheet).items()
        if formula.startswith("'Listy'")
        for value in listed(workbook, formula)
    ]
    assert not {"association", "seminar", "people", "member", "digital_exclusion"} & set(offered)
    assert workbook["Wkłady"]["B2"].value == "przestrzeń"  # the example row shows a label too


def test_goals_are_offered_by_title_and_ids_from_the_typed_rows(blank):
    workbook = openpyxl.load_workbook(blank)
    goals = listed(workbook, drop_downs(workbook, "Cele")["A"])
    assert "Czytelnictwo" in goals and "Włączenie cyfrowe" in goals
    assert not any(g.startswith("goal_menu.") for g in goals)
    for sheet, column in (("Przedstawiciele", "A"), ("Wkłady", "A"), ("Zespół", "B")):
        assert drop_downs(workbook, sheet)[column] == "'Strony'!$A$3:$A$1000"
    assert drop_downs(workbook, "Działania")["E"] == "'Strony'!$A$3:$A$1000"  # lead
    assert drop_downs(workbook, "Mikrosukcesy")["A"] == "'Działania'!$A$3:$A$1000"


def _edit(tmp_path, edits) -> str:
    path = tmp_path / "lipowiec.xlsx"
    shutil.copy(SAMPLES / "lipowiec.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        workbook[sheet][cell] = value
    workbook.save(path)
    return str(path)


def test_labels_codes_and_loose_spellings_load_as_codes(tmp_path):
    original = read_sheet(SAMPLES / "lipowiec.xlsx").data
    kinds = [p["kind"] for p in original["parties"]]
    typed = {"association": "STOWARZYSZENIE", "school": "Szkola", "gmina": "gmina"}
    edits = [
        ("Strony", f"B{row}", typed.get(kind, kind)) for row, kind in enumerate(kinds, start=3)
    ]
    sheet = read_sheet(_edit(tmp_path, edits))
    assert [p["kind"] for p in sheet.data["parties"]] == kinds


def test_a_goal_typed_by_its_title_loads_as_its_id(tmp_path):
    path = tmp_path / "nowy.xlsx"  # a workbook of this version: its Listy holds the titles
    result = CliRunner().invoke(cli, ["init", str(path), "--from", str(SAMPLES / "lipowiec.yaml")])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(path)
    assert workbook["Cele"]["A3"].value == "Biblioteka jako centrum życia społecznego"
    workbook["Cele"]["A4"] = "włączenie CYFROWE"
    workbook.save(path)
    chosen = read_sheet(path).data["goals"]["chosen"]
    assert chosen == ["goal_menu.community_centre", "goal_menu.digital_inclusion"]


def test_a_near_miss_asks_czy_chodzilo_o(tmp_path):
    path = _edit(tmp_path, [("Strony", "B5", "stowarzyszenia")])
    result = CliRunner().invoke(cli, ["validate", path])
    assert result.exit_code == 2
    assert "czy chodziło o: stowarzyszenie?" in result.output
    assert "„stowarzyszenia”" in result.output
    assert "ordinary_association" not in result.output


def test_the_start_of_one_label_asks_for_the_whole_label(tmp_path):
    # „koło gospodyń” is too short for the spelling match, but only one label starts so
    path = _edit(tmp_path, [("Strony", "B5", "Koło Gospodyń")])
    result = CliRunner().invoke(cli, ["validate", path])
    assert result.exit_code == 2
    assert "czy chodziło o: koło gospodyń wiejskich?" in result.output
    # a start two labels share (biblioteka gminna, biblioteka powiatowa) suggests neither
    many = _edit(tmp_path, [("Strony", "B5", "biblioteka")])
    line = next(
        x
        for x in CliRunner().invoke(cli, ["validate", many]).output.splitlines()
        if "Strony!B5" in x
    )
    assert "„biblioteka” nie ma na liście" in line and "czy chodziło o" not in line
