"""The gmina's own forms (issue 12, phase 2, third pass): its skarbnik countersigns in the genitive
as another JST's does, and the coalition is formed „w Gminie X”; old sheets without the new fields
still load, with a message at the field's place."""

from __future__ import annotations

import openpyxl
import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.init import init_sheet
from deedgen.sheet.layout import norm
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant


def gmina_pledges(data, genitive="Jana Kowalskiego", function="Skarbnik Gminy"):
    data["contributions"].append(
        {
            "party": "gmina",
            "resource": "finances",
            "description": "dofinansowanie warsztatów cyfrowych",
            "amount": "4000.00",
        }
    )
    data["treasurer"] = {"name": "Jan Kowalski", "function": function}
    if genitive:
        data["treasurer"]["name_genitive"] = genitive


def comparition_entry(text, name: str) -> str:
    return next(line for line in text.splitlines() if line[:1].isdigit() and name in line)


def test_the_gminas_skarbnik_countersigns_in_the_genitive(tmp_path):
    text = build(variant(tmp_path, gmina_pledges))["declaration"].full
    gmina = comparition_entry(text, "Gmina Lipowiec, adres siedziby")
    # the default function „Skarbnik Gminy” takes the gmina's name in the genitive
    assert (
        "ustawy z dnia 8 marca 1990 r. o samorządzie gminnym, przy kontrasygnacie Skarbnika "
        "Gminy Lipowiec Jana Kowalskiego – dalej: „Gmina”"
    ) in gmina
    assert "Jan Kowalski" not in gmina and "Skarbnika Gminy:" not in gmina


def test_the_sample_treasurer_with_her_own_function_is_in_the_genitive():
    text = build("brzeziny-nowe")["declaration"].full
    assert (
        "przy kontrasygnacie Skarbnika Gminy Brzeziny Nowe Jolanty Pietrzak – dalej: „Gmina”"
        in (text)
    )
    assert "Skarbnika Gminy Brzeziny Nowe: Jolanta Pietrzak" not in text
    # the signature block keeps the name as signed, in the nominative
    assert "Jolanta Pietrzak, Skarbnik Gminy Brzeziny Nowe" in text


def test_without_the_genitive_the_colon_form_stays_and_the_field_is_asked_for(tmp_path):
    sheet = variant(tmp_path, lambda data: gmina_pledges(data, genitive=None))
    text = build(sheet)["declaration"].full
    assert "przy kontrasygnacie Skarbnika Gminy Lipowiec: Jan Kowalski – dalej: „Gmina”" in text
    (warning,) = [p for p in read_sheet(sheet).warnings if p.code == "treasurer_genitive_missing"]
    assert warning.path == "treasurer.name_genitive"
    assert warning.describe("pl").endswith(
        "skarbnik Jan Kowalski: podaj imię i nazwisko w dopełniaczu (np. Jolanty Pietrzak, Jana "
        "Kowalskiego) — do „przy kontrasygnacie Skarbnika Gminy X Jolanty Pietrzak” w komparycji; "
        "bez niego imię i nazwisko stoi w mianowniku po dwukropku"
    )


def test_a_powiat_treasurer_without_the_genitive_is_asked_for_at_its_party(tmp_path):
    from tests.legal.test_parties_jst_money import powiat_pledges

    sheet = read_sheet(variant(tmp_path, powiat_pledges))
    found = [p.path for p in sheet.warnings if p.code == "treasurer_genitive_missing"]
    assert found == ["parties[4].treasurer.name_genitive"]


def test_after_the_2026_edition_the_missing_genitive_is_an_error(tmp_path):
    def change(data):
        gmina_pledges(data, genitive=None)
        data["coalition"]["edition"] = "2027"

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, change))
    errors = [(p.code, p.path) for p in raised.value.problems if p.severity == "error"]
    assert ("treasurer_genitive_missing", "treasurer.name_genitive") in errors


def test_a_genitive_equal_to_the_nominative_is_warned(tmp_path):
    sheet = read_sheet(variant(tmp_path, lambda data: gmina_pledges(data, genitive="Jan Kowalski")))
    assert ("treasurer_genitive_not_declined", "treasurer.name_genitive") in {
        (p.code, p.path) for p in sheet.warnings
    }


