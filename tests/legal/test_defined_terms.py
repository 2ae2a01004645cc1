"""Defined terms: each defined once, at its first use, and then used without variants."""

from __future__ import annotations

import re

import pytest

from tests.legal.conftest import SAMPLE_SHEETS, build

DEFINITION = re.compile(r"(?:zwan\w+ dalej|– dalej:) „([^”]+)”")
# Periphrases of a defined term that the clause library must not produce (issue 12).
VARIANTS = (
    "Gmina będąca Stroną",
    "gminę będące Stronami",
    "biblioteka gminna będąca Stroną",
    "biblioteki gminnej będącej Stroną",
    "bibliotece gminnej będącej Stroną",
    "biblioteką gminną będącą Stroną",
    "Plan działań koalicji",
    "Plan działań Koalicji",
    "mentor, o którym mowa",
    "mentora z biblioteki wojewódzkiej, o którym mowa",
    "biblioteka gminna – ",
    "gmina – Gmina ",
)


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_no_periphrasis_of_a_defined_term(sample):
    for kind, text in build(sample).items():
        for variant in VARIANTS:
            assert variant not in text.full, (kind, variant)


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_every_term_of_the_declaration_is_defined_once(sample):
    terms = DEFINITION.findall(build(sample)["declaration"].full)
    assert len(terms) == len(set(terms)), sorted(t for t in terms if terms.count(t) > 1)
    assert {"Deklaracją", "Koalicją", "Planem działań", "Zespołem", "Stronami"} <= set(terms)


@pytest.mark.parametrize("sample", ["lipowiec", "brzeziny-nowe"])
def test_the_mentor_is_defined_at_its_first_use(sample):
    text = build(sample)["declaration"].full
    body = text[text.index("§ 1\n") :]  # the preamble speaks of a mentor in general terms
    first_use = re.search(r"\bMentor", body)
    assert body[first_use.start() : first_use.start() + 8] == "Mentorem"
    assert body.count("zwanego dalej „Mentorem”") == 1
    assert "Funkcję Mentora pełni" in body


def test_without_a_mentor_the_term_is_neither_defined_nor_used():
    text = build("niezgodna")["declaration"].full
    assert "Mentor" not in text
    assert "pod opieką merytoryczną mentora z biblioteki wojewódzkiej." in text


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_the_library_and_the_gmina_are_named_by_their_defined_terms(sample):
    text = build(sample)["declaration"]
    assert (
        "której inicjatorem i ośrodkiem jest Biblioteka."
        in text.paragraph("Przedmiot Deklaracji").text
    )
    term = text.paragraph("Okres obowiązywania i wypowiedzenie").text
    assert "Oświadczenie o wypowiedzeniu przyjmuje Biblioteka" in term
    assert "Jeżeli udział w Deklaracji wypowiada Biblioteka albo Gmina," in term
    disputes = text.paragraph("Rozstrzyganie sporów").text
    assert "w którego okręgu ma siedzibę Biblioteka." in disputes


def test_the_team_is_defined_before_the_contributions_refer_to_it():
    paragraphs = build("lipowiec")["declaration"].paragraphs()
    titles = [p.title for p in paragraphs]
    assert titles.index("Zespół projektowy") < titles.index("Wkład Stron")
    contributions = paragraphs[titles.index("Wkład Stron")].text
    assert "Strona niezwłocznie informuje Zespół o zmianie zakresu swojego wkładu." in contributions


# A structure line glued to the text before it (a block tag that swallowed the line break) shows
# its marker in the document: "„RODO”.ust.[information] …".
LEAKED_MARKER = re.compile(r"\b(ust|pkt|lit|tir|wsp)\.\[|[^\s(](ust|pkt|lit|tir|wsp)\.\s")


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_no_structure_marker_leaks_into_the_text(sample):
    for lang in ("pl", "en"):
        for kind, text in build(sample, lang).items():
            assert not LEAKED_MARKER.search(text.full), (lang, kind)
