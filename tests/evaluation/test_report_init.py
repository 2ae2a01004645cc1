"""deedgen report init: the workbook a library fills, pre-filled from its partner sheet."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli, main
from tests.helpers import SAMPLES

LIPOWIEC = SAMPLES / "lipowiec.yaml"


def init(tmp_path, *args):
    out = tmp_path / "raport.xlsx"
    result = CliRunner().invoke(cli, ["report", "init", str(LIPOWIEC), *args, "-o", str(out)])
    return result, out


def test_quarterly_workbook_is_prefilled_with_the_quarter_plan(tmp_path):
    result, out = init(tmp_path, "--quarter", "2026-Q3")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Instrukcja",
        "Raport",
        "Mikrosukcesy",
        "Działania",
        "Promocja",
        "Zmiany planu",
    ]
    info = {row[0].value: row[1].value for row in book["Raport"].iter_rows(min_row=2)}
    assert info["Kod TERC"] == "2604052" and info["Okres"] == "2026-Q3"
    assert info["Termin"].date().isoformat() == "2026-10-21"
    micro = book["Mikrosukcesy"]
    planned = [
        (r[0].value, r[2].value, r[3].value) for r in micro.iter_rows(min_row=2) if r[0].value
    ]
    assert planned == [
        ("d1", "2026-Q3", "10 seniorów samodzielnie umawia wizytę u lekarza przez internet"),
        ("d2", "2026-Q3", "pierwsze spotkanie klubu z udziałem 20 osób"),
    ]
    assert [r[0].value for r in book["Promocja"].iter_rows(min_row=2)] == [
        "kwartalna prezentacja mikrosukcesów"
    ]


def test_drop_downs_help_and_frozen_headers(tmp_path):
    _result, out = init(tmp_path, "--quarter", "2026-Q3")
    micro = openpyxl.load_workbook(out)["Mikrosukcesy"]
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in micro.data_validations.dataValidation}
    assert lists["G"] == '"zrealizowane,częściowo,nie,przesunięte"'
    assert lists["E"] == '"TAK,NIE"'
    assert micro.freeze_panes == "B2"
    assert micro["G1"].value == "Status *"
    assert "zrealizowane, częściowo, nie, przesunięte" in micro["G1"].comment.text


def test_annual_workbook_adds_goals_contributions_sustainability_conclusions(tmp_path):
    result, out = init(tmp_path, "--year", "2026")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-4:] == ["Cele", "Wkłady", "Trwałość", "Wnioski"]
    goals = [r[0].value for r in book["Cele"].iter_rows(min_row=2)]
    assert (
        "przeciwdziałanie wykluczeniu cyfrowemu mieszkańców, w szczególności osób starszych"
        in goals
    )
    assert len([r for r in book["Mikrosukcesy"].iter_rows(min_row=2) if r[0].value]) == 5
    labels = [r[0].value for r in book["Trwałość"].iter_rows(min_row=2)]
    assert "Zobowiązania dotrzymane po zmianie władz? *" in labels


@pytest.mark.parametrize(
    "args",
    [[], ["--quarter", "2026-Q3", "--year", "2026"], ["--quarter", "2026-Q5"], ["--year", "26"]],
)
def test_wrong_period_is_a_usage_error(tmp_path, monkeypatch, capsys, args):
    out = tmp_path / "r.xlsx"
    monkeypatch.setattr(
        "sys.argv", ["deedgen", "report", "init", str(LIPOWIEC), *args, "-o", str(out)]
    )
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 4
    assert not out.exists()
    if args == ["--quarter", "2026-Q5"]:  # the genitive after „oczekiwano”
        assert "oczekiwano kwartału, np. 2026-Q3" in capsys.readouterr().err


def test_an_invalid_sheet_is_refused_with_its_errors(tmp_path):
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(
        cli, ["report", "init", str(SAMPLES / "bledy.yaml"), "--quarter", "2026-Q3", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "bledy.yaml" in result.output and not out.exists()


def test_existing_workbook_needs_force(tmp_path):
    init(tmp_path, "--quarter", "2026-Q3")
    result, _out = init(tmp_path, "--quarter", "2026-Q3")
    assert result.exit_code == 2 and "--force" in result.output
