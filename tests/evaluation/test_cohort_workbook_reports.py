"""``deedgen evaluate KOHORTA.xlsx``: the cohort workbook as REPORTS, its column Raport naming
each coalition's filled reports (relative to the workbook, inside its folder).

The workbook is written with openpyxl as a BW would keep it; the reports are made with
``report init`` and filled by the librarian of tests/evaluation/librarian.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.cohort import read_cohort, write_workbook
from tests.evaluation.conftest import AS_OF, COHORT, SHEETS, blank
from tests.evaluation.librarian import fill_quarter, fill_year


def cohort_workbook(path: Path, rows: list[tuple]) -> Path:
    """A cohort workbook: the sheet Koalicje with the columns Arkusz, Mentor, Uwagi, Raport."""
    book = openpyxl.Workbook()
    settings = book.active
    settings.title = "Kohorta"
    settings.append(["Edycja programu", "2026"])
    listing = book.create_sheet("Koalicje")
    listing.append(["Arkusz", "Mentor", "Uwagi", "Raport"])
    for sheet, report in rows:
        listing.append([f"arkusze/{sheet}.yaml", "Magdalena Lis", None, report])
    book.save(path)
    return path


def evaluate(source: Path, out: Path, *extra: str):
    args = ["evaluate", str(source), "--as-of", AS_OF.isoformat(), "-o", str(out), *extra]
    result = CliRunner().invoke(cli, [*args, "--no-documents"])
    assert (out / "ewaluacja.json").is_file(), result.output + repr(result.exception)
    data = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))
    return result, data, {row["terc"]: row for row in data["rows"]}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """The BW's folder: arkusze/ (the sample cohort's sheets) and raporty/, filled reports."""
    root = tmp_path_factory.mktemp("kohorta-raporty")
    shutil.copytree(COHORT, root / "arkusze")
    reports = root / "raporty"
    reports.mkdir()
    for period in ("2026-Q2", "2026-Q3", "2026-Q4"):
        path = blank(root / "arkusze", "lipowiec", period, reports)
        fill_quarter(path, path)
    annual = blank(root / "arkusze", "lipowiec", "2026", reports)
    fill_year(annual, annual)
    swierknik = blank(root / "arkusze", "swierknik-wielka", "2026-Q4", reports)
    fill_quarter(swierknik, swierknik)
    return root


@pytest.fixture(scope="module")
def evaluated(root) -> dict:
    """Lipowiec with its four reports in one cell (";" and a line break), Świerknik with one,
    Grabowa Wola with none, Klonowa Wola naming a file that is not there, Jaworówka ".." out."""
    (root.parent / "poza.xlsx").write_bytes((root / "raporty/lipowiec-2026-Q4.xlsx").read_bytes())
    lipowiec = (
        "raporty/lipowiec-2026-Q2.xlsx; raporty/lipowiec-2026-Q3.xlsx\n"
        "raporty\\lipowiec-2026-Q4.xlsx;raporty/lipowiec-2026.xlsx"
    )
    workbook = cohort_workbook(root / "kohorta.xlsx", [
        ("lipowiec", lipowiec),
        ("swierknik-wielka", "raporty/swierknik-wielka-2026-Q4.xlsx"),
        ("grabowa-wola-mala", None),
        ("klonowa-wola", "raporty/klonowa-wola-2026-Q4.xlsx"),
        ("jaworowka-nowa", "../poza.xlsx"),
    ])  # fmt: skip
    result, data, rows = evaluate(workbook, root / "wyniki")
    return {"workbook": workbook, "result": result, "data": data, "rows": rows}


def test_every_row_of_the_workbook_is_a_coalition(evaluated):
    assert sorted(evaluated["rows"]) == sorted(SHEETS.values())
    assert evaluated["data"]["unmatched"] == []
    assert evaluated["data"]["cohort"] == str(evaluated["workbook"])
    assert evaluated["result"].exit_code == 2, evaluated["result"].output


def test_the_reports_a_row_names_are_read(evaluated):
    lipowiec = evaluated["rows"]["2604052"]
    assert (lipowiec["status"], lipowiec["at_risk"]) == ("on_time", False)
    assert [q["status"] for q in lipowiec["quarters"]] == ["submitted"] * 3
    assert lipowiec["annual"]["2026"]["status"] == "submitted"
    swierknik = evaluated["rows"]["2601092"]
    assert swierknik["status"] == "on_time"
    assert [(q["quarter"], q["status"]) for q in swierknik["quarters"]] == [
        ("2026-Q4", "submitted")
    ]


def test_a_row_without_a_report_is_late(evaluated):
    grabowa = evaluated["rows"]["2601043"]
    assert grabowa["status"] == "late" and grabowa["status_label"] == "spóźniona"
    assert grabowa["missing"] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    assert {q["status_label"] for q in grabowa["quarters"]} == {"brak raportu"}


def test_a_missing_report_file_is_an_error_at_its_cell(evaluated):
    klonowa = evaluated["rows"]["2601223"]
    assert klonowa["status"] == "invalid"
    assert klonowa["problems"][0].startswith(
        "✗ kohorta.xlsx: Koalicje!D5: nie ma pliku raportu: raporty/klonowa-wola-2026-Q4.xlsx"
    )
    assert klonowa["missing"] == ["2026-Q3", "2026-Q4"]  # and its reports count as not there


def test_a_report_out_of_the_workbooks_folder_is_refused(evaluated):
    jaworowka = evaluated["rows"]["2601153"]
    assert jaworowka["status"] == "invalid"
    assert jaworowka["problems"][0] == (
        f"✗ kohorta.xlsx: Koalicje!D6: raport „../poza.xlsx” leży poza folderem skoroszytu "
        f"kohorty ({evaluated['workbook'].parent}) — raporty muszą być w tym folderze lub jego "
        "podfolderach"
    )
    assert jaworowka["reports"] == []  # never read, though the file exists


def test_the_console_names_the_cell_in_polish_and_english(evaluated, root):
    assert "Koalicje!D6: raport „../poza.xlsx” leży poza folderem" in evaluated["result"].output
    result, _data, _rows = evaluate(evaluated["workbook"], root / "wyniki-en", "--lang", "en")
    assert "Koalicje!D5: report file not found: raporty/klonowa-wola-2026-Q4.xlsx" in (
        result.output
    )


def test_absolute_paths_links_out_and_other_files_are_refused(root, tmp_path):
    inside = root / "raporty"
    (inside / "notatka.txt").write_text("nie raport", encoding="utf-8")
    (inside / "lipowiec-link.xlsx").symlink_to(root.parent / "poza.xlsx")
    outside = root.parent / "poza.xlsx"
    outside.write_bytes((inside / "lipowiec-2026-Q4.xlsx").read_bytes())
    try:
        workbook = cohort_workbook(root / "kohorta-zla.xlsx", [
            ("lipowiec", str(inside / "lipowiec-2026-Q4.xlsx")),
            ("swierknik-wielka", "raporty/lipowiec-link.xlsx"),
            ("grabowa-wola-mala", "raporty/notatka.txt; raporty"),
            ("klonowa-wola", "raporty/../../poza.xlsx"),
        ])  # fmt: skip
        entries = {e.label: e for e in read_cohort(workbook).entries}
    finally:
        (inside / "lipowiec-link.xlsx").unlink()
    said = {
        label: [(p.location.cell, p.message("pl")) for p in entry.report_problems]
        for label, entry in entries.items()
    }
    assert said["arkusze/lipowiec.yaml"] == [
        ("D2", f"ścieżka raportu „{inside / 'lipowiec-2026-Q4.xlsx'}” jest bezwzględna — podaj "
         f"ją względem folderu skoroszytu kohorty ({root})")
    ]  # fmt: skip
    assert said["arkusze/swierknik-wielka.yaml"][0][1].startswith(
        "raport „raporty/lipowiec-link.xlsx” leży poza folderem skoroszytu kohorty"
    )
    assert said["arkusze/grabowa-wola-mala.yaml"] == [
        ("D4", "to nie jest plik raportu (.xlsx, .pdf): raporty/notatka.txt"),
        ("D4", "to nie jest plik raportu (.xlsx, .pdf): raporty"),
    ]
    assert said["arkusze/klonowa-wola.yaml"][0][0] == "D5"
    assert "leży poza folderem" in said["arkusze/klonowa-wola.yaml"][0][1]
    assert all(entry.reports == () for entry in entries.values())


def test_a_report_without_a_sheet_fails_the_workbook(root, tmp_path):
    workbook = cohort_workbook(tmp_path / "kohorta.xlsx", [("lipowiec", None)])
    book = openpyxl.load_workbook(workbook)
    book["Koalicje"].append([None, None, None, "raporty/lipowiec-2026-Q4.xlsx"])
    book.save(workbook)
    result = CliRunner().invoke(cli, ["evaluate", str(workbook), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Koalicje!D3: raport bez arkusza partnerów" in result.output
    assert "Traceback" not in result.output


def test_write_workbook_writes_the_report_column(root, tmp_path):
    path = write_workbook(
        root / "kohorta-zapisana.xlsx",
        [
            {"sheet": "arkusze/lipowiec.yaml", "report": ["raporty/lipowiec-2026-Q4.xlsx"]},
            {"sheet": "arkusze/grabowa-wola-mala.yaml"},
        ],
    )
    header = next(openpyxl.load_workbook(path)["Koalicje"].iter_rows(values_only=True))
    assert header == ("Arkusz", "Mentor", "E-mail mentora", "Uwagi", "Raport")
    entries = read_cohort(path).entries
    assert entries[0].reports == ((root / "raporty/lipowiec-2026-Q4.xlsx").resolve(),)
    assert entries[1].reports == () and entries[1].report_problems == ()


def test_a_file_that_is_not_a_cohort_workbook_is_refused(root, tmp_path):
    def run(source: Path, *extra: str):
        args = ["evaluate", str(source), "-o", str(tmp_path / "out"), *extra]
        return CliRunner().invoke(cli, args)

    sheet = run(root / "arkusze" / "lipowiec.yaml")
    assert sheet.exit_code == 2
    assert "podaj folder z raportami albo skoroszyt kohorty (.xlsx)" in sheet.output
    report = run(root / "raporty" / "lipowiec-2026.xlsx")
    assert report.exit_code == 2 and "brak arkusza „Koalicje”" in report.output
    workbook = cohort_workbook(tmp_path / "kohorta.xlsx", [("lipowiec", None)])
    both = run(workbook, "--cohort", str(root / "arkusze"))
    assert both.exit_code == 2 and "pomiń --cohort albo podaj folder z raportami" in both.output
    assert not (tmp_path / "out").exists()


def test_a_report_of_another_gmina_and_a_missing_sheet_fail_their_rows(root, tmp_path):
    """The row's report belongs to the row's coalition: Świerknik's report in Grabowa Wola's
    row is refused at its TERC cell (not counted for Świerknik); a row naming no sheet file is a
    coalition with invalid data, at its cell."""
    workbook = cohort_workbook(root / "kohorta-inna.xlsx", [
        ("grabowa-wola-mala", "raporty/swierknik-wielka-2026-Q4.xlsx"),
        ("swierknik-wielka", None),
        ("nie-ma-takiej", "raporty/lipowiec-2026-Q4.xlsx"),
    ])  # fmt: skip
    result, data, rows = evaluate(workbook, tmp_path / "wyniki")
    grabowa = rows["2601043"]
    assert grabowa["status"] == "invalid" and grabowa["invalid"] == ["2026-Q4"]
    assert any(
        "swierknik-wielka-2026-Q4.xlsx: Raport!" in p and "2601092" in p
        for p in grabowa["problems"]
    ), grabowa["problems"]
    assert rows["2601092"]["status"] == "late" and rows["2601092"]["missing"] == ["2026-Q4"]
    missing = rows[""]
    assert missing["status"] == "invalid" and missing["sheet"] == "arkusze/nie-ma-takiej.yaml"
    assert missing["problems"][0].startswith(
        "✗ kohorta-inna.xlsx: Koalicje!A4: nie ma arkusza partnerów: arkusze/nie-ma-takiej.yaml"
    )
    assert data["unmatched"] == [] and result.exit_code == 2
