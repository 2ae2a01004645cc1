"""A natural person's address and an informal group's members (issue 12, phase 2 § 3.6), and a
cultural institution's register entry (§ 3.3), read in the generated text."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant
from tests.legal.test_parties_informal_groups import GROUP

RESIDENT = {
    "id": "mieszkanka",
    "kind": "resident",
    "name": "Irena Wolska",
    "short_name": "Mieszkanka",
    "address": {"postal_code": "28-130", "city": "Lipowiec"},
    "representatives": [{"name": "Irena Wolska", "function": "mieszkanka"}],
}


def test_a_resident_without_a_street_gives_the_locality_once(tmp_path):
    def change(data):
        data["parties"].append(dict(RESIDENT))

    text = build(variant(tmp_path, change))["declaration"].full
    (line,) = [line for line in text.splitlines() if "Irena Wolska, miejscowość" in line]
    assert "Irena Wolska, miejscowość: Lipowiec, osoba fizyczna działająca we własnym" in line
    assert line.count("Lipowiec") == 1


def test_a_village_address_without_streets_is_printed_once(tmp_path):
    def change(data):
        data["parties"][2]["address"] = {
            "street": "Lipowiec 12",
            "postal_code": "28-130",
            "city": "Kije",
        }

    text = build(variant(tmp_path, change))["declaration"].full
    assert "adres siedziby: Lipowiec 12, 28-130 Kije," in text


def test_an_institution_without_a_street_is_refused_at_its_cell(tmp_path):
    def change(data):
        del data["parties"][2]["address"]["street"]

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, change))
    (problem,) = [p for p in raised.value.problems if p.severity == "error"]
    assert (problem.code, problem.path) == ("street_missing", "parties[2].address.street")
    assert "we wsi bez ulic — miejscowość i numer, np. Lipowiec 12" in problem.describe("pl")


def test_informal_group_members_sit_in_the_team_in_person(tmp_path):
    def change(data):
        data["parties"].append(
            dict(
                GROUP,
                informal_group_mode="members",
                address={"postal_code": "28-130", "city": "Lipowiec"},
            )
        )

    for lang, person, pending in (
        ("pl", "Anna Nowak (Strona, osobiście)", "wskazuj"),
        ("en", "Anna Nowak (Party, in person)", "appoint"),
    ):
        text = build(variant(tmp_path, change), lang)["declaration"].full
        team = text[text.index("„Zespołem”" if lang == "pl" else "the “Team”") :]
        team = team[: team.index("§")]
        assert person in team and "Jan Kowalski" in team
        pending_lines = [line for line in team.splitlines() if pending in line and "30" in line]
        assert not any("Seniorzy" in line or "Kowalski" in line for line in pending_lines)


def register_entry(data):
    library = data["parties"][0]
    library["register_number"] = "RIK 1/1992"
    assert library["organizer"] == "Gmina Lipowiec"


def test_the_library_states_its_entry_in_the_register_of_cultural_institutions(tmp_path):
    sheet = variant(tmp_path, register_entry)
    polish = build(sheet)["declaration"].full
    assert (
        "1)\tGminna Biblioteka Publiczna w Lipowcu, samorządowa instytucja kultury wpisana do "
        "rejestru instytucji kultury prowadzonego przez Gminę Lipowiec pod nr RIK 1/1992, "
        "adres siedziby:"
    ) in polish
    english = build(sheet, "en")["declaration"].full
    assert (
        "a local-government cultural institution entered in the register of cultural "
        "institutions kept by Gmina Lipowiec under no. RIK 1/1992, registered office:"
    ) in english


def test_the_organiser_in_the_accusative_comes_from_the_sheet_when_given(tmp_path):
    def change(data):
        register_entry(data)
        data["parties"][0]["organizer"] = "Miasto i Gmina Lipowiec"
        data["parties"][0]["organizer_accusative"] = "Miasto i Gminę Lipowiec"

    text = build(variant(tmp_path, change))["declaration"].full
    assert "prowadzonego przez Miasto i Gminę Lipowiec pod nr RIK 1/1992" in text
