"""The sample full of mistakes: every mistake is reported at its place, in YAML (line) and in
XLSX (sheet and cell), and the command line lists them all and exits with code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet

from .conftest import SAMPLES, find_cell, line_of

YAML = SAMPLES / "bledy.yaml"
XLSX = SAMPLES / "bledy.xlsx"

# (data path, message code, where in the YAML (a needle on the line, or a line number),
#  where in the XLSX (sheet, how to find the cell))
EXPECTED = [
    ("coalition.place", "required", "coalition:", ("Koalicja", ("label", "Miejsce zawarcia"))),
    ("coalition.preliminary_declaration_date", "preliminary_after_declaration", "preliminary_declaration_date:",
     ("Koalicja", ("label", "Data wstępnej deklaracji JST"))),
    ("gmina.terc", "terc_voivodeship", 'terc: "2704052"', ("Koalicja", ("value", "2704052"))),
    # the value cell of the section's first row, where the treasurer is typed (issue 14)
    ("treasurer", "treasurer_required", 1, ("Koalicja", ("label", "Skarbnik — imię i nazwisko"))),
    ("evaluation.month", "evaluation_month", "month: 13", ("Koalicja", ("label", "Miesiąc ewaluacji"))),
    ("parties[0].nip", "nip_checksum", "nip: 819-093-78-66", ("Strony", ("value", "819-093-78-66"))),
    ("parties[0].email", "email", "email: biblioteka(at)", ("Strony", ("value", "biblioteka(at)jarzebinowo.example.pl"))),
    ("parties[1].regon", "regon_length", 'regon: "89093100"', ("Strony", ("value", "89093100"))),
    ("parties[2].address.postal_code", "postal_code", 'postal_code: "2813"', ("Strony", ("value", "2813"))),
    ("parties[2].krs", "krs", 'krs: "61234X"', ("Strony", ("value", "61234X"))),
    ("parties[3].power_of_attorney", "power_of_attorney", "- id: szkola", ("Strony", ("row", "szkola", "Nr pełnomocnictwa"))),
    ("parties[4].kind", "choice", "kind: koło gospodyń", ("Strony", ("value", "koło gospodyń"))),
    ("contributions[2].amount", "amount_not_finances", "amount: 500", ("Wkłady", ("value", 500))),
    ("contributions[3].description", "private_data", "PESEL 87031209471", ("Wkłady", ("value", "wolontariuszka Marta Duda, PESEL 87031209471"))),
    ("team[1].party", "unknown_party", "party: solectwo", ("Zespół", ("value", "solectwo"))),
    ("actions[0].end_quarter", "quarter_outside", "end_quarter: 2028-Q2", ("Działania", ("value", "2028-Q2"))),
    ("actions[0].micro_successes[0].quarter", "quarter", "2026-Q5", ("Mikrosukcesy", ("value", "2026-Q5"))),
    ("actions[1].micro_successes[0].quarter", "micro_outside_action", "piknik", ("Mikrosukcesy", ("value", "2027-Q2"))),
    ("actions[2].id", "duplicate_id", ("- id: d2", 2), ("Działania", ("value", "d2", 2))),
]  # fmt: skip


def errors_of(path):
    with pytest.raises(SheetInvalid) as info:
        read_sheet(path)
    return [p for p in info.value.problems if p.severity == "error"]


def test_the_sample_has_many_kinds_of_mistakes():
    assert len({code for _, code, _, _ in EXPECTED}) >= 15


def test_every_mistake_in_yaml_has_its_line():
    found = {(p.path, p.code): p.location.line for p in errors_of(YAML)}
    expected = {}
    for path, code, needle, _ in EXPECTED:
        if isinstance(needle, int):
            expected[(path, code)] = needle
        elif isinstance(needle, tuple):
            expected[(path, code)] = line_of(YAML, *needle)
        else:
            expected[(path, code)] = line_of(YAML, needle)
    assert found == expected


def test_every_mistake_in_xlsx_has_its_cell():
    found = {(p.path, p.code): (p.location.sheet, p.location.cell) for p in errors_of(XLSX)}
    expected = {
        (path, code): (sheet, find_cell(XLSX, sheet, how))
        for path, code, _, (sheet, how) in EXPECTED
    }
    assert found == expected


def test_yaml_and_xlsx_report_the_same_problems():
    def summary(path):
        with pytest.raises(SheetInvalid) as info:
            read_sheet(path)
        # first_pl is where the first record is in that file: a line, or a sheet and cell
        return [
            (p.severity, p.path, p.code, {k: v for k, v in p.params.items() if k != "first_pl"})
            for p in info.value.problems
        ]

    assert sorted(summary(YAML), key=repr) == sorted(summary(XLSX), key=repr)


def test_cli_lists_every_mistake_with_its_cell():
    result = CliRunner().invoke(cli, ["validate", str(XLSX)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "BŁĘDY (19)" in result.output
    assert (
        "bledy.xlsx: Strony!H3 — wiersz 3, kolumna „NIP”: NIP 8190937866 ma błędną cyfrę kontrolną"
        in result.output
    )
    for _, _, _, (sheet, how) in EXPECTED:
        cell = find_cell(XLSX, sheet, how)
        assert (
            f"{sheet}!{cell} — wiersz {cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}" in result.output
        )


def test_cli_json_report():
    result = CliRunner().invoke(cli, ["validate", "--format", "json", "--lang", "en", str(XLSX)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert len(errors) == len(EXPECTED)
    nip = next(p for p in errors if p["path"] == "parties[0].nip")
    assert nip == {
        "severity": "error",
        "path": "parties[0].nip",
        "code": "nip_checksum",
        "message": "NIP 8190937866 has a wrong check digit",
        "file": str(XLSX),
        "line": None,
        "sheet": "Strony",
        "cell": "H3",
    }


def test_cli_json_report_of_a_valid_sheet():
    result = CliRunner().invoke(
        cli, ["validate", "--format", "json", str(SAMPLES / "brzeziny-nowe.xlsx")]
    )
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["summary"]
    assert summary["parties"] == 8
    assert summary["declared_money"] == "15000.00"  # the printing is in kind (issue 12)
    assert summary["social_actions"] == 4
