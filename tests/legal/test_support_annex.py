"""Annex 3, „Deklaracje poparcia” (issue 12): an informal group that only supports the Coalition
joins through a non-binding declaration of support in an annex of its own, signed by its members
in their own name — never with money, never as a Party. A coalition without such a group has no
annex 3 at all."""

from __future__ import annotations

import io

import docx
import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.render.docx import render_docx
from deedgen.sheet.validate import read_sheet
from tests.helpers import cell_lines, load_sample, write_sheet
from tests.legal.conftest import build
from tests.legal.test_parties_informal_groups import GROUP

# the informal-group tests' group, declaring its support only
SENIORS = dict(GROUP, informal_group_mode="support")
YOUTH = {
    "id": "mlodzi",
    "kind": "informal_group",
    "informal_group_mode": "support",
    "name": "Grupa nieformalna „Młodzi z Zagórza”",
    "short_name": "Młodzi",
    "address": {"street": "Zagórze", "postal_code": "28-131", "city": "Zagórze"},
    "representatives": [{"name": "Piotr Zając", "function": "członek grupy"}],
}
MEMBERS = ("Jan Kowalski", "Anna Nowak", "Piotr Zając")


def supported_sheet(folder):
    """Lipowiec with two informal groups that only declare their support."""
    data = load_sample("lipowiec")
    data["parties"] += [SENIORS, YOUTH]
    return write_sheet(folder / "lipowiec-poparcie.yaml", data)


@pytest.fixture(scope="module")
def sheet_path(tmp_path_factory):
    return supported_sheet(tmp_path_factory.mktemp("poparcie"))


@pytest.fixture(scope="module")
def assembled(sheet_path):
    library = load_library()
    sheet = read_sheet(sheet_path)
    return {lang: assemble_documents(sheet, library, lang) for lang in ("pl", "en")}


def annex_docx(assembled, lang):
    return docx.Document(io.BytesIO(render_docx(assembled[lang]["support"])))


def body_lines(word) -> list[str]:
    return [p.text.replace("\u00a0", " ") for p in word.paragraphs if p.text.strip()]


def signature_cells(word) -> list[tuple[str, str]]:
    """(left cell, right cell) of each row of the annex's signature table."""
    (table,) = word.tables
    return [(row.cells[0].text, "\n".join(cell_lines(row.cells[1]))) for row in table.rows]


def test_the_annex_has_its_head_the_groups_declarations_and_the_rodo_pointer(assembled):
    declaration = assembled["pl"]["declaration"]
    goals = declaration.section("goals.objectives").number
    accession = declaration.section("sustainability.accession").number
    information = declaration.section("personal_data.information").number
    lines = body_lines(annex_docx(assembled, "pl"))
    assert lines[:3] == [
        "Załącznik nr 3 do Deklaracji partnerstwa z dnia 15 kwietnia 2026 r.",
        "DEKLARACJE POPARCIA",
        "Koalicja „Biblioteka w sercu Lipowca”",
    ]
    text = "\n".join(lines)
    assert "Deklaracja poparcia jest niewiążąca: nie rodzi praw ani obowiązków." in text
    assert "nie jest Stroną Deklaracji, nie wnosi wkładu, w szczególności finansowego" in text
    assert f"w trybie określonym w § {accession} Deklaracji." in text
    for group, city in (("Seniorzy z Lipowca", "Lipowiec"), ("Młodzi z Zagórza", "Zagórze")):
        assert (
            f"Grupa nieformalna „{group}” (miejscowość: {city}) popiera cele "
            f"Koalicji określone w § {goals} Deklaracji i deklaruje udział w jej działaniach na "
            "zasadach dobrowolności. Deklarację składają we własnym imieniu członkowie grupy:"
        ) in text
    assert "Jan Kowalski;\nAnna Nowak." in text.replace("1)\t", "").replace("2)\t", "")
    assert f"wymaganą przez art. 14 RODO, zawiera § {information} Deklaracji." in text
    # names and the locality only: no postal code, no address line of the group
    assert "28-130" not in text and "28-131" not in text


def test_the_groups_members_sign_in_their_own_name_and_no_party_signs(assembled):
    word = annex_docx(assembled, "pl")
    assert "Podpisy członków grup nieformalnych" in body_lines(word)
    rows = signature_cells(word)
    assert [left for left, _ in rows] == [SENIORS["name"], YOUTH["name"]]
    # each signature: its dotted line, the person, the date line, „(data)”
    assert rows[0][1].split("\n")[1::4] == [
        "Jan Kowalski, członek grupy nieformalnej, we własnym imieniu",
        "Anna Nowak, członkini grupy nieformalnej, we własnym imieniu",
    ]
    assert rows[1][1].split("\n")[1::4] == [
        "Piotr Zając, członek grupy nieformalnej, we własnym imieniu"
    ]
    assert rows[0][1].split("\n")[3::4] == ["(data)", "(data)"]
    parties = {line.party_id for line in assembled["pl"]["declaration"].signatories}
    assert {line.party_id for line in assembled["pl"]["support"].signatories} == {
        "seniorzy",
        "mlodzi",
    }
    assert not parties & {"seniorzy", "mlodzi"}
    declaration_people = {line.person for line in assembled["pl"]["declaration"].signatories}
    assert not declaration_people & set(MEMBERS)


