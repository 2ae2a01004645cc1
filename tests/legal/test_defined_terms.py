"""Defined terms: each defined once, at its first use, and then used without variants.

The checks that hold for every document — a term defined twice, used before its definition or
paraphrased, a structure marker printed in the text — are the clause lint's rules
``defined-term`` and ``leaked-marker`` (:mod:`deedgen.clauses.lint_terms`); these tests run that
lint on the sample sheets and the cohort's sheets, and check what a lawyer reads in particular.
"""

from __future__ import annotations

import re

import pytest

from deedgen.clauses.data_model import data_model
from deedgen.clauses.library import load_library
from deedgen.clauses.lint_terms import DEFINITION, term_findings
from tests.helpers import SAMPLES
from tests.legal.conftest import COHORT, SAMPLE_SHEETS, build


@pytest.mark.parametrize(
    "sheets",
    [[SAMPLES / f"{name}.yaml" for name in SAMPLE_SHEETS], sorted(COHORT.glob("*.yaml"))],
    ids=["samples", "cohort"],
)
def test_the_lint_finds_no_defined_term_problem_and_no_leaked_marker(sheets):
    model = data_model(sheets)
    assert len(model.samples) == 2 * len(sheets)  # every sheet read, in both languages
    findings = term_findings(load_library(), model)
    assert [f"{f.location}: {f.message()}" for f in findings] == []


@pytest.mark.parametrize("sample", SAMPLE_SHEETS)
def test_the_core_terms_of_the_declaration_are_defined(sample):
    terms = DEFINITION["pl"].findall(build(sample)["declaration"].full)
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
