"""Ordinary typing (issue 14): a REGON that lost its leading zero, an amount typed „5.000,00”, a
6-digit TERC, an extra column, and ``init --from`` saying what it could not carry."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.sheet.validate import read_sheet

from .conftest import SAMPLES


def edited(tmp_path, edits, name="lipowiec.xlsx"):
    path = tmp_path / name
    shutil.copy(SAMPLES / "lipowiec.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    for sheet, cell, value in edits:
        workbook[sheet][cell] = value
    workbook.save(path)
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_a_regon_that_lost_its_leading_zero_is_recovered_with_a_note(tmp_path):
    path = edited(tmp_path, [("Strony", "I5", 23456788)])  # 023456788 stored as a number
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert (
        "! lipowiec.xlsx: Strony!I5 — wiersz 5, kolumna „REGON”: REGON „23456788” zapisano jako "
        "liczbę, która straciła zero na początku — odczytano 023456788; wpisz go jako tekst"
    ) in result.output
    assert read_sheet(path).data["parties"][2]["regon"] == "023456788"


def test_an_amount_with_dots_for_thousands_is_an_amount(tmp_path):
    path = edited(
        tmp_path,
        [("Wkłady", "A9", "razem"), ("Wkłady", "B9", "finanse"), ("Wkłady", "C9", "składki")]
        + [("Wkłady", "D9", "5.000,00")],
    )
    sheet = read_sheet(path)
    assert sheet.data["contributions"][-1]["amount"] == Decimal("5000.00")
    assert sheet.data["contributions"][-1]["resource"] == "finances"


def test_a_six_digit_terc_says_it_has_seven(tmp_path):
    path = edited(tmp_path, [("Koalicja", "B18", "260405")])
    result = run("validate", path)
    assert result.exit_code == 2
    assert (
        "✗ lipowiec.xlsx: Koalicja!B18 — wiersz 18, pole „Kod TERC”: TERC ma 7 cyfr "
        "(WWPPGGR, np. 1426042), jest „260405”"
    ) in result.output


def test_an_extra_column_is_a_warning(tmp_path):
    path = edited(tmp_path, [("Strony", "AE1", "Telefon"), ("Strony", "AE3", "41 356 12 00")])
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert "Arkusz poprawny" in result.output
    assert "! lipowiec.xlsx: Strony!AE1: kolumna „Telefon” nie należy do arkusza" in (result.output)


def test_a_near_miss_header_names_the_column_meant(tmp_path):
    path = edited(tmp_path, [("Strony", "K1", "Email")])
    result = run("validate", path)
    assert "kolumna „Email” nie należy do arkusza — czy chodziło o: E-mail?" in result.output


def test_init_from_says_what_it_could_not_carry(tmp_path):
    source = edited(
        tmp_path,
        [
            ("Przedstawiciele", "A9", "kgw"),
            ("Przedstawiciele", "B9", "Zofia Kubiak"),
            ("Przedstawiciele", "C9", "Przewodnicząca"),
            ("Strony", "AE1", "Telefon"),
            ("Strony", "AE3", "41 356 12 00"),
        ],
    )
    target = tmp_path / "nowy.xlsx"
    result = run("init", str(target), "--from", source)
    assert result.exit_code == 0, result.output
    assert (
        "! Przedstawiciele!A9: wiersz nieprzeniesiony — nie ma strony o identyfikatorze „kgw”"
    ) in result.output
    assert "! Strony!AE1: kolumna nieprzeniesiona — kolumna „Telefon”" in result.output
    names = [c.value for c in openpyxl.load_workbook(target)["Przedstawiciele"]["B"]]
    assert "Zofia Kubiak" not in names  # not carried, and said so
    assert run("validate", str(target)).exit_code == 0
