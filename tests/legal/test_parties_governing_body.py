"""A school's governing body (issue 12 item 1, phase 2 § 3.1): the Party is the body that runs the
school, with the right statute for its director's power of attorney; a school of a body that is
already a Party takes part on that Party's side, with no vote or counterpart of its own."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.init import init_sheet
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant


def _school(data) -> dict:
    return next(p for p in data["parties"] if p["kind"] == "school")


def powiat_school(data):
    school = _school(data)
    school.update(
        governing_body="powiat",
        name="Zespół Szkół Ponadpodstawowych w Lipowcu",
        short_name="Zespół Szkół",
        governing_body_name="Powiat Buski",
        governing_body_genitive="Powiatu Buskiego",
    )
    school["power_of_attorney"]["granted_by"] = "zarzad_powiatu"


def test_a_gmina_school_takes_part_on_the_gminas_side_without_a_vote_or_counterpart():
    text = build("lipowiec")["declaration"]
    assert (
        "Gmina Lipowiec – Szkoła Podstawowa im. Marii Konopnickiej w Lipowcu (jednostka "
        "organizacyjna gminy nieposiadająca osobowości prawnej, uczestnicząca w Deklaracji po "
        "stronie Strony: Gmina, a nie jako odrębna Strona)"
    ) in text.full
    assert (
        "na podstawie pełnomocnictwa nr OR.0052.4.2026 z dnia 20 marca 2026 r. udzielonego przez "
        "Wójta Gminy Lipowiec w trybie art. 47 ust. 1 ustawy z dnia 8 marca 1990 r. o samorządzie "
        "gminnym"
    ) in text.full
    # four entries in the comparition, three Parties in law
    counterparts = text.paragraph("Egzemplarze").text
    assert "Deklarację sporządzono w trzech jednobrzmiących egzemplarzach" in counterparts
    decisions = text.paragraph("Posiedzenia i rozstrzygnięcia Zespołu").text
    assert (
        "każdej Stronie przysługuje jeden głos (przedstawiciele jednostek organizacyjnych "
        "uczestniczących w Deklaracji po stronie Strony głosują w ramach jej głosu)"
    ) in decisions


def test_a_powiat_school_is_the_powiat_acting_through_the_director(tmp_path):
    text = build(variant(tmp_path, powiat_school))["declaration"]
    entry = next(line for line in text.full.splitlines() if "Zespół Szkół" in line)
    assert entry.startswith(
        "4)\tPowiat Buski – Zespół Szkół Ponadpodstawowych w Lipowcu (jednostka organizacyjna "
        "powiatu nieposiadająca osobowości prawnej), adres siedziby"
    )
    assert (
        "w imieniu Strony działa: Ewa Kaczmarek (Dyrektor), na podstawie pełnomocnictwa Zarządu "
        "Powiatu Buskiego nr OR.0052.4.2026 z dnia 20 marca 2026 r. (art. 48 ust. 2 ustawy z dnia "
        "5 czerwca 1998 r. o samorządzie powiatowym) – dalej: „Zespół Szkół”"
    ) in entry
    assert "Gmina Lipowiec – Zespół" not in text.full
    assert "art. 47 ust. 1" not in entry
    # the powiat is a Party of its own: four counterparts, no unit voting within another's vote
    assert "w czterech jednobrzmiących egzemplarzach" in text.paragraph("Egzemplarze").text
    decisions = text.paragraph("Posiedzenia i rozstrzygnięcia Zespołu").text
    assert "głosują w ramach jej głosu" not in decisions


def test_the_english_comparition_names_the_powiat_board_and_article_48(tmp_path):
    text = build(variant(tmp_path, powiat_school), lang="en")["declaration"].full
    assert (
        "Powiat Buski – Zespół Szkół Ponadpodstawowych w Lipowcu (an organisational unit of the "
        "powiat without legal personality)"
    ) in text
    assert (
        "granted by the board (zarząd) of Powiat Buski (Article 48(2) of the Act of 5 June 1998"
        in text
    )


def test_an_old_sheet_without_the_governing_body_loads_with_a_warning_naming_the_cell(tmp_path):
    def drop(data):
        del _school(data)["governing_body"]

    sheet = variant(tmp_path, drop)
    workbook = init_sheet(tmp_path / "stary.xlsx", source=sheet).path
    warnings = [p for p in read_sheet(workbook).warnings if p.code == "governing_body_missing"]
    assert [p.describe("pl") for p in warnings] == [
        "stary.xlsx: Strony!R6 — wiersz 6, kolumna „Organ prowadzący”: szkoła „szkola”: podaj organ "
        "prowadzący (gmina, powiat, województwo albo inny podmiot będący Stroną) — Stroną jest organ prowadzący, nie "
        "szkoła; bez tej kolumny przyjęto gminę"
    ]
    # the text is the gmina school's, as before
    assert "Gmina Lipowiec – Szkoła Podstawowa" in build(sheet)["declaration"].full


def test_the_governing_body_is_required_after_the_2026_edition(tmp_path):
    def next_edition(data):
        data["coalition"]["edition"] = "2027"
        del _school(data)["governing_body"]

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, next_edition))
    assert [(p.code, p.path) for p in raised.value.problems if p.severity == "error"] == [
        ("governing_body_missing", "parties[3].governing_body")
    ]


def test_a_powiat_schools_power_of_attorney_comes_from_the_zarzad_not_the_wojt(tmp_path):
    def wrong_grantor(data):
        powiat_school(data)
        _school(data)["power_of_attorney"]["granted_by"] = "executive"

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, wrong_grantor))
    (problem,) = [p for p in raised.value.problems if p.code == "grantor_mismatch"]
    assert problem.path == "parties[3].power_of_attorney.granted_by"
    assert "zarzad_powiatu" in problem.describe("pl")


def test_other_governing_body_must_name_a_party_that_is_not_a_jst(tmp_path):
    def run_by_the_gmina_as_other(data):
        _school(data).update(governing_body="other", governing_body_party="gmina")

    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, run_by_the_gmina_as_other))
    assert "governing_body_party_kind" in [p.code for p in raised.value.problems]


def test_a_school_run_by_an_association_takes_part_on_its_side(tmp_path):
    def association_school(data):
        _school(data).update(
            governing_body="other", governing_body_party="razem", name="Szkoła Społeczna"
        )
        _school(data)["power_of_attorney"]["granted_by"] = "zarzad"

    text = build(variant(tmp_path, association_school))["declaration"]
    assert (
        "Stowarzyszenie „Lipowiec Razem” – Szkoła Społeczna (szkoła nieposiadająca osobowości "
        "prawnej, uczestnicząca w Deklaracji po stronie prowadzącej ją Strony: Stowarzyszenie, a "
        "nie jako odrębna Strona)"
    ) in text.full
    assert "w trzech jednobrzmiących egzemplarzach" in text.paragraph("Egzemplarze").text
