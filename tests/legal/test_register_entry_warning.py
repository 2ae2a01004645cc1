"""A cultural institution's entry in its organiser's register (RIK; issue 12, phase 2, third pass):
a library, a cultural centre or a powiat library without its number is warned at its cell, in
Polish first, since the comparition then cannot state the institution's status."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.init import init_sheet
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES
from tests.legal.conftest import SAMPLE_SHEETS, build, variant

STATUS = "samorządowa instytucja kultury wpisana do rejestru instytucji kultury prowadzonego przez"


def test_every_cultural_institution_of_the_sample_states_its_register_entry():
    text = build("brzeziny-nowe")["declaration"].full
    for entry in (
        "Miejsko-Gminna Biblioteka Publiczna w Brzezinach Nowych, " + STATUS + " Gminę Brzeziny "
        "Nowe pod nr 2, adres siedziby",
        "Miejsko-Gminny Ośrodek Kultury w Brzezinach Nowych, " + STATUS + " Gminę Brzeziny Nowe "
        "pod nr 1, adres siedziby",
        "Powiatowa Biblioteka Publiczna w Zawarciu, " + STATUS + " Powiat Nadwarciański pod nr 1, "
        "adres siedziby",
    ):
        assert entry in text
    english = build("brzeziny-nowe", "en")["declaration"].full
    assert (
        "entered in the register of cultural institutions kept by Powiat Nadwarciański under no. 1"
    ) in english


def _without_number(data):
    del data["parties"][5]["register_number"]  # the Ośrodek Kultury


def test_a_cultural_centre_without_its_number_is_warned_at_its_cell(tmp_path):
    source = variant(tmp_path, _without_number, "brzeziny-nowe")
    workbook = init_sheet(tmp_path / "koalicja.xlsx", source=source).path
    (warning,) = [p for p in read_sheet(workbook).warnings if p.code == "cultural_register_missing"]
    assert warning.severity == "warning"
    assert warning.describe("pl") == (
        "koalicja.xlsx: Strony!W8 — wiersz 8, kolumna „Nr w rejestrze / ewidencji”: instytucja "
        "kultury „gok”: podaj nr wpisu do rejestru instytucji kultury prowadzonego przez "
        "organizatora (art. 14 ustawy o organizowaniu i prowadzeniu działalności kulturalnej) — "
        "bez niego komparycja nie podaje statusu instytucji („wpisana do rejestru instytucji "
        "kultury … pod nr …”)"
    )
    assert "give its entry number in the organiser's register of cultural institutions" in (
        warning.describe("en")
    )
    text = build(source)["declaration"].full
    centre = next(line for line in text.splitlines() if "Ośrodek Kultury w Brzezinach" in line)
    assert "wpisana do rejestru" not in centre


def test_a_number_without_the_organiser_is_warned_at_the_organiser(tmp_path):
    def change(data):
        del data["parties"][0]["organizer"]

    sheet = read_sheet(variant(tmp_path, change))
    found = [(p.code, p.path) for p in sheet.warnings if p.code.startswith("cultural_")]
    assert found == [("cultural_organizer_missing", "parties[0].organizer")]
    (warning,) = [p for p in sheet.warnings if p.code == "cultural_organizer_missing"]
    assert "biblioteka gminna „gbp”: podaj organizatora, który prowadzi rejestr" in (
        warning.describe("pl")
    )


def test_after_the_2026_edition_the_missing_number_is_an_error(tmp_path):
    def change(data):
        _without_number(data)
        data["coalition"]["edition"] = "2027"

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, change, "brzeziny-nowe"))
    errors = [(p.code, p.path) for p in raised.value.problems if p.severity == "error"]
    assert errors == [("cultural_register_missing", "parties[5].register_number")]


def test_the_samples_carry_their_register_entries():
    for sample in SAMPLE_SHEETS:
        codes = {p.code for p in read_sheet(SAMPLES / f"{sample}.yaml").warnings}
        assert not {c for c in codes if c.startswith("cultural_")}, sample
