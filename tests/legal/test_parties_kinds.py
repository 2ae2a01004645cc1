"""The party kinds a rural coalition really has (issue 12 item 5, phase 2 § 3.2): each drafted with
its own representation and register, and refused or warned about when its data cannot be drafted
right."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant

ADDRESS = {"street": "ul. Polna 3", "postal_code": "28-130", "city": "Lipowiec"}


def add(party: dict):
    def change(data):
        data["parties"].append({"address": ADDRESS, **party})

    return change


COMPANY = {
    "id": "spolka",
    "kind": "company",
    "name": "Drukarnia „Kartka” sp. z o.o.",
    "short_name": "Drukarnia",
    "krs": "0000561290",
    "nip": "3349806107",
    "representatives": [{"name": "Grzegorz Kamiński", "function": "Prezes Zarządu"}],
}
KGW = {
    "id": "kgw",
    "kind": "kgw",
    "name": "Koło Gospodyń Wiejskich w Lipowcu",
    "short_name": "Koło",
    "kgw_register_number": "KGW/2019/1234",
    "representatives": [{"name": "Zofia Kwiatek", "function": "Przewodnicząca Zarządu Koła"}],
}
SOLE_TRADER = {
    "id": "firma",
    "kind": "sole_trader",
    "name": "Usługi Poligraficzne Jan Nowak",
    "nip": "3349806107",
    "representatives": [{"name": "Jan Nowak", "function": "właściciel"}],
}


def _entry(text, name: str) -> str:
    return next(line for line in text.full.splitlines() if f"\t{name}," in line)


def test_a_company_acts_through_its_zarzad_under_art_201_ksh(tmp_path):
    text = build(variant(tmp_path, add(COMPANY)))["declaration"]
    entry = _entry(text, "Drukarnia „Kartka” sp. z o.o.")
    assert "KRS: 0000561290" in entry
    assert (
        "w imieniu Strony działa zarząd: Grzegorz Kamiński (Prezes Zarządu), zgodnie z art. 201 § 1 "
        "ustawy z dnia 15 września 2000 r. – Kodeks spółek handlowych i wpisem w Krajowym Rejestrze "
        "Sądowym"
    ) in entry
    assert "statut" not in entry and "Dyrektor" not in entry


def test_a_company_without_krs_is_refused_and_a_director_without_a_power_is_warned(tmp_path):
    company = dict(COMPANY, krs=None)
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, add(company)))
    assert [(p.code, p.path) for p in raised.value.problems if p.severity == "error"] == [
        ("company_krs", "parties[4].krs")
    ]
    director = dict(COMPANY, representatives=[{"name": "Jan Kos", "function": "Dyrektor"}])
    warnings = read_sheet(variant(tmp_path, add(director))).warnings
    assert [(p.code, p.path) for p in warnings] == [
        ("company_representation", "parties[4].representatives")
    ]
    assert "funkcja „Dyrektor” nie jest funkcją w zarządzie" in warnings[0].describe("pl")


def test_a_company_attorney_signs_under_the_numbered_power(tmp_path):
    attorney = dict(
        COMPANY,
        representatives=[{"name": "Jan Kos", "function": "Dyrektor"}],
        power_of_attorney={"number": "1/2026", "date": "2026-03-01"},
    )
    entry = _entry(build(variant(tmp_path, add(attorney)))["declaration"], COMPANY["name"])
    assert (
        "w imieniu Strony działa pełnomocnik: Jan Kos (Dyrektor), na podstawie pełnomocnictwa nr "
        "1/2026 z dnia 1 marca 2026 r."
    ) in entry


def test_a_kgw_is_in_the_arimr_register_not_the_krs(tmp_path):
    entry = _entry(build(variant(tmp_path, add(KGW)))["declaration"], KGW["name"])
    assert (
        "koło gospodyń wiejskich wpisane do Krajowego Rejestru Kół Gospodyń Wiejskich prowadzonego "
        "przez Prezesa Agencji Restrukturyzacji i Modernizacji Rolnictwa pod nr KGW/2019/1234; w "
        "imieniu Strony działa zarząd koła: Zofia Kwiatek (Przewodnicząca Zarządu Koła), zgodnie ze "
        "statutem koła"
    ) in entry
    assert "KRS" not in entry
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, add(dict(KGW, krs="0000561290", kgw_register_number=None))))
    assert sorted(p.code for p in raised.value.problems if p.severity == "error") == [
        "kgw_krs",
        "kgw_register_missing",
    ]


def test_a_sole_trader_acts_in_their_own_name(tmp_path):
    entry = _entry(build(variant(tmp_path, add(SOLE_TRADER)))["declaration"], SOLE_TRADER["name"])
    assert (
        "osoba fizyczna prowadząca działalność gospodarczą pod firmą Usługi Poligraficzne Jan Nowak, "
        "wpisana do Centralnej Ewidencji i Informacji o Działalności Gospodarczej, działająca we "
        "własnym imieniu: Jan Nowak"
    ) in entry
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, add(dict(SOLE_TRADER, nip=None))))
    assert [p.code for p in raised.value.problems if p.severity == "error"] == ["sole_trader_nip"]


def test_a_parish_needs_its_basis_of_representation_as_data(tmp_path):
    parish = {
        "id": "parafia",
        "kind": "church_entity",
        "name": "Parafia Rzymskokatolicka pw. św. Jana w Lipowcu",
        "representatives": [{"name": "ks. Adam Wójcik", "function": "Proboszcz"}],
    }
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, add(parish)))
    assert [(p.code, p.path) for p in raised.value.problems if p.severity == "error"] == [
        ("church_basis_missing", "parties[4].representation_basis")
    ]
    basis = "dekret Biskupa Kieleckiego nr 12/2020"
    entry = _entry(
        build(variant(tmp_path, add(dict(parish, representation_basis=basis))))["declaration"],
        parish["name"],
    )
    assert f"ks. Adam Wójcik (Proboszcz), podstawa reprezentacji: {basis}" in entry


def test_an_ordinary_associations_representation_is_chosen_by_the_data(tmp_path):
    circle = {
        "id": "kpb",
        "kind": "ordinary_association",
        "name": "Koło Przyjaciół Biblioteki w Lipowcu",
        "register_number": "27",
        "representatives": [{"name": "Halina Szymańska", "function": "Dyrektor"}],
    }
    board = build(variant(tmp_path, add(dict(circle, representation_mode="zarzad"))))
    entry = _entry(board["declaration"], circle["name"])
    assert (
        "stowarzyszenie zwykłe wpisane do ewidencji stowarzyszeń zwykłych pod nr 27, w imieniu "
        "Strony działa: Halina Szymańska (Dyrektor), jako członek zarządu stowarzyszenia zwykłego"
    ) in entry
    warnings = read_sheet(variant(tmp_path, add(circle))).warnings
    assert [(p.code, p.severity) for p in warnings] == [("representation_mode_missing", "warning")]
    assert "„zarząd stowarzyszenia zwykłego”" in warnings[0].describe("pl")
    assert "zarzad" not in warnings[0].describe("pl")


def test_the_legacy_business_kind_loads_with_a_warning(tmp_path):
    business = dict(COMPANY, kind="business")
    warnings = read_sheet(variant(tmp_path, add(business))).warnings
    assert [(p.code, p.path) for p in warnings] == [("business_legacy", "parties[4].kind")]
    said = warnings[0].describe("pl")
    # the drop-down's Polish labels, never the codes, in the message a librarian reads
    assert "wybierz „spółka (KRS)” albo „przedsiębiorca (CEIDG)”" in said
    assert "company" not in said and "sole_trader" not in said


def test_a_cultural_centre_that_runs_the_library_initiates_the_coalition(tmp_path):
    def centre(data):
        library = data["parties"][0]
        library.update(
            kind="cultural_institution",
            runs_library=True,
            name="Gminny Ośrodek Kultury i Biblioteka Publiczna w Lipowcu",
        )

    documents = build(variant(tmp_path, centre))
    entry = documents["declaration"].full.splitlines()
    first = next(line for line in entry if line.startswith("1)\t"))
    assert first.startswith(
        "1)\tGminny Ośrodek Kultury i Biblioteka Publiczna w Lipowcu (instytucja kultury prowadząca "
        "bibliotekę publiczną), samorządowa instytucja kultury wpisana do rejestru instytucji "
        "kultury prowadzonego przez Gminę Lipowiec pod nr 1, adres siedziby"
    )
    assert "na podstawie art. 17 ustawy z dnia 25 października 1991 r." in first
