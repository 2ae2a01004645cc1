"""A deputy's authorisation (issue 12, phase 2 § 3.5): when the gmina's representative is not the
executive, the sheet must give the authorisation's number and date, and the signature block says
„z upoważnienia nr … z dnia …” in both declarations."""

from __future__ import annotations

import datetime as dt

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.render.template_values import DATE_DOTS
from deedgen.sheet.init import init_sheet
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant


def deputy(data, authorised=True):
    gmina = data["parties"][1]
    gmina["representatives"] = [
        {"name": "Marek Sosna", "function": "Zastępca Wójta Gminy Lipowiec"}
    ]
    if authorised:
        gmina["power_of_attorney"] = {"number": "OR.0052.1.2026", "date": dt.date(2026, 1, 5)}


def _signatures(text) -> str:
    """The signature block: after the heading „Podpis(y Stron)” / „Signature(s)”."""
    heading = "Podpis" if "Podpis" in text.full else "Signature"
    return text.full[text.full.rindex(heading) :]


def test_the_deputy_signs_with_the_authorisations_number_and_date_in_both_declarations(tmp_path):
    documents = build(variant(tmp_path, deputy))
    line = "Marek Sosna, Zastępca Wójta Gminy Lipowiec, z upoważnienia nr OR.0052.1.2026 z dnia 5 stycznia 2026 r."
    assert line in _signatures(documents["declaration"])
    assert line in _signatures(documents["preliminary"])
    english = build(variant(tmp_path, deputy), lang="en")["declaration"]
    assert (
        "Zastępca Wójta Gminy Lipowiec, under authorisation no. OR.0052.1.2026 of 5 January 2026"
        in (_signatures(english))
    )


def test_the_executive_signs_without_an_authorisation_note(tmp_path):
    def executive_with_a_stray_authorisation(data):
        data["parties"][1]["power_of_attorney"] = {"number": "OR.1", "date": dt.date(2026, 1, 5)}

    signatures = _signatures(
        build(variant(tmp_path, executive_with_a_stray_authorisation))["declaration"]
    )
    assert f"Tomasz Wróblewski, Wójt Gminy Lipowiec / {DATE_DOTS} / (data)" in signatures
    assert "z upoważnienia" not in signatures


def test_a_deputy_without_an_authorisation_is_refused_at_the_gminas_row(tmp_path):
    sheet = variant(tmp_path, lambda data: deputy(data, authorised=False))
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(sheet)
    (problem,) = [p for p in raised.value.problems if p.severity == "error"]
    assert (problem.code, problem.path) == ("deputy_authorisation", "parties[1].power_of_attorney")
    workbook = init_sheet(tmp_path / "zastepca.xlsx", source=sheet).path
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(workbook)
    (problem,) = [p for p in raised.value.problems if p.severity == "error"]
    assert problem.describe("pl") == (
        "zastepca.xlsx: Strony!N4 — wiersz 4, kolumna „Nr pełnomocnictwa”: reprezentant gminy „Marek Sosna” "
        "to nie wójt „Tomasz Wróblewski” — zastępca albo sekretarz działa na podstawie upoważnienia "
        "(art. 46 ust. 1 u.s.g.): podaj przy gminie jego numer i datę (Nr pełnomocnictwa, Data "
        "pełnomocnictwa)"
    )
