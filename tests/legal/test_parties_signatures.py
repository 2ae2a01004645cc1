"""Every JST that pledges money gets its own skarbnik's countersignature line in the signature
block, in its own row, in the DOCX and in the Typst PDF (issue 12 items 2 and 3): a gmina, a
neighbouring gmina and a powiat pledging money together sign three countersignatures."""

from __future__ import annotations

import subprocess

import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.render.template_values import DATE_DOTS, SIGNATURE_DOTS
from deedgen.render.typst import typeset
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant
from tests.legal.test_parties_jst_money import powiat_pledges

NEIGHBOUR = {
    "id": "sasiad",
    "kind": "other_jst",
    "name": "Gmina Dębina",
    "short_name": "Gmina Dębina",
    "address": {"street": "ul. Szkolna 3", "postal_code": "26-210", "city": "Dębina"},
    "nip": "6572611469",
    "iod_email": "iod@debina.example.pl",
    "representatives": [{"name": "Roman Cis", "function": "Wójt Gminy Dębina"}],
    "treasurer": {"name": "Halina Buk", "function": "Skarbnik Gminy Dębina"},
}

TREASURERS = {
    "Gmina Lipowiec": "Jolanta Pietrzak, Skarbnik Gminy Lipowiec",
    "Gmina Dębina": "Halina Buk, Skarbnik Gminy Dębina",
    "Powiat Buski": "Barbara Lis, Skarbnik Powiatu Buskiego",
}


def three_jsts_pledge(data):
    powiat_pledges(data)
    data["parties"].append(dict(NEIGHBOUR))
    data["team"].append({"name": "Roman Cis", "party": "sasiad", "role": "member"})
    data["treasurer"] = {"name": "Jolanta Pietrzak", "function": "Skarbnik Gminy Lipowiec"}
    for party, amount in (("gmina", "2000.00"), ("sasiad", "1500.00")):
        data["contributions"].append(
            {"party": party, "resource": "finances", "description": "nagrody", "amount": amount}
        )


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    return variant(tmp_path_factory.mktemp("jst"), three_jsts_pledge)


def test_each_pledging_jst_has_its_own_countersignature_in_its_docx_row(sheet):
    text = build(sheet)["declaration"].full
    rows = text[text.index("Podpisy Stron") :].splitlines()[1:]
    by_party = {row.split(" | ")[0]: row for row in rows if " | " in row}
    for party, treasurer in TREASURERS.items():
        row = by_party[party]
        assert row.count("Kontrasygnata Skarbnika") == 1, row
        signed = f"{SIGNATURE_DOTS['pl']} / {treasurer} / {DATE_DOTS} / (data)"
        assert row.endswith(f"Kontrasygnata Skarbnika / {signed}"), row
    unpledged = [row for name, row in by_party.items() if name not in TREASURERS]
    assert unpledged and not any("Kontrasygnata" in row for row in unpledged)


def test_the_english_rendering_keeps_every_countersignature(sheet):
    text = build(sheet, "en")["declaration"].full
    block = text[text.index("Signatures of the Parties") :]
    assert block.count("Countersignature of the Treasurer") == 3
    for treasurer in TREASURERS.values():
        assert treasurer in block


def test_each_pledging_jst_has_its_own_countersignature_in_the_typst_pdf(sheet, tmp_path):
    documents = assemble_documents(read_sheet(sheet), load_library(), "pl", kinds=("declaration",))
    pdf = tmp_path / "deklaracja.pdf"
    pdf.write_bytes(typeset(documents, pdfa=False)["declaration"])
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    block = " ".join(text[text.index("Podpisy Stron") :].split())
    assert block.count("Kontrasygnata Skarbnika") == 3
    positions = [block.index(name) for name in TREASURERS]
    for party, treasurer in TREASURERS.items():
        start = block.index(party)
        later = [p for p in positions if p > start]
        row = block[start : min(later) if later else len(block)]
        assert "Kontrasygnata Skarbnika" in row and treasurer in row, row
