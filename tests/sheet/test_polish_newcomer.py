"""A newcomer's trial (issue 14): a blank workbook, filled with openpyxl as a librarian would (the
drop-downs' Polish labels) with the ten commonest mistakes, validated, fixed from the messages
alone, validated again and built. Every mistake class takes one validate round: the first round
lists all ten, each at its cell with what to type, and the fixed sheet builds."""

from __future__ import annotations

from dataclasses import dataclass

import openpyxl
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.sheet.enumerations import LABELS_PL
from deedgen.sheet.layout import EXAMPLE_MARKER, KV_SHEET, TABLES

from .conftest import SAMPLES

CODES_TO_LABELS = {code: label for labels in LABELS_PL.values() for code, label in labels.items()}
CODED_HEADERS = {"Rodzaj *", "Zasób *", "Rola", "Kategoria problemu", "Zasięg", "Język"}
GOAL_TITLES = {
    "goal_menu.community_centre": "Biblioteka jako centrum życia społecznego",
    "goal_menu.digital_inclusion": "Włączenie cyfrowe",
}


@dataclass(frozen=True)
class Mistake:
    kind: str  # the mistake class, as the closing note names it
    sheet: str
    cell: str
    wrong: object
    right: object
    says: str  # what the message tells the librarian


MISTAKES = (
    Mistake("rodzaj strony z literówką", "Strony", "B5", "stowarzyszenia", "stowarzyszenie",
            "czy chodziło o: stowarzyszenie?"),
    Mistake("NIP z błędną cyfrą kontrolną", "Strony", "H3", "819-093-78-66", "819-093-78-65",
            "NIP 8190937866 ma błędną cyfrę kontrolną"),
    Mistake("kod pocztowy bez cyfry", "Strony", "F5", "28-13", "28-130",
            "kod pocztowy w formacie NN-NNN, jest „28-13”"),
    Mistake("szkoła bez pełnomocnictwa", "Strony", "N6", None, "OR.0052.4.2026",
            "szkoła działa na podstawie pełnomocnictwa"),
    Mistake("data słowami", "Koalicja", "B6", "15 kwietnia 2026", "15.04.2026",
            "oczekiwano daty (2026-03-01 albo 1.03.2026), jest „15 kwietnia 2026”"),
    Mistake("liczba ze słowem", "Koalicja", "B12", "3 lata", 3,
            "„3 lata” to nie liczba — podaj liczbę lat, np. 3"),
    Mistake("kwartał po rzymsku", "Działania", "G3", "II kw. 2026", "2026-Q2",
            "oczekiwano kwartału w formacie 2026-Q2, jest „II kw. 2026”"),
    Mistake("nazwa zamiast identyfikatora strony", "Zespół", "B4", "urząd gminy", "gmina",
            "nie ma strony o identyfikatorze „urząd gminy”; są: gbp, gmina, razem, szkola"),
    Mistake("cel z literówką", "Cele", "A3", "Biblioteka jako centum życia społecznego",
            "Biblioteka jako centrum życia społecznego",
            "czy chodziło o: Biblioteka jako centrum życia społecznego?"),
    Mistake("środki gminy bez skarbnika", "Koalicja", "B26", None, "Maria Kowalczyk",
            "wpisz skarbnika gminy (sekcja „Skarbnik”)"),
)  # fmt: skip
# Further fixes that go with a mistake's (the date of the power of attorney, the treasurer's title)
COMPANIONS = {("Strony", "N6"): ("Strony", "O6", "20.03.2026"),
              ("Koalicja", "B26"): ("Koalicja", "B27", "Skarbnik Gminy Lipowiec")}  # fmt: skip
# Ordinary typing that needs no fixing: read as meant, at most with a note
ORDINARY = (
    ("Wkłady", "A9", "gmina"), ("Wkłady", "B9", "finanse"),
    ("Wkłady", "C9", "dofinansowanie warsztatów cyfrowych"), ("Wkłady", "D9", "5.000,00"),
    ("Strony", "I5", 23456788),  # REGON 023456788, its zero lost as a number
    ("Strony", "AE1", "Telefon"), ("Strony", "AE3", "41 356 12 00"),  # a column of one's own
)  # fmt: skip


def fill_like_a_librarian(blank, source=SAMPLES / "lipowiec.xlsx") -> None:
    """Type the Lipowiec coalition into *blank* cell by cell, choosing labels from the lists."""
    typed = openpyxl.load_workbook(source)
    workbook = openpyxl.load_workbook(blank)
    for name in (KV_SHEET, *(t.sheet for t in TABLES)):
        source_ws, target = typed[name], workbook[name]
        headers = [c.value for c in source_ws[1]]
        for row in source_ws.iter_rows(min_row=2):
            if row[0].value == EXAMPLE_MARKER:
                continue
            for header, cell in zip(headers, row, strict=False):
                value = cell.value
                if header in CODED_HEADERS or (name == KV_SHEET and row[0].value == "Język"):
                    value = CODES_TO_LABELS.get(value, value)
                value = GOAL_TITLES.get(value, value)
                if value is not None and (name != KV_SHEET or cell.column == 2):
                    target[cell.coordinate] = value
    workbook.save(blank)


def edit(path, edits) -> None:
    workbook = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        workbook[sheet][cell] = value
    workbook.save(path)


def validate(path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", str(path)])
    return result.exit_code, [
        x.strip() for x in result.output.splitlines() if x.strip()[:1] in "✗!"
    ]


def trial(tmp_path) -> dict:
    """The whole trial; returns the rounds (exit code and lines of each validate) and the build."""
    sheet = tmp_path / "koalicja.xlsx"
    assert CliRunner().invoke(cli, ["init", str(sheet)]).exit_code == 0
    fill_like_a_librarian(sheet)
    edit(sheet, ORDINARY)
    edit(sheet, [(m.sheet, m.cell, m.wrong) for m in MISTAKES])
    edit(sheet, [(s, c, None) for s, c, _ in COMPANIONS.values()])
    rounds = [validate(sheet)]
    edit(sheet, [(m.sheet, m.cell, m.right) for m in MISTAKES])
    edit(sheet, list(COMPANIONS.values()))
    rounds.append(validate(sheet))
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(sheet), "-o", str(out), "--format", "docx"])
    return {"rounds": rounds, "build": built, "out": out}


def test_every_mistake_class_takes_one_validate_round(tmp_path):
    result = trial(tmp_path)
    (code, first), (code_after, second) = result["rounds"]
    assert code == 2
    errors = [line for line in first if line.startswith("✗")]
    assert len(errors) == len(MISTAKES)  # all ten in the first round, nothing else
    for mistake in MISTAKES:
        at = f"koalicja.xlsx: {mistake.sheet}!{mistake.cell} — wiersz {mistake.cell[1:]}"
        assert any(at in line and mistake.says in line for line in errors), mistake.kind
    assert code_after == 0, second
    assert not [line for line in second if line.startswith("✗")]  # the fixes revealed nothing
    notes = "\n".join(second)
    assert "REGON „23456788” zapisano jako liczbę" in notes
    assert "kolumna „Telefon” nie należy do arkusza" in notes
    assert result["build"].exit_code == 0, result["build"].output
    assert list(result["out"].rglob("*.docx"))
