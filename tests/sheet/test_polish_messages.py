"""Messages a librarian reads (issue 14): the column's Polish label and the sheet's row number,
no data paths, codes or keys mid-sentence, money as „5 000,00 zł”, a bad value quoted with what
to type; a missing record points at the sheet where it belongs; errors in tab order."""

from __future__ import annotations

import re
import shutil

import openpyxl
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES

CODES = re.compile(
    r"\b(association|school|library|treasurer|iod_email|finances|space|parties|actions)\b"
    r"|\[\d+\]"
)


def edited(tmp_path, edits, name="lipowiec.xlsx") -> str:
    path = tmp_path / name
    shutil.copy(SAMPLES / name, path)
    workbook = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        workbook[sheet][cell] = value
    workbook.save(path)
    return str(path)


def validate(path: str, *args) -> list[str]:
    result = CliRunner().invoke(cli, ["validate", path, *args])
    assert result.exit_code in (0, 2), result.output
    return [line.strip() for line in result.output.splitlines() if line.strip()[:1] in "✗!"]


def test_every_message_of_the_error_sample_is_for_a_librarian():
    lines = validate(str(SAMPLES / "bledy.xlsx"))
    # + the school without its governing body, the library without its RIK entry (warnings)
    assert len(lines) == 25
    assert not [line for line in lines if CODES.search(line)]
    assert (
        "✗ bledy.xlsx: Strony!H3 — wiersz 3, kolumna „NIP”: NIP 8190937866 ma błędną cyfrę kontrolną"
        in lines
    )
    treasurer = next(line for line in lines if "skarbnika" in line)
    assert "Koalicja!B26" in treasurer  # the value cell, not the section's header row
    assert "5\xa0000,00\xa0zł" in treasurer
    duplicate = next(line for line in lines if "powtarza się" in line)
    assert duplicate.endswith("identyfikator „d2” powtarza się (pierwszy raz: działanie nr 2)")
    iod = next(line for line in lines if "inspektora" in line)
    assert "„biblioteka gminna”" in iod and "„E-mail IOD”" in iod


def test_errors_come_in_tab_order():
    lines = [line for line in validate(str(SAMPLES / "bledy.xlsx")) if line.startswith("✗")]
    sheets = [re.search(r"xlsx: (\w+)!", line).group(1) for line in lines]
    order = ["Koalicja", "Strony", "Przedstawiciele", "Wkłady", "Zespół", "Cele", "Działania"]
    order.append("Mikrosukcesy")
    assert sheets == sorted(sheets, key=order.index)


def test_words_in_a_number_cell_are_quoted_with_what_to_type(tmp_path):
    path = edited(tmp_path, [("Koalicja", "B13", "3 miesiące"), ("Koalicja", "B11", "może")])
    lines = validate(path)
    assert (
        "✗ lipowiec.xlsx: Koalicja!B13 — wiersz 13, pole „Okres wypowiedzenia (miesiące)”: "
        "„3 miesiące” to nie liczba — podaj liczbę miesięcy, np. 3"
    ) in lines
    assert any("„może” — wpisz TAK albo NIE" in line for line in lines)


def test_a_missing_representative_points_at_przedstawiciele(tmp_path):
    path = edited(tmp_path, [("Przedstawiciele", f"{c}7", None) for c in "ABC"])
    lines = validate(path)
    assert lines[0].startswith("✗ lipowiec.xlsx: Przedstawiciele!A7 — wiersz 7: strona „szkola”")
    assert "dopisz go w arkuszu Przedstawiciele" in lines[0]


def test_a_missing_micro_success_points_at_mikrosukcesy(tmp_path):
    path = edited(tmp_path, [("Mikrosukcesy", f"{c}9", None) for c in "ABC"])
    result = CliRunner().invoke(cli, ["check", path])
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "d2" in x and "Mikrosukcesy" in x)
    assert "Mikrosukcesy!A6 — wiersz 6" in line  # the action's first micro-success row
    assert "Działania!A" not in line and "micro_successes" not in line


def test_counts_and_cases_are_polish(tmp_path):
    """„1 błąd”, „4 błędy”, „5 błędów” in build's refusal; the TERC mismatch says which kind in
    the nominative; a compliant verdict is „SPEŁNIA warunki” (genitive only after NIE)."""
    from deedgen.exceptions import Problem, SheetInvalid

    for count, words in ((1, "1 błąd"), (4, "4 błędy"), (5, "5 błędów"), (22, "22 błędy")):
        problems = [Problem.text("x", f"błąd {i}") for i in range(count)]
        head = str(SheetInvalid("arkusz.xlsx", problems)).splitlines()[0]
        assert head == f"arkusz.xlsx: {words} w arkuszu partnerów"

    path = edited(tmp_path, [("Koalicja", "B19", "miejska")])  # Lipowiec's TERC ends in 2
    mismatch = [line for line in validate(path) if "TERC" in line]
    assert mismatch and "ostatnia cyfra oznacza rodzaj: wiejska" in mismatch[0], mismatch

    result = CliRunner().invoke(cli, ["check", str(SAMPLES / "lipowiec.xlsx")])
    assert result.output.startswith("SPEŁNIA warunki finansowania"), result.output[:80]
