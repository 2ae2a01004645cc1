"""RODO: every coalition's declaration gives each administrator's full art. 13 information, and
residents and members of informal groups appear as data subjects, never as administrators."""

from __future__ import annotations

import re

import pytest

from tests.legal.conftest import COHORT, SAMPLE_SHEETS, build, load_sample

PUBLIC_KINDS = ("gmina", "library", "school", "cultural_institution", "county_library", "powiat")
# What art. 13 RODO requires, each as the words the information paragraph must contain.
ARTICLE_13_PL = {
    "purposes and bases": "Dane osobowe są przetwarzane w celu:",
    "recipients": "Odbiorcami danych mogą być",
    "third countries": "nie są przekazywane do państwa trzeciego",
    "retention": "Dane przechowuje się przez okres obowiązywania Deklaracji",
    "rights": "prawo dostępu do swoich danych, ich sprostowania, usunięcia lub ograniczenia "
    "przetwarzania oraz prawo wniesienia sprzeciwu",
    "complaint": "prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych",
    "requirement": "Podanie danych jest wymogiem umownym",
    "source (art. 14)": "otrzymał je od Strony, którą ta osoba reprezentuje",
}
ARTICLE_13_EN = {
    "purposes and bases": "Personal data are processed for the purposes of:",
    "recipients": "The data may be disclosed to",
    "rights": "the right of access to his or her data, to rectification, erasure or restriction",
    "complaint": "President of the Personal Data Protection Office",
    "requirement": "Providing the data is a contractual requirement",
}


def controller_blocks(information: str) -> dict[str, str]:
    """The information paragraph's administrator entries: {party name: its litery a)–c)}."""
    blocks, current = {}, None
    for line in information.splitlines():
        point = re.fullmatch(r"\d+\)\t(.*):", line)
        if point:
            current = point.group(1)
            blocks[current] = ""
        elif current and re.match(r"[a-c]\)\t", line):
            blocks[current] += line + "\n"
        else:
            current = None
    return blocks


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_each_administrator_has_its_own_full_information(sample):
    text = build(sample)["declaration"]
    information = text.paragraph("Informacja o przetwarzaniu danych osobowych").text
    blocks = controller_blocks(information)
    parties = load_sample(sample)["parties"]

    assert set(blocks) == {p["name"] for p in parties}
    for party in parties:
        block = blocks[party["name"]]
        assert f"dane kontaktowe administratora: {party['address']['street']}" in block
        if party.get("iod_email"):
            assert f"inspektor ochrony danych: {party['iod_email']}" in block
        elif party["kind"] not in PUBLIC_KINDS:
            assert "administrator nie wyznaczył inspektora ochrony danych" in block
        basis = "art. 6 ust. 1 lit. e RODO" if party["kind"] in PUBLIC_KINDS else "lit. f RODO"
        assert basis in block, (party["name"], block)
    for element, words in ARTICLE_13_PL.items():
        assert words in information, element


def test_the_protection_paragraph_points_at_the_information_and_drops_the_old_delegation():
    text = build("lipowiec")["declaration"]
    protection = text.paragraph("Ochrona danych osobowych").text
    information = text.paragraph("Informacja o przetwarzaniu danych osobowych")

    assert (
        f"Informacje, o których mowa w art. 13 i art. 14 RODO, zawiera § {information.number}."
        in protection
    )
    assert "Dane kontaktowe w sprawach ochrony danych osobowych" not in text.full
    assert "wykonuje obowiązek informacyjny" not in text.full


def test_english_information_has_the_same_elements():
    information = (
        build("brzeziny-nowe", "en")["declaration"]
        .paragraph("Information on the processing of personal data")
        .text
    )
    for element, words in ARTICLE_13_EN.items():
        assert words in information, element
    assert (
        "data protection officer (inspektor ochrony danych): iod@brzeziny-nowe.example.pl"
        in information
    )


def test_residents_and_informal_groups_are_data_subjects_not_administrators():
    sheet = COHORT / "jaworowka-nowa.yaml"
    data = load_sample_path(sheet)
    text = build(sheet)["declaration"]
    protection = text.paragraph("Ochrona danych osobowych").text
    information = text.paragraph("Informacja o przetwarzaniu danych osobowych").text
    blocks = controller_blocks(information)

    groups = [p["name"] for p in data["parties"] if p["kind"] == "informal_group"]
    residents = [p["name"] for p in data["parties"] if p["kind"] == "resident"]
    assert groups, "the cohort sheet should have informal groups"
    assert not set(groups + residents) & set(blocks)
    assert (
        "Każda ze Stron niebędąca osobą fizyczną ani grupą nieformalną jest odrębnym administratorem"
        in protection
    )
    assert "członkowie grup nieformalnych są osobami, których dane dotyczą" in protection
    assert "członków grup nieformalnych" in information.splitlines()[0]


def test_a_resident_party_gets_the_contract_basis_and_portability():
    sheet = COHORT / "grabowa-wola-mala.yaml"
    information = (
        build(sheet)["declaration"].paragraph("Informacja o przetwarzaniu danych osobowych").text
    )
    assert "art. 6 ust. 1 lit. b RODO wobec Stron będących osobami fizycznymi" in information
    assert "prawo do przenoszenia danych na zasadach określonych w art. 20 RODO" in information
    assert "Stron będących osobami fizycznymi" in information.splitlines()[0]


def load_sample_path(path):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
