"""Informal groups (issue 12 item 4, phase 2 § 3.6): a group has no legal capacity, so either its
members sign as natural persons — each a Party — or the group only declares its support and is
no Party at all; it never pledges money."""

from __future__ import annotations

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant

GROUP = {
    "id": "seniorzy",
    "kind": "informal_group",
    "name": "Grupa nieformalna „Seniorzy z Lipowca”",
    "short_name": "Seniorzy",
    "address": {"street": "Lipowiec", "postal_code": "28-130", "city": "Lipowiec"},
    "representatives": [
        {"name": "Jan Kowalski", "function": "członek grupy"},
        {"name": "Anna Nowak", "function": "członkini grupy"},
    ],
}


def with_group(mode: str | None, money: bool = False):
    def change(data):
        group = dict(GROUP, informal_group_mode=mode) if mode else dict(GROUP)
        data["parties"].append(group)
        resource = {"resource": "finances", "amount": "300.00"} if money else {"resource": "people"}
        data["contributions"].append(
            {"party": "seniorzy", "description": "prowadzenie spotkań dla seniorów", **resource}
        )

    return change


def test_members_of_a_group_join_as_natural_persons_each_a_party(tmp_path):
    text = build(variant(tmp_path, with_group("members")))["declaration"]
    entry = next(line for line in text.full.splitlines() if "Seniorzy z Lipowca" in line)
    assert (
        "miejscowość: Lipowiec, członkowie grupy nieformalnej przystępujący do Deklaracji jako osoby "
        "fizyczne działające we własnym imieniu: Jan Kowalski i Anna Nowak (grupa nie ma zdolności "
        "prawnej i nie jest Stroną; Stroną jest każdy z jej członków) – dalej: „Seniorzy”"
    ) in entry
    assert "w imieniu której oświadczenia składają" not in text.full
    # library, gmina, association and the two members (the gmina's school is no Party of its own)
    assert "w pięciu jednobrzmiących egzemplarzach" in text.paragraph("Egzemplarze").text
    signatures = text.full[text.full.index("Podpisy Stron") :]
    assert (
        "Jan Kowalski, członek grupy" in signatures and "Anna Nowak, członkini grupy" in signatures
    )


def test_a_supporting_group_is_no_party_and_is_listed_as_supporting(tmp_path):
    text = build(variant(tmp_path, with_group("support")))["declaration"]
    comparition = text.full[: text.full.index("Zważywszy")]
    assert "Seniorzy" not in comparition
    assert "Jan Kowalski" not in text.full[text.full.index("Podpisy Stron") :]
    support = text.paragraph("Deklaracje poparcia").text
    assert (
        "Działania Koalicji popierają, na podstawie niewiążących deklaracji poparcia, stanowiących "
        "załącznik nr 3 do Deklaracji:\n1)\tGrupa nieformalna „Seniorzy z Lipowca” (miejscowość: "
        "Lipowiec)"
    ) in support
    assert "nie jest Stroną Deklaracji, nie wnosi wkładu finansowego" in support
    assert "w trzech jednobrzmiących egzemplarzach" in text.paragraph("Egzemplarze").text


def test_without_a_group_the_support_paragraph_is_absent():
    titles = [p.title for p in build("lipowiec")["declaration"].paragraphs()]
    assert "Deklaracje poparcia" not in titles


@pytest.mark.parametrize("mode", ["members", "support"])
def test_a_group_cannot_pledge_money(tmp_path, mode):
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(variant(tmp_path, with_group(mode, money=True)))
    (problem,) = [p for p in raised.value.problems if p.severity == "error"]
    assert (problem.code, problem.path) == ("group_money", "contributions[6].resource")
    assert "grupa nieformalna „seniorzy” nie może zobowiązać się finansowo" in problem.describe(
        "pl"
    )


def test_an_old_sheet_without_the_mode_loads_with_a_warning_and_drafts_the_members(tmp_path):
    sheet = variant(tmp_path, with_group(None))
    warnings = [p for p in read_sheet(sheet).warnings if p.code == "informal_group_mode_missing"]
    assert [(p.path, p.severity) for p in warnings] == [
        ("parties[4].informal_group_mode", "warning")
    ]
    said = warnings[0].describe("pl")
    assert "„członkowie podpisują jako osoby fizyczne” albo „deklaracja poparcia" in said
    assert "members" not in said and "support" not in said
    assert "członkowie grupy nieformalnej przystępujący" in build(sheet)["declaration"].full


def test_a_supporting_groups_contribution_is_refused_where_it_would_be_lost(tmp_path):
    """A supporting group is no Party: its contribution would appear in no document. The sheet
    says so at the contribution's party cell (a warning for the 2026 edition, as every rule of
    this phase; an error after)."""
    sheet = read_sheet(variant(tmp_path, with_group("support")))
    (problem,) = [p for p in sheet.warnings if p.code == "supporter_contribution"]
    assert problem.path == "contributions[6].party"
    said = problem.describe("pl")
    assert "grupa nieformalna „seniorzy” tylko popiera Koalicję" in said
    assert "nie trafi do żadnego dokumentu" in said
    from deedgen.sheet.report import summarize

    summary = summarize(sheet)  # what `deedgen validate` prints: the group apart, its share not
    assert summary["supporters"] == 1
    assert (
        sum(summary["contributions_by_resource"].values()) == len(sheet.data["contributions"]) - 1
    )
    (tmp_path / "m").mkdir()
    members = read_sheet(variant(tmp_path / "m", with_group("members")))
    assert not [p for p in members.warnings if p.code == "supporter_contribution"]
