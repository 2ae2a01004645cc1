"""The English rendering: one set of defined terms across the documents and Polish official
titles glossed once."""

from __future__ import annotations

import re

import pytest

from tests.legal.conftest import build, variant

DEFINED = re.compile(r"hereinafter (?:the )?“([^”]+)”")


@pytest.mark.parametrize("sample", ["lipowiec", "brzeziny-nowe"])
def test_the_library_and_the_gmina_have_one_term_across_the_documents(sample):
    documents = build(sample, "en")
    preliminary = DEFINED.findall(documents["preliminary"].full)
    declaration = DEFINED.findall(documents["declaration"].full)
    assert preliminary[:1] == ["Gmina"] and "Library" in preliminary
    assert {"Gmina", "Library"} <= set(declaration)
    assert "Biblioteka" not in preliminary + declaration
    assert len(declaration) == len(set(declaration))


def test_the_english_short_name_comes_from_the_sheet(tmp_path):
    """§ 3.12: ``short_name_en`` is the English defined term; clauses, tables and signatures
    switch together, and the Polish rendering keeps the Polish short name."""

    def named(data):
        data["parties"][2]["short_name_en"] = "Association"

    sheet = variant(tmp_path, named)
    english = build(sheet, "en")["declaration"].full
    assert "hereinafter “Association”" in english
    assert "“Stowarzyszenie”" not in english
    polish = build(sheet)["declaration"].full
    assert "– dalej: „Stowarzyszenie”" in polish and "Association" not in polish


def test_polish_official_titles_are_glossed_once():
    documents = build("brzeziny-nowe", "en")
    declaration = documents["declaration"].full
    assert declaration.count("(a gmina, the basic unit of local self-government in Poland)") == 1
    assert declaration.count("(burmistrz: the elected head of a gmina with a town)") == 1
    assert declaration.count("the gmina treasurer (skarbnik, ") == 1
    assert declaration.count("(podpis zaufany, ") == 1
    assert (
        "(a gmina, the basic unit of local self-government in Poland)"
        in documents["preliminary"].full
    )


def test_the_mentor_is_one_defined_term_in_english():
    declaration = build("lipowiec", "en")["declaration"].full
    assert declaration.count("hereinafter the “Mentor”") == 1
    assert "the mentor referred to in" not in declaration
    assert "The Mentor is Magdalena Lis" in declaration
