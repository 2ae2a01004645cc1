"""Names in the right grammatical case (issue 12, phase 2 § 3.4): the forms the text needs come
from the sheet when given, and a gmina's name left in the nominative after a title is caught."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import COHORT, build, variant
from tests.legal.test_parties_jst_money import powiat_pledges


def test_a_treasurer_named_in_the_genitive_is_countersigning_without_a_colon(tmp_path):
    def change(data):
        powiat_pledges(data)
        data["parties"][-1]["treasurer"]["name_genitive"] = "Barbary Lis"

    text = build(variant(tmp_path, change))["declaration"].full
    assert "przy kontrasygnacie Skarbnika Powiatu Buskiego Barbary Lis" in text
    assert "Skarbnika Powiatu Buskiego: Barbara Lis" not in text


def test_the_library_in_the_instrumental_comes_from_the_sheet(tmp_path):
    def change(data):
        data["parties"][0]["name"] = "Centrum Kultury i Biblioteka w Lipowcu"
        data["parties"][0]["name_instrumental"] = "Centrum Kultury i Biblioteką w Lipowcu"

    text = build(variant(tmp_path, change))["preliminary"].full
    assert (
        "Gmina deklaruje wolę współpracy z Centrum Kultury i Biblioteką w Lipowcu, zwaną dalej "
        "„Biblioteką”"
    ) in text


def test_without_the_instrumental_an_unknown_name_keeps_the_nominative(tmp_path):
    def change(data):
        data["parties"][0]["name"] = "Centrum Kultury i Biblioteka w Lipowcu"

    text = build(variant(tmp_path, change))["preliminary"].full
    assert "współpracy z biblioteką gminną: Centrum Kultury i Biblioteka w Lipowcu" in text


def test_a_gmina_name_in_the_nominative_after_a_title_is_named_at_its_cell(tmp_path):
    # the cohort sheet as bench/synthetic.py once wrote it: the gmina's name left in the nominative
    text = (COHORT / "grabowa-wola-mala.yaml").read_text(encoding="utf-8")
    nominative = text.replace(
        "function: Burmistrz Grabowej Woli Małej", "function: Burmistrz Gmina Grabowa Wola Mała"
    )
    assert nominative != text
    path = tmp_path / "grabowa-wola-mala.yaml"
    path.write_text(nominative, encoding="utf-8")
    sheet = read_sheet(path)  # edition 2026: a warning
    found = {(p.code, p.path) for p in sheet.warnings if p.code == "name_case"}
    assert ("name_case", "parties[1].representatives[0].function") in found
    (problem,) = [p for p in sheet.warnings if p.path == "parties[1].representatives[0].function"]
    assert "„Burmistrz Gmina Grabowa Wola Mała”" in problem.describe("pl")
    assert "użyj dopełniacza: Burmistrz Gminy X albo Burmistrz X-a" in problem.describe("pl")


def test_after_the_2026_edition_the_nominative_is_an_error(tmp_path):
    def change(data):
        data["coalition"]["edition"] = "2027"
        data["parties"][1]["representatives"][0]["function"] = "Wójt Gmina Lipowiec"

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, change))
    errors = [(p.code, p.path) for p in raised.value.problems if p.severity == "error"]
    assert ("name_case", "parties[1].representatives[0].function") in errors


def test_a_genitive_equal_to_the_nominative_is_warned(tmp_path):
    def change(data):
        data["gmina"]["name_genitive"] = data["gmina"]["name"]

    sheet = read_sheet(variant(tmp_path, change))
    assert ("genitive_not_declined", "gmina.name_genitive") in {
        (p.code, p.path) for p in sheet.warnings
    }


def test_the_evaluation_recipients_are_checked_for_the_gmina_in_the_nominative(tmp_path):
    """„Rada Gmina X” in the report's recipients was printed as typed („adresaci: …”)."""

    def change(data):
        data["evaluation"]["recipients"] = ["Wójt Gminy Lipowiec", "Rada Gmina Lipowiec"]

    from deedgen.sheet.init import init_sheet

    sheet = variant(tmp_path, change)
    warnings = [p for p in read_sheet(sheet).warnings if p.code == "name_case"]
    assert [p.path for p in warnings] == ["evaluation.recipients[1]"]
    assert "„Rada Gmina Lipowiec”: nazwa gminy po tytule musi być w dopełniaczu" in (
        warnings[0].describe("pl")
    )
    # in the workbook the librarian fills in, the message names the recipients' cell
    workbook = init_sheet(tmp_path / "odbiorcy.xlsx", source=sheet).path
    said = [p.describe("pl") for p in read_sheet(workbook).warnings if p.code == "name_case"]
    assert len(said) == 1 and "„Odbiorcy raportu”" in said[0], said
