"""The XLSX loader: a workbook filled as people fill it loads into the YAML loader's structure,
and every mistake points at its sheet and cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.load import load_sheet
from deedgen.sheet.validate import read_sheet, validate_sheet

from .conftest import SAMPLES, VALID_SAMPLES


def problems_of(path):
    with pytest.raises(SheetInvalid) as info:
        read_sheet(path)
    return info.value.problems


def where(problem) -> str:
    return f"{problem.location.sheet}!{problem.location.cell}"


def test_filled_workbook_loads_like_yaml(filled_xlsx):
    sheet = read_sheet(filled_xlsx.save())
    data = sheet.data
    assert data["coalition"]["name"] == "Koalicja „Próbna”"
    assert data["coalition"]["edition"] == "2026"
    assert data["coalition"]["declaration_date"] == dt.date(2026, 4, 15)
    assert data["coalition"]["period_end"] == dt.date(2027, 12, 31)
    assert data["coalition"]["continuity"] is True
    assert data["coalition"]["term_years"] == 3
    assert data["gmina"]["terc"] == "0613082"
    assert data["evaluation"]["recipients"] == [
        "Wójt Gminy Modrzewie",
        "Rada Gminy Modrzewie, Komisja Oświaty",
    ]
    gbp, gmina, srw = data["parties"]
    assert gbp["id"] == "gbp" and gbp["nip"] == "6332873448"
    assert gbp["address"] == {
        "street": "ul. Główna 1",
        "postal_code": "22-417",
        "city": "Modrzewie",
    }
    assert gmina["nip"] == "7235002146"
    assert srw["krs"] == "0000398127"
    assert [r["name"] for r in srw["representatives"]] == ["Iwona Bąk", "Jerzy Wilk"]
    assert gbp["power_of_attorney"] is None  # both columns empty: no power of attorney
    assert data["goals"] == {
        "chosen": ["goal_menu.reading"],
        "own": ["więcej czytelników, także dorosłych"],
    }
    action = data["actions"][0]
    assert action["partners"] == ["gbp", "gmina"]
    assert action["end_quarter"] == "2026-Q4"
    assert action["budget"] == Decimal("1500.50")
    assert action["micro_successes"] == [{"quarter": "2026-Q3", "description": "20 osób"}]
    assert data["treasurer"] is None and data["mentor"] is None  # empty sections are absent


def test_example_rows_and_empty_rows_are_skipped(filled_xlsx):
    ws = filled_xlsx.workbook["Zespół"]
    assert ws["A2"].value == "PRZYKŁAD"
    ws["A40"] = "   "  # a cell with spaces only, far below: an empty row
    ws["B300"] = ""
    raw = load_sheet(filled_xlsx.save())
    assert raw.data["team"] == []
    assert len(raw.data["parties"]) == 3


def test_every_value_has_its_cell(filled_xlsx):
    raw = load_sheet(filled_xlsx.save())
    loc = raw.locations
    assert (loc[("parties", 0, "nip")].sheet, loc[("parties", 0, "nip")].cell) == ("Strony", "H3")
    assert loc[("parties", 2, "address", "city")].cell == "G5"
    assert loc[("parties", 2, "representatives", 1, "name")].sheet == "Przedstawiciele"
    assert loc[("parties", 2, "representatives", 1, "name")].cell == "B6"
    assert loc[("actions", 0, "partners", 1)].cell == "F3"
    assert loc[("actions", 0, "micro_successes", 0, "quarter")].cell == "B3"
    assert loc[("coalition", "place")].cell == "B5"
    assert loc[("parties", 1)].cell == "A4"  # the row, for values that are missing


def test_missing_value_points_at_its_empty_cell(filled_xlsx):
    filled_xlsx.row("Strony", {"Id": "kpb", "Rodzaj": "ordinary_association", "Ulica i numer": "ul. Polna 1",
                               "Kod pocztowy": "22-417", "Miejscowość": "Modrzewie"})  # fmt: skip
    filled_xlsx.row(
        "Przedstawiciele",
        {"Strona (id)": "kpb", "Imię i nazwisko": "Jan Nowak", "Funkcja": "Przedstawiciel"},
    )
    problems = problems_of(filled_xlsx.save())
    assert [(p.path, p.code, where(p)) for p in problems if p.severity == "error"] == [
        ("parties[3].name", "required", "Strony!C6")
    ]


def test_field_errors_carry_sheet_and_cell(filled_xlsx):
    filled_xlsx.row("Strony", {"NIP": "633-287-34-49"}, row=3)
    filled_xlsx.row("Przedstawiciele", {"Funkcja": "Dyrektor, PESEL 87031209471"}, row=3)
    filled_xlsx.value("Rodzaj gminy", "gminna")
    problems = problems_of(filled_xlsx.save())
    described = [p.describe() for p in problems if p.severity == "error"]
    assert described == [
        "arkusz.xlsx: Koalicja!B19 — wiersz 19, pole „Rodzaj gminy”: „gminna” nie ma na liście; "
        "wybierz jedną z wartości: miejska, wiejska, miejsko-wiejska",
        "arkusz.xlsx: Strony!H3 — wiersz 3, kolumna „NIP”: NIP 6332873449 ma błędną cyfrę kontrolną",
        "arkusz.xlsx: Przedstawiciele!C3 — wiersz 3, kolumna „Funkcja”: pole „Funkcja” zawiera numer "
        "PESEL — deedgen nie przetwarza takich danych osób fizycznych (minimalizacja danych, RODO); "
        "usuń je",
    ]


def test_unknown_header_and_unknown_label(filled_xlsx):
    filled_xlsx.workbook["Strony"]["Z1"] = "Telefon"
    filled_xlsx.workbook["Koalicja"]["A40"] = "Liczba mieszkańców"
    filled_xlsx.workbook["Koalicja"]["B40"] = 4200
    # an extra column or row is a warning, not an error (issue 14)
    problems = [p for p in read_sheet(filled_xlsx.save()).warnings if p.code == "bad_header"]
    assert [(p.code, where(p), p.params["found"]) for p in problems] == [
        ("bad_header", "Koalicja!A40", "Liczba mieszkańców"),
        ("bad_header", "Strony!Z1", "Telefon"),
    ]
    assert "Ulica i numer" in problems[1].params["expected"]


def test_duplicate_column(filled_xlsx):
    filled_xlsx.workbook["Strony"]["Z1"] = "NIP"
    problems = problems_of(filled_xlsx.save())
    assert [(p.code, where(p), p.params["first"]) for p in problems] == [
        ("duplicate_column", "Strony!Z1", "H1")
    ]


def test_child_rows_naming_unknown_parents(filled_xlsx):
    filled_xlsx.row(
        "Przedstawiciele",
        {"Strona (id)": "kgw", "Imię i nazwisko": "Zofia Kubiak", "Funkcja": "Przewodnicząca"},
    )
    filled_xlsx.row("Przedstawiciele", {"Imię i nazwisko": "Bez Strony", "Funkcja": "Członek"})
    filled_xlsx.row(
        "Mikrosukcesy", {"Działanie (id)": "d9", "Kwartał": "2026-Q3", "Mikrosukces": "nic"}
    )
    problems = problems_of(filled_xlsx.save())
    assert [(p.code, where(p), p.path) for p in problems] == [
        ("unknown_party", "Przedstawiciele!A7", "representatives[4].party"),
        ("required", "Przedstawiciele!A8", "representatives[5].party"),
        ("unknown_action", "Mikrosukcesy!A4", "micro_successes[1].action"),
    ]
    assert problems[0].params == {"found": "kgw", "expected": "gbp, gmina, srw"}


def test_missing_sheet_is_one_clear_problem(filled_xlsx):
    del filled_xlsx.workbook["Strony"]
    problems = problems_of(filled_xlsx.save())
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.code, p.path) for p in errors] == [("missing_sheet", "parties")]
    assert errors[0].message() == "brak arkusza „Strony” w skoroszycie"
    assert errors[0].message("en") == "the workbook has no sheet 'Strony'"


def test_unknown_sheet_is_a_warning_and_sheet_names_are_forgiving(filled_xlsx):
    filled_xlsx.workbook.create_sheet("Notatki")
    filled_xlsx.workbook["Zespół"].title = "zespół "
    sheet = read_sheet(filled_xlsx.save())
    assert [(p.code, p.severity, p.params["found"]) for p in sheet.warnings] == [
        ("unknown_sheet", "warning", "Notatki")
    ]


def test_a_workbook_that_is_not_a_partner_sheet(tmp_path):
    path = tmp_path / "budzet.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Budżet 2026"
    workbook.save(path)
    from deedgen.exceptions import InputError

    with pytest.raises(InputError, match="to nie jest arkusz partnerów deedgen.*są: Budżet 2026"):
        load_sheet(path)


@pytest.mark.parametrize("name", VALID_SAMPLES)
def test_committed_xlsx_samples_match_their_yaml(name):
    assert read_sheet(SAMPLES / f"{name}.xlsx").data == read_sheet(SAMPLES / f"{name}.yaml").data


def test_validate_sheet_accepts_raw_problems_only_once(filled_xlsx):
    del filled_xlsx.workbook["Koalicja"]
    raw = load_sheet(filled_xlsx.save())
    with pytest.raises(SheetInvalid) as info:
        validate_sheet(raw)
    assert sorted((p.code, p.path) for p in info.value.problems if p.severity == "error") == [
        ("missing_sheet", "coalition"),
        ("missing_sheet", "gmina"),
    ]


def test_values_under_no_header_are_reported_not_lost_silently(filled_xlsx):
    filled_xlsx.workbook["Strony"]["AZ4"] = "zadzwonić do prezesa"
    filled_xlsx.workbook["Strony"]["AZ5"] = "jeszcze jedna notatka"
    sheet = read_sheet(filled_xlsx.save())
    assert [(p.code, p.severity, where(p)) for p in sheet.warnings] == [
        ("no_header", "warning", "Strony!AZ4")
    ]
