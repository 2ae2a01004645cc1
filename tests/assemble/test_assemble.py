"""Assembly: selection by condition, numbering, references by id, punctuation, inert data."""

from __future__ import annotations

import pytest

from deedgen.assemble import assemble_documents, punctuate
from deedgen.clauses.library import load_library
from deedgen.exceptions import ClauseError, SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.helpers import build_file_tree, clause_file, load_sample, write_sheet

LIBRARY = {
    "subject/subject.pl.txt": clause_file(
        "subject.subject",
        """
        Strony tworzą koalicję {{ coalition.name }}; zasady ewaluacji określa §[monitoring.evaluation#report].
        """,
        title="Przedmiot",
        order=100,
    ),
    "financing/budget.pl.txt": clause_file(
        "financing.budget",
        """
        ust. Gmina przeznacza na działania koalicji {{ gmina_money | amount }}.
        ust.[counter] Zobowiązanie wymaga kontrasygnaty skarbnika.
        """,
        title="Finansowanie",
        order=150,
        condition="gmina_contributes_money",
        fallback="financing.none",
    ),
    "financing/none.pl.txt": clause_file(
        "financing.none",
        "Deklaracja nie rodzi zobowiązań finansowych.",
        title="Finansowanie",
        order=150,
        condition="not gmina_contributes_money",
    ),
    "monitoring/evaluation.pl.txt": clause_file(
        "monitoring.evaluation",
        """
        ust. Strony prowadzą ewaluację.
        ust. Zespół:
        pkt. zbiera dane;
        pkt.[report] sporządza raport do dnia 31 grudnia 2026 r.
        lit. dla Wójta
        lit. dla Rady
        pkt. przedstawia raport, o którym mowa w §[subject.subject]
        wsp. w terminie 30 dni.
        ust. Raport, o którym mowa w ust. 2 pkt 2, jest jawny; zob. §[monitoring.evaluation#report].
        """,
        title="Ewaluacja",
        order=200,
    ),
    "goal_menu/reading.pl.txt": clause_file(
        "goal_menu.reading", "upowszechnianie czytelnictwa", documents=("goal_menu",)
    ),
}


@pytest.fixture
def library(tmp_path):
    return load_library(central=build_file_tree(tmp_path / "lib", LIBRARY))


def sheet_with(tmp_path, mutate=None):
    data = load_sample("lipowiec")
    data["goals"]["chosen"] = ["goal_menu.reading"]
    if mutate:
        mutate(data)
    return read_sheet(write_sheet(tmp_path / "sheet.yaml", data))


def add_gmina_money(data):
    data["contributions"].append(
        {"party": "gmina", "resource": "finances", "description": "dotacja", "amount": "1234.50"}
    )
    data["treasurer"] = {"name": "Halina Skarbek"}


def declaration(tmp_path, library, mutate=None):
    return assemble_documents(sheet_with(tmp_path, mutate), library)["declaration"]


def test_numbering_and_references(tmp_path, library):
    doc = declaration(tmp_path, library)
    text = doc.plain_text()
    assert [s.number for s in doc.sections] == [1, 2, 3]
    assert [s.clause_id for s in doc.sections] == [
        "subject.subject",
        "financing.none",
        "monitoring.evaluation",
    ]
    # a reference to another § names it; inside the same § only ust./pkt
    assert "zasady ewaluacji określa § 3 ust. 2 pkt 2." in text.replace("\u00a0", " ")
    assert "jest jawny; zob. ust. 2 pkt 2." in text.replace("\u00a0", " ")


def test_conditional_clause_renumbers_and_references_follow(tmp_path, library):
    doc = declaration(tmp_path, library, add_gmina_money)
    text = doc.plain_text().replace("\u00a0", " ")
    assert [s.clause_id for s in doc.sections] == [
        "subject.subject",
        "financing.budget",
        "monitoring.evaluation",
    ]
    assert "1 234,50 zł (słownie: tysiąc dwieście trzydzieści cztery złote 50/100)" in text
    assert "zasady ewaluacji określa § 3 ust. 2 pkt 2." in text
    # add a clause before the evaluation: everything after it moves and the reference follows
    extra = dict(LIBRARY)
    extra["promotion/dialogue.pl.txt"] = clause_file(
        "promotion.dialogue", "Strony prowadzą dialog.", order=120
    )
    moved = load_library(central=build_file_tree(tmp_path / "lib2", extra))
    doc = declaration(tmp_path, moved, add_gmina_money)
    text = doc.plain_text().replace("\u00a0", " ")
    assert doc.section("monitoring.evaluation").number == 4
    assert "zasady ewaluacji określa § 4 ust. 2 pkt 2." in text


def test_fallback_takes_the_place_of_a_false_condition(tmp_path, library):
    doc = declaration(tmp_path, library)
    assert doc.section("financing.none").number == 2
    assert "financing.budget" not in doc.clause_ids


