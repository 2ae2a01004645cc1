"""Helpers for the partner-sheet tests: sample paths, finding cells and lines, filling workbooks."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import openpyxl
import pytest

from deedgen.sheet.init import init_sheet
from deedgen.sheet.layout import norm

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
VALID_SAMPLES = ("lipowiec", "brzeziny-nowe", "niezgodna")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the *occurrence*-th line of *path* containing *needle*."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def find_cell(path: Path, sheet: str, how: tuple) -> str:
    """The coordinate of a cell in *sheet*, found by ``("value", v[, n])`` (the n-th cell holding
    v), ``("label", text)`` (column B of the key/value row labelled text) or
    ``("row", first_cell_value, header)``."""
    ws = _workbook(path, path.stat().st_mtime_ns)[sheet]
    kind = how[0]
    if kind == "value":
        occurrence = how[2] if len(how) > 2 else 1
        hits = [c.coordinate for row in ws.iter_rows() for c in row if c.value == how[1]]
        return hits[occurrence - 1]
    if kind == "label":
        for row in ws.iter_rows():
            if row[0].value is not None and norm(row[0].value) == norm(how[1]):
                return row[1].coordinate
    if kind == "row":
        headers = {norm(c.value): c.column_letter for c in ws[1] if c.value}
        for row in ws.iter_rows(min_row=2):
            if row[0].value == how[1]:
                return f"{headers[norm(how[2])]}{row[0].row}"
    raise AssertionError(f"no cell {how} in {sheet}")


@lru_cache(maxsize=8)
def _workbook(path: Path, mtime: int):
    return openpyxl.load_workbook(path)


class Filler:
    """Fill a blank workbook the way a librarian would: by header, row after row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook = openpyxl.load_workbook(path)

    def value(self, label: str, value) -> None:
        ws = self.workbook["Koalicja"]
        for row in ws.iter_rows():
            if row[0].value and norm(row[0].value) == norm(label):
                row[1].value = value
                return
        raise AssertionError(f"no row {label!r}")

    def row(self, sheet: str, values: dict, row: int | None = None) -> int:
        ws = self.workbook[sheet]
        headers = {norm(c.value): c.column for c in ws[1] if c.value}
        row = row or ws.max_row + 1
        for header, value in values.items():
            ws.cell(row=row, column=headers[norm(header)], value=value)
        return row

    def save(self) -> Path:
        self.workbook.save(self.path)
        return self.path


@pytest.fixture
def blank_xlsx(tmp_path) -> Path:
    return init_sheet(tmp_path / "arkusz.xlsx").path


@pytest.fixture
def filled_xlsx(blank_xlsx) -> Filler:
    """A blank workbook filled with a small valid coalition, typed as people type."""
    fill = Filler(blank_xlsx)
    for label, value in {
        "Nazwa koalicji": "  Koalicja „Próbna”  ",
        "Edycja programu": 2026,  # a number, not text
        "Miejsce zawarcia": "Modrzewie",
        "Data deklaracji partnerstwa": "15.04.2026",  # Polish date as text
        "Początek okresu programu": "2026-04-01",  # ISO date as text
        "Koniec okresu programu": __import__("datetime").datetime(2027, 12, 31),  # a real date
        "Data wstępnej deklaracji JST": "1.02.2026",
        "Klauzula ciągłości": "tak",
        "Okres obowiązywania (lata)": 3.0,  # a float from a spreadsheet
        "Nazwa gminy": "Gmina Modrzewie",
        "Kod TERC": 613082,  # lubelskie 06…, its leading zero lost as a number
        "Rodzaj gminy": "wiejska",
        "Powiat": "zamojski",
        "Województwo": "lubelskie",
        "Organ wykonawczy": "wójt",
        "Imię i nazwisko wójta/burmistrza": "Stanisław Kurek",
        "Miesiąc ewaluacji": 12,
        "Metoda ewaluacji": "ankieta",
        "Odbiorcy raportu": "Wójt Gminy Modrzewie; Rada Gminy Modrzewie, Komisja Oświaty",
    }.items():
        fill.value(label, value)
    party = {"Ulica i numer": "ul. Główna 1", "Kod pocztowy": "22-417", "Miejscowość": "Modrzewie"}
    fill.row(
        "Strony",
        {
            "Id": " gbp ",
            "Rodzaj": "library",
            "Pełna nazwa": "GBP w Modrzewiu",
            **party,
            "NIP": 6332873448,  # typed as a number
            "E-mail IOD": "iod@modrzewie.example.pl",
            "Organizator": "Gmina Modrzewie",
            "Nr w rejestrze / ewidencji": 1,  # the register of cultural institutions (RIK)
        },
    )
    fill.row(
        "Strony",
        {
            "Id": "gmina",
            "Rodzaj": "gmina",
            "Pełna nazwa": "Gmina Modrzewie",
            **party,
            "NIP": "723-500-21-46",
            "E-mail IOD": "iod@modrzewie.example.pl",
        },
    )
    fill.row(
        "Strony",
        {
            "Id": "srw",
            "Rodzaj": "association",
            "Pełna nazwa": "Stowarzyszenie",
            **party,
            "KRS": 398127,  # typed as a number: its zeros are lost
        },
    )
    fill.row(
        "Przedstawiciele",
        {"Strona (id)": "gbp", "Imię i nazwisko": "Teresa Sowa", "Funkcja": "Dyrektor"},
    )
    fill.row(
        "Przedstawiciele",
        {"Strona (id)": "gmina", "Imię i nazwisko": "Stanisław Kurek", "Funkcja": "Wójt"},
    )
    fill.row(
        "Przedstawiciele",
        {"Strona (id)": "srw", "Imię i nazwisko": "Iwona Bąk", "Funkcja": "Prezes"},
    )
    fill.row(
        "Przedstawiciele",
        {"Strona (id)": "srw", "Imię i nazwisko": "Jerzy Wilk", "Funkcja": "Członek"},
    )
    fill.row("Wkłady", {"Strona (id)": "gbp", "Zasób": "space", "Opis wkładu": "czytelnia"})
    fill.row(
        "Cele",
        {
            "Cele z biblioteki klauzul": "goal_menu.reading",
            "Cele własne": "więcej czytelników, także dorosłych",
        },
    )
    fill.row(
        "Działania",
        {
            "Id": "d1",
            "Tytuł": "Klub",
            "Problem społeczny": "osamotnienie",
            "Lider (id strony)": "srw",
            "Partnerzy (id)": "gbp, gmina",
            "Kwartał rozpoczęcia": "2026-Q2",
            "Kwartał zakończenia": "2026 Q4",  # a variant spelling
            "Budżet (zł)": 1500.5,
        },
    )
    fill.row(
        "Mikrosukcesy", {"Działanie (id)": "d1", "Kwartał": "2026-Q3", "Mikrosukces": "20 osób"}
    )
    return fill