def _without_rows(path, labels):
    """An old workbook: the Koalicja rows of fields added later removed."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Koalicja"]
    for row in reversed(list(sheet.iter_rows())):
        if row[0].value and norm(row[0].value) in {norm(label) for label in labels}:
            sheet.delete_rows(row[0].row)
    workbook.save(path)
    return path


def test_an_old_workbook_without_the_new_rows_loads_and_points_at_the_treasurer(tmp_path):
    source = variant(tmp_path, lambda data: gmina_pledges(data, genitive=None))
    workbook = init_sheet(tmp_path / "stary.xlsx", source=source).path
    labels = ("Nazwa gminy w miejscowniku (z „w”)", "Skarbnik — imię i nazwisko w dopełniaczu")
    sheet = read_sheet(_without_rows(workbook, labels))
    (warning,) = [p for p in sheet.warnings if p.code == "treasurer_genitive_missing"]
    described = warning.describe("pl")
    # the treasurer's section, named by the field the librarian adds
    assert described.startswith("stary.xlsx: Koalicja!B25 — wiersz 25, pole „Skarbnik — imię")
    assert "locative_missing" not in {p.code for p in sheet.warnings}  # formed from „Gmina X”


def test_the_coalition_is_formed_in_the_gmina_in_every_document():
    documents = build("lipowiec")
    declaration = documents["declaration"].full
    assert (
        "w celu utworzenia w Gminie Lipowiec koalicji lokalnej pod nazwą: Koalicja „Biblioteka w "
        "sercu Lipowca”, zwanej dalej „Koalicją”"
    ) in declaration
    assert "Biblioteka podjęła inicjatywę utworzenia w Gminie Lipowiec lokalnej koalicji" in (
        declaration
    )
    assert "w budowaniu w Gminie Lipowiec lokalnej koalicji wokół Biblioteki" in (
        documents["preliminary"].full
    )
    assert "w celu utworzenia w Gminie Lipowiec koalicji lokalnej pod nazwą" in (
        documents["action_plan"].full
    )
    english = build("lipowiec", "en")
    assert "in order to form a local coalition in Gmina Lipowiec named" in (
        english["declaration"].full
    )
    assert "in building a local coalition in Gmina Lipowiec around Library" in (
        english["preliminary"].full
    )


def test_the_locative_from_the_sheet_replaces_the_formed_one(tmp_path):
    def town(data):
        data["gmina"]["name_locative"] = "w Mieście i Gminie Lipowiec"

    text = build(variant(tmp_path, town))["declaration"].full
    assert "w celu utworzenia w Mieście i Gminie Lipowiec koalicji lokalnej" in text
    assert "w Gminie Lipowiec" not in text


def test_a_name_that_cannot_be_declined_is_asked_for_and_left_out(tmp_path):
    def compound(data):
        data["gmina"]["name"] = "Gmina i Miasto Lipowiec"
        data["parties"][1]["name"] = "Gmina i Miasto Lipowiec"

    sheet = variant(tmp_path, compound)
    text = build(sheet)["declaration"].full
    assert "w celu utworzenia koalicji lokalnej pod nazwą" in text  # no guessed form
    assert "w Gminie i Miasto" not in text
    (warning,) = [p for p in read_sheet(sheet).warnings if p.code == "locative_missing"]
    assert warning.path == "gmina.name_locative"
    assert "„Gmina i Miasto Lipowiec”: nazwy gminy nie da się odmienić samoczynnie" in (
        warning.describe("pl")
    )


@pytest.mark.parametrize(
    ("locative", "code", "severity"),
    [
        ("Gminie Lipowiec", "locative_preposition", "error"),
        ("w Gmina Lipowiec", "locative_not_declined", "warning"),
    ],
)
def test_a_malformed_locative_is_caught(tmp_path, locative, code, severity):
    def change(data):
        data["gmina"]["name_locative"] = locative

    path = variant(tmp_path, change)
    try:
        problems = read_sheet(path).warnings
    except SheetInvalid as raised:
        problems = raised.problems
    found = [p for p in problems if p.code == code]
    assert [(p.path, p.severity) for p in found] == [("gmina.name_locative", severity)]
    assert f"„{locative}”" in found[0].describe("pl")