def test_the_declaration_lists_annex_3_and_names_it_in_the_support_paragraph(sheet_path):
    text = build(sheet_path)["declaration"]
    annexes = text.paragraph("Załączniki").text
    assert (
        "1)\tZałącznik nr 1 – Plan działań;\n2)\tZałącznik nr 2 – Formularze ewaluacji;\n"
        "3)\tZałącznik nr 3 – Deklaracje poparcia.\n"
    ) in annexes
    support = text.paragraph("Deklaracje poparcia").text
    assert (
        "na podstawie niewiążących deklaracji poparcia, stanowiących załącznik nr 3 do Deklaracji:"
    ) in support
    information = text.paragraph("Informacja o przetwarzaniu danych osobowych").text
    assert "członków grup nieformalnych składających deklaracje poparcia oraz osób" in information
    assert (
        "a w przypadku członków grup nieformalnych składających deklaracje poparcia – imię, "
        "nazwisko i miejscowość grupy."
    ) in information


def test_the_english_rendering_is_a_marked_translation(sheet_path, assembled):
    word = annex_docx(assembled, "en")
    lines = body_lines(word)
    assert lines[:2] == [
        "Annex 3 to the Partnership Declaration of 15 April 2026",
        "DECLARATIONS OF SUPPORT",
    ]
    header = " ".join(p.text for p in word.sections[0].header.paragraphs)
    assert "Translation from Polish" in header
    goals = assembled["en"]["declaration"].section("goals.objectives").number
    assert (
        f"(an informal group, locality: Lipowiec) supports the Coalition's goals set out in "
        f"§ {goals} of the Declaration"
    ) in "\n".join(lines)
    assert "Signatures of the members of the informal groups" in lines
    rows = signature_cells(word)
    assert "Piotr Zając, member of the informal group, in their own name" in rows[1][1]
    assert "[signed on the Polish original]" in rows[1][1]
    declaration = build(sheet_path, "en")["declaration"]
    assert "3)\tAnnex 3 – Declarations of Support." in declaration.paragraph("Annexes").text
    assert (
        "forming Annex 3 to the Declaration, by:"
        in declaration.paragraph("Declarations of support").text
    )


def test_a_coalition_without_supporters_has_no_annex_3():
    documents = build("lipowiec")
    assert list(documents) == ["preliminary", "declaration", "action_plan", "evaluation_forms"]
    annexes = documents["declaration"].paragraph("Załączniki").text
    assert "Załącznik nr 2 – Formularze ewaluacji." in annexes and "nr 3" not in annexes
    assert "deklaracje poparcia" not in documents["declaration"].full.lower()


def test_the_review_annex_says_where_each_clause_of_annex_3_stands(assembled):
    from deedgen.clauses.annex import review_annex

    table = review_annex(assembled["pl"]["support"], load_library()).markdown()
    assert "— Deklaracje poparcia" in table
    for place, clause in (
        ("§ 1", "intro"),
        ("§ 2", "groups"),
        ("§ 3", "personal_data"),
    ):
        assert f"| {place} | support.{clause} |" in table


def test_a_group_whose_name_does_not_say_it_is_called_an_informal_group(tmp_path):
    """„Grupa nieformalna „X” (grupa nieformalna, …)” said it twice; a name that does not say
    it („Klub Seniora”) still gets the gloss, in the annex and in the declaration's §."""
    data = load_sample("lipowiec")
    data["parties"] += [dict(SENIORS, name="Klub Seniora „Jesień”")]
    sheet = read_sheet(write_sheet(tmp_path / "klub.yaml", data))
    documents = assemble_documents(sheet, load_library(), "pl")
    texts = {
        kind: " ".join(u.text for s in documents[kind].sections for u in s.units)
        for kind in ("support", "declaration")
    }
    assert (
        "Klub Seniora „Jesień” (grupa nieformalna, miejscowość: Lipowiec) popiera"
        in texts["support"]
    )
    assert (
        "Klub Seniora „Jesień” (grupa nieformalna, miejscowość: Lipowiec)" in texts["declaration"]
    )


def test_validate_counts_a_supporting_group_apart_from_the_parties(sheet_path):
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    result = CliRunner().invoke(cli, ["validate", str(sheet_path), "--lang", "pl"])
    assert result.exit_code == 0, result.output
    lines = {line.split("  ")[0]: line for line in result.output.splitlines()}
    assert "grupa nieformalna" not in lines["Strony"]
    assert lines["Strony"].split()[1] == "4"
    assert lines["Grupy z deklaracją poparcia"].split()[-1] == "2"
