"""JST money (issue 12 items 2 and 3, phase 2 § 3.7): every JST that pledges money — itself or
through its school, a budget unit — gets the budget clause naming its own budget resolution and the
countersignature of its own skarbnik on the right statute; the sheet and the funding rule see it."""

from __future__ import annotations

import copy

import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.compliance.check import run_check
from deedgen.document import DOCUMENT_ORDER
from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.compliance.factory import documents_for
from tests.legal.conftest import build, variant

POWIAT = {
    "id": "powiat",
    "kind": "powiat",
    "name": "Powiat Buski",
    "short_name": "Powiat",
    "address": {"street": "ul. Mickiewicza 17", "postal_code": "28-100", "city": "Busko-Zdrój"},
    "nip": "6551962933",
    "iod_email": "iod@powiat.busko.example.pl",
    "representatives": [
        {"name": "Jerzy Kolarz", "function": "Starosta Buski"},
        {"name": "Anna Mądra", "function": "Wicestarosta"},
    ],
    "treasurer": {"name": "Barbara Lis", "function": "Skarbnik Powiatu Buskiego"},
}


def powiat_pledges(data, treasurer=True):
    powiat = copy.deepcopy(POWIAT)  # callers change its nested treasurer
    if not treasurer:
        del powiat["treasurer"]
    data["parties"].append(powiat)
    data["contributions"].append(
        {
            "party": "powiat",
            "resource": "finances",
            "description": "dofinansowanie warsztatów",
            "amount": "5000.00",
        }
    )
    data["team"].append({"name": "Anna Mądra", "party": "powiat", "role": "member"})


def school_pledges(data):
    data["contributions"].append(
        {
            "party": "szkola",
            "resource": "finances",
            "description": "zakup materiałów na warsztaty",
            "amount": "1200.00",
        }
    )
    data["treasurer"] = {"name": "Jolanta Pietrzak", "function": "Skarbnik Gminy Lipowiec"}


def test_a_powiat_pledging_money_gets_its_budget_clause_and_its_skarbnik(tmp_path):
    text = build(variant(tmp_path, powiat_pledges))["declaration"]
    powiat = next(line for line in text.full.splitlines() if "Powiat Buski," in line)
    assert (
        "w imieniu Strony działają członkowie zarządu powiatu: Jerzy Kolarz (Starosta Buski) i Anna "
        "Mądra (Wicestarosta), na podstawie art. 48 ust. 1 ustawy z dnia 5 czerwca 1998 r. o "
        "samorządzie powiatowym, przy kontrasygnacie Skarbnika Powiatu Buskiego: Barbara Lis"
    ) in powiat
    financing = text.paragraph("Finansowanie").text
    assert (
        "Powiat przeznacza na realizację działań Koalicji środki finansowe w łącznej kwocie "
        "nieprzekraczającej 5 000,00 zł (słownie: pięć tysięcy złotych 00/100)"
    ) in financing
    assert "w uchwale budżetowej powiatu na dany rok budżetowy" in financing
    assert (
        "zobowiązań majątkowych powiatu, wymaga kontrasygnaty skarbnika powiatu lub osoby przez "
        "niego upoważnionej, zgodnie z art. 48 ust. 3 ustawy z dnia 5 czerwca 1998 r. o "
        "samorządzie powiatowym."
    ) in financing
    assert "art. 46 ust. 3" not in financing  # the gmina pledges nothing
    assert "Brak skutków finansowych" not in [p.title for p in text.paragraphs()]
    signatures = text.full[text.full.index("Podpisy Stron") :]
    assert "Barbara Lis, Skarbnik Powiatu Buskiego" in signatures


def test_the_funding_rule_sees_the_powiats_countersignature(tmp_path):
    sheet = read_sheet(variant(tmp_path, powiat_pledges))
    assembled = assemble_documents(sheet, load_library(), "pl", kinds=DOCUMENT_ORDER)
    (passed,) = [f for f in run_check(sheet, assembled).findings if f.rule_id == "countersignature"]
    assert (passed.status, passed.code) == ("pass", "countersignature_ok")
    # a declaration without the powiat's line (only the gmina's, as before phase 2) fails the rule
    (failed,) = [
        f
        for f in run_check(sheet, documents_for(sheet)).findings
        if f.rule_id == "countersignature"
    ]
    assert (failed.status, failed.code, failed.params["party"]) == (
        "fail",
        "countersignature_missing",
        "powiat",
    )
    assert [place.path for place in failed.places] == ["parties[4].treasurer", "contributions[6]"]


def test_powiat_money_without_its_skarbnik_is_an_error_at_its_cell(tmp_path):
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, lambda data: powiat_pledges(data, treasurer=False)))
    (problem,) = [p for p in raised.value.problems if p.severity == "error"]
    assert (problem.code, problem.path) == ("jst_treasurer_required", "parties[4].treasurer")
    assert (
        "Strona „powiat” (jednostka samorządu terytorialnego) wnosi środki finansowe (5000.00 zł)"
        in (problem.describe("pl"))
    )


def test_a_gmina_schools_money_is_the_gminas(tmp_path):
    text = build(variant(tmp_path, school_pledges))["declaration"]
    financing = text.paragraph("Finansowanie").text
    assert (
        "Gmina przeznacza na realizację działań Koalicji środki finansowe w łącznej kwocie "
        "nieprzekraczającej 1 200,00 zł"
    ) in financing
    assert (
        "zgodnie z art. 46 ust. 3 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym" in financing
    )
    gmina = next(line for line in text.full.splitlines() if line.startswith("2)\tGmina Lipowiec,"))
    assert "przy kontrasygnacie Skarbnika Gminy Lipowiec: Jolanta Pietrzak" in gmina
    assert "nie przekazuje w ramach Deklaracji środków finansowych" not in text.full


def test_a_gmina_schools_money_needs_the_gminas_treasurer(tmp_path):
    def without_treasurer(data):
        school_pledges(data)
        del data["treasurer"]

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, without_treasurer))
    assert [(p.code, p.params["amount"]) for p in raised.value.problems] == [
        ("treasurer_required", "1200.00")
    ]


def test_two_jsts_pledging_money_each_name_their_amount_budget_and_statute(tmp_path):
    def both(data):
        powiat_pledges(data)
        school_pledges(data)

    data_path = variant(tmp_path, both)
    financing = build(data_path)["declaration"].paragraph("Finansowanie").text
    assert (
        "Na realizację działań Koalicji przeznaczają środki finansowe, na zasadach i w terminach "
        "określonych w odrębnych umowach, w granicach swoich uchwał budżetowych:"
    ) in financing
    assert "1)\tGmina – w łącznej kwocie nieprzekraczającej 1 200,00 zł" in financing
    assert "2)\tPowiat – w łącznej kwocie nieprzekraczającej 5 000,00 zł" in financing
    assert "w uchwale budżetowej właściwej jednostki samorządu terytorialnego" in financing
    assert "art. 46 ust. 3 ustawy z dnia 8 marca 1990 r." in financing
    assert "art. 48 ust. 3 ustawy z dnia 5 czerwca 1998 r." in financing
    documents = assemble_documents(read_sheet(data_path), load_library(), "pl")
    countersigned = [
        (line.party_id, line.person)
        for line in documents["declaration"].signatories
        if line.role == "countersignature"
    ]
    assert countersigned == [("gmina", "Jolanta Pietrzak"), ("powiat", "Barbara Lis")]
