"""The sample cohort's partner sheets are model sheets: `deedgen validate` warns on none of them
(every register number, genitive and representation given), and its Lipowiec is the sample's."""

from __future__ import annotations

import pytest

from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES
from tests.legal.conftest import COHORT

SHEETS = sorted(p.name for p in COHORT.glob("*.yaml"))


def test_the_cohort_has_its_five_sheets():
    assert SHEETS == [
        "grabowa-wola-mala.yaml",
        "jaworowka-nowa.yaml",
        "klonowa-wola.yaml",
        "lipowiec.yaml",
        "swierknik-wielka.yaml",
    ]


@pytest.mark.parametrize("name", SHEETS)
def test_a_cohort_sheet_raises_no_warning(name):
    sheet = read_sheet(COHORT / name)
    assert [p.describe("pl") for p in sheet.warnings] == []


def test_the_cohort_lipowiec_is_a_copy_of_the_sample():
    cohort = (COHORT / "lipowiec.yaml").read_bytes()
    assert cohort == (SAMPLES / "lipowiec.yaml").read_bytes()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_team_member_acting_in_person_is_not_named_twice(lang):
    from tests.legal.conftest import build

    text = build(COHORT / "swierknik-wielka.yaml", lang)["declaration"].full
    person, resident = ("Strona", "Strona: Mieszkanka") if lang == "pl" else ("Party", "Party: ")
    in_person = "osobiście" if lang == "pl" else "in person"
    # an informal group's member: her short name is her name
    assert f"Barbara Pawlak ({person}, {in_person})" in text
    assert "Barbara Pawlak (Strona: Barbara Pawlak" not in text
    assert "Barbara Pawlak (Party: Barbara Pawlak" not in text
    # a resident with her own short name keeps it
    assert f"Elżbieta Szymańska ({resident}" in text