def test_punctuation_of_enumerations(tmp_path, library):
    doc = declaration(tmp_path, library)
    units = [(u.kind, u.label, u.text) for u in doc.section("monitoring.evaluation").units]
    assert units == [
        ("ust", "1.", "Strony prowadzą ewaluację."),
        ("ust", "2.", "Zespół:"),
        ("pkt", "1)", "zbiera dane;"),
        ("pkt", "2)", "sporządza raport do dnia 31 grudnia 2026\u00a0r."),
        ("lit", "a)", "dla Wójta,"),
        ("lit", "b)", "dla Rady;"),
        ("pkt", "3)", "przedstawia raport, o którym mowa w §\u00a01"),
        ("wsp", "", "– w terminie 30 dni."),
        (
            "ust",
            "3.",
            "Raport, o którym mowa w ust.\u00a02 pkt\u00a02, jest jawny; zob. ust.\u00a02 pkt\u00a02.",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "ending", "expected"),
    [
        ("zbiera dane;", ".", "zbiera dane."),
        ("zbiera dane", ";", "zbiera dane;"),
        ("do 31 grudnia 2026 r.", ";", "do 31 grudnia 2026 r.;"),
        ("do 31 grudnia 2026 r.", ".", "do 31 grudnia 2026 r."),
        ("dla Rady,", ",", "dla Rady,"),
    ],
)
def test_punctuate(text, ending, expected):
    assert punctuate(text, ending) == expected


def test_reference_to_a_clause_not_in_the_document_names_both(tmp_path, library):
    broken = dict(LIBRARY)
    broken["subject/subject.pl.txt"] = clause_file(
        "subject.subject", "Zob. §[financing.budget#counter].", order=100
    )
    lib = load_library(central=build_file_tree(tmp_path / "broken", broken))
    with pytest.raises(ClauseError) as err:
        declaration(tmp_path, lib)
    message = err.value.format_message()
    assert "subject.subject" in message and "financing.budget" in message
    assert "subject.pl.txt" in message
    assert "§ ?" not in message


def test_unknown_anchor_is_an_error(tmp_path, library):
    broken = dict(LIBRARY)
    broken["subject/subject.pl.txt"] = clause_file(
        "subject.subject", "Zob. §[monitoring.evaluation#nope].", order=100
    )
    lib = load_library(central=build_file_tree(tmp_path / "broken", broken))
    with pytest.raises(ClauseError, match=r"nie ma kotwicy \[nope\] \(jej kotwice: report\)"):
        declaration(tmp_path, lib)


def test_misspelt_placeholder_names_clause_and_line(tmp_path, library):
    broken = dict(LIBRARY)
    broken["subject/subject.pl.txt"] = clause_file(
        "subject.subject", "ust. Pierwszy.\nust. {{ coalition.nmae }}", order=100
    )
    lib = load_library(central=build_file_tree(tmp_path / "broken", broken))
    with pytest.raises(ClauseError) as err:
        declaration(tmp_path, lib)
    message = err.value.format_message()
    assert "subject.pl.txt:10" in message and "nmae" in message


def test_sandbox_refuses_template_code(tmp_path, library):
    broken = dict(LIBRARY)
    broken["subject/subject.pl.txt"] = clause_file(
        "subject.subject", "{{ coalition.__class__.__mro__ }}", order=100
    )
    lib = load_library(central=build_file_tree(tmp_path / "broken", broken))
    with pytest.raises(ClauseError, match="sandbox|unsafe|__class__"):
        declaration(tmp_path, lib)


def test_partner_data_is_never_evaluated_or_parsed_as_structure(tmp_path, library):
    def hostile(data):
        data["coalition"]["name"] = "{{ 7*7 }} pkt. §[subject.subject] {% raw %}"

    doc = declaration(tmp_path, library, hostile)
    first = doc.section("subject.subject").units
    assert len(first) == 1
    assert first[0].text.startswith(
        "Strony tworzą koalicję {{ 7*7 }} pkt. §[subject.subject] {% raw %};"
    )


def test_unknown_goal_points_at_the_sheet(tmp_path, library):
    def bad_goal(data):
        data["goals"]["chosen"] = ["goal_menu.reading", "goal_menu.nope"]

    with pytest.raises(SheetInvalid) as err:
        declaration(tmp_path, library, bad_goal)
    problem = err.value.problems[0]
    assert problem.path == "goals.chosen[1]"
    assert problem.location.line is not None
    assert "goal_menu.nope" in problem.message("en")


def test_signatories_include_the_treasurer_only_with_money(tmp_path, library):
    plain = declaration(tmp_path, library)
    assert not plain.has_countersignature
    assert {s.party_id for s in plain.signatories} == {"gbp", "gmina", "razem", "szkola"}
    assert len(plain.signatories) == 5  # the association signs with two board members
    money = declaration(tmp_path, library, add_gmina_money)
    counter = [s for s in money.signatories if s.role == "countersignature"]
    assert [(s.person, s.party_id) for s in counter] == [("Halina Skarbek", "gmina")]
