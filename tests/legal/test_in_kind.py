"""In-kind contributions (issue 12, legal review § 3.9): a service or a thing is a wkład rzeczowy
with an estimated value, printed once and never as money, and left out of the money totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deedgen.context import build_context
from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES
from tests.legal.conftest import build, variant

PRINTING = "wkład rzeczowy – druk ulotek i plakatów, o wartości szacunkowej 3 000,00 zł"


def test_the_printing_is_an_in_kind_contribution_with_its_value_printed_once():
    declaration = build("brzeziny-nowe")["declaration"]
    contributions = declaration.paragraph("Wkład Stron").text
    line = next(line for line in contributions.splitlines() if "druk ulotek" in line)
    assert line.endswith(PRINTING + ".")
    assert "w kwocie" not in line and "słownie" not in line
    assert declaration.full.count("3 000,00 zł") == 1
    assert "finanse – druk" not in declaration.full


def test_the_financing_clause_says_in_kind_contributions_are_not_money():
    declaration = build("brzeziny-nowe")["declaration"]
    financing = declaration.paragraph("Finansowanie").text
    assert "Wkład rzeczowy i inny wkład niefinansowy, o którym mowa w § 5 ust. 1" in financing
    assert "nie stanowi środków finansowych i nie jest wliczany do kwoty" in financing
    # the printing no longer makes the other Parties' money appear next to the gmina's
    assert "Wkład finansowy pozostałych Stron" not in financing
    assert "wartość szacunkowa ma charakter wyłącznie informacyjny" in (
        declaration.paragraph("Wkład Stron").text
    )


def test_the_english_declaration_gives_the_value_once_and_not_as_an_amount():
    declaration = build("brzeziny-nowe", "en")["declaration"].full
    assert (
        "in-kind contribution – druk ulotek i plakatów, of an estimated value of PLN 3,000.00"
        in declaration
    )
    assert declaration.count("PLN 3,000.00") == 1
    assert "are not money and are not counted in the amount" in declaration


def test_values_are_not_counted_as_money():
    context = build_context(read_sheet(SAMPLES / "brzeziny-nowe.yaml").data)
    assert context["total_money"] == context["gmina_money"] == Decimal("15000.00")
    printing = next(c for c in context["contributions"] if c["party"]["id"] == "drukarnia")
    assert (printing["resource"], printing["value"], printing["amount"]) == (
        "in_kind",
        Decimal("3000.00"),
        None,
    )


def test_a_coalition_without_gmina_money_says_the_in_kind_value_is_not_money(tmp_path):
    def room_with_value(data):
        data["contributions"] = [c for c in data["contributions"] if c["resource"] != "finances"]
        data["contributions"].append(
            {
                "party": data["contributions"][0]["party"],
                "resource": "space",
                "value": "1200.00",
                "description": "sala konferencyjna na spotkania Zespołu",
            }
        )

    declaration = build(variant(tmp_path, room_with_value))["declaration"]
    financing = declaration.paragraph("Brak skutków finansowych").text
    assert "wraz z jego wartością szacunkową, nie stanowi środków finansowych" in financing
    assert "o wartości szacunkowej 1 200,00 zł" in declaration.paragraph("Wkład Stron").text
    assert "1 200,00 zł (słownie" not in declaration.full


def test_without_values_the_not_money_sentences_are_absent():
    declaration = build("lipowiec")["declaration"].full
    assert "wartość szacunkowa" not in declaration
    assert "wartością szacunkową" not in declaration


def _warnings(path):
    return {(p.code, p.path) for p in read_sheet(path).warnings}


def test_money_described_as_printing_is_flagged_as_looking_in_kind(tmp_path):
    def printing_as_money(data):
        data["contributions"].append(
            {
                "party": "gbp",
                "resource": "finances",
                "amount": "500.00",
                "description": "druk plakatów na festyn",
            }
        )

    path = variant(tmp_path, printing_as_money)
    index = len(read_sheet(path).data["contributions"]) - 1
    assert ("finances_looks_in_kind", f"contributions[{index}].resource") in _warnings(path)
    problem = next(p for p in read_sheet(path).warnings if p.code == "finances_looks_in_kind")
    assert problem.severity == "warning"
    assert "wkład rzeczowy" in problem.message("pl")


def test_the_gmina_money_is_not_flagged(tmp_path):
    assert not {c for c, _ in _warnings(SAMPLES / "brzeziny-nowe.yaml")} & {
        "finances_looks_in_kind",
        "value_on_finances",
    }


@pytest.mark.parametrize(
    ("contribution", "code", "field"),
    [
        (
            {"resource": "finances", "amount": "100.00", "value": "100.00"},
            "value_on_finances",
            "value",
        ),
        ({"resource": "in_kind", "amount": "100.00"}, "amount_not_finances", "amount"),
    ],
)
def test_money_has_an_amount_and_other_contributions_a_value(tmp_path, contribution, code, field):
    def add(data):
        data["contributions"].append({"party": "gbp", "description": "wkład", **contribution})

    with pytest.raises(SheetInvalid) as info:
        read_sheet(variant(tmp_path, add))
    found = [p for p in info.value.problems if p.code == code]
    assert found and found[0].path.endswith(f".{field}") and found[0].severity == "error"


def test_the_workbook_has_a_value_column_and_reads_the_sample_as_the_yaml_does():
    from openpyxl import load_workbook

    sheet = load_workbook(SAMPLES / "brzeziny-nowe.xlsx")["Wkłady"]
    headers = [cell.value for cell in sheet[1]]
    assert "Wartość (zł)" in headers
    column = headers.index("Wartość (zł)")
    values = [row[column].value for row in sheet.iter_rows(min_row=2) if row[column].value]
    assert len(values) == 1
    xlsx = read_sheet(SAMPLES / "brzeziny-nowe.xlsx").data["contributions"]
    assert xlsx == read_sheet(SAMPLES / "brzeziny-nowe.yaml").data["contributions"]


def test_the_action_plan_table_shows_the_estimate_not_an_amount():
    plan = build("brzeziny-nowe")["action_plan"].full
    row = next(line for line in plan.splitlines() if line.startswith("Drukarnia"))
    assert row.endswith(
        "| wkład rzeczowy | druk ulotek i plakatów — wartość szacunkowa 3 000,00 zł"
    )
