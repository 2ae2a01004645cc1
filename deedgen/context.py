"""The data clause templates see: the validated partner sheet plus derived values.

``docs/clause-format.md`` documents every name; :data:`CONTEXT_NAMES` lists them for the linter.
Party, action and contribution records are plain dicts (Jinja reads ``party.name`` from a dict),
built fresh for every document so a template can never change another's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from stdnum.pl import nip

from deedgen import party_model
from deedgen.document import ANNEXES
from deedgen.polish import gmina_locative, month_name
from deedgen.sheet.enumerations import PARTY_KIND_LABELS_PL, RESOURCE_LABELS_PL, RESOURCES
from deedgen.sheet.quarters import quarter_name, quarter_of, quarters_between
from deedgen.social import is_social_action

NGO_KINDS = ("association", "foundation", "ordinary_association")
RESOURCE_LABELS_EN = {
    "people": "people",
    "space": "space",
    "finances": "finances",
    "knowledge": "knowledge",
    "in_kind": "in-kind contribution",
}
PARTY_KIND_LABELS_EN = {
    "library": "municipal library",
    "gmina": "gmina (local government)",
    "association": "association",
    "foundation": "foundation",
    "ordinary_association": "ordinary association",
    "school": "school",
    "cultural_institution": "cultural institution",
    "county_library": "county library",
    "powiat": "powiat",
    "business": "business",
    "informal_group": "informal group",
    "resident": "resident",
    "company": "company (KRS)",
    "sole_trader": "sole trader (CEIDG)",
    "kgw": "rural women's circle (koło gospodyń wiejskich)",
    "church_entity": "parish / church legal person",
    "other_jst": "neighbouring gmina",
    "voivodeship": "voivodeship",
}
PROBLEM_LABELS = {
    "social_exclusion": ("wykluczenie społeczne", "social exclusion"),
    "digital_exclusion": ("wykluczenie cyfrowe", "digital exclusion"),
    "seniors": ("sytuacja osób starszych", "older people"),
    "youth": ("dzieci i młodzież", "children and young people"),
    "education": ("edukacja i kompetencje", "education and skills"),
    "integration": ("integracja i więzi sąsiedzkie", "integration and neighbourhood ties"),
    "disability": ("niepełnosprawność i dostępność", "disability and accessibility"),
    "culture_access": ("dostęp do kultury", "access to culture"),
    "civic_participation": ("partycypacja obywatelska", "civic participation"),
    "other": ("inny problem społeczny", "other social problem"),
}
PROMOTION_LABELS = {
    "seminar": ("seminarium", "seminar"),
    "conference": ("konferencja", "conference"),
    "quarterly_presentation": (
        "kwartalna prezentacja mikrosukcesów",
        "quarterly presentation of micro-successes",
    ),
    "other": ("inne wydarzenie", "other event"),
}

CONTEXT_NAMES = frozenset(
    {
        "coalition", "gmina", "parties", "library", "gmina_party", "partners", "schools", "ngos",
        "friends_circle", "treasurer", "mentor", "contributions", "contributions_by_party",
        "contributions_by_resource", "gmina_money", "total_money", "gmina_contributes_money",
        "legal_parties", "units", "supporters", "jst_money", "jst_pledges", "jst_contributes_money",
        "team", "coordinator", "chosen_goals", "own_goals", "actions", "social_actions", "quarters",
        "promotion", "evaluation", "annex", "lang",
    }
)  # fmt: skip


def build_context(data: dict, lang: str = "pl", chosen_goals: list[str] | None = None) -> dict:
    """Everything a clause template may use, derived from a validated sheet's *data*."""
    pl = lang == "pl"
    every = _parties(data, PARTY_KIND_LABELS_PL if pl else PARTY_KIND_LABELS_EN, lang)
    by_id = {party["id"]: party for party in every}
    parties = [party for party in every if not party["supporter"]]
    contributions = _contributions(data, by_id, RESOURCE_LABELS_PL if pl else RESOURCE_LABELS_EN)
    library = next(party for party in parties if party_model.is_library(party))
    gmina_party = next(party for party in parties if party["kind"] == "gmina")
    partners = [party for party in parties if party is not library and party is not gmina_party]
    treasurer = dict(data["treasurer"]) if data.get("treasurer") else None
    team = [dict(member, party=by_id[member["party"]]) for member in data.get("team") or []]
    actions = [_action(raw, by_id, lang) for raw in data.get("actions") or []]
    coalition = data["coalition"]
    evaluation = data.get("evaluation")
    if evaluation:
        evaluation = dict(evaluation, month_name=month_name(evaluation["month"], lang))
    return {
        "coalition": dict(coalition),
        "gmina": _gmina(data["gmina"]),
        "parties": parties,
        "library": library,
        "gmina_party": gmina_party,
        "partners": partners,
        "schools": [party for party in partners if party["kind"] == "school"],
        "ngos": [party for party in partners if party["kind"] in NGO_KINDS],
        "friends_circle": next(
            (party for party in partners if party["kind"] == "ordinary_association"), None
        ),
        "treasurer": treasurer,
        "mentor": dict(data["mentor"]) if data.get("mentor") else None,
        "contributions": contributions,
        "contributions_by_party": [
            PartyContributions(party, party["contributions"])
            for party in parties
            if party["contributions"]
        ],
        "contributions_by_resource": {
            resource: [item for item in contributions if item["resource"] == resource]
            for resource in RESOURCES
        },
        **_money_context(data, by_id, gmina_party, treasurer),
        "total_money": _money(contributions, lambda item: True),
        **_who_is_a_party(every, parties),
        "team": team,
        "coordinator": next((member for member in team if member["role"] == "coordinator"), None),
        "chosen_goals": list(chosen_goals or []),
        "own_goals": list((data.get("goals") or {}).get("own") or []),
        "actions": actions,
        "social_actions": [action for action in actions if action["social"]],
        "quarters": _program_quarters(coalition),
        "promotion": [
            dict(event, kind_label=PROMOTION_LABELS[event["kind"]][0 if pl else 1])
            for event in data.get("promotion") or []
        ],
        "evaluation": evaluation,
        "annex": dict(ANNEXES),
        "lang": lang,
    }


def _gmina(raw: dict) -> dict:
    """The gmina; its name in the locative („w Gminie Lipowiec”) from the sheet, else formed from
    an official name „Gmina X” (None when it cannot be formed: the clauses then leave it out)."""
    gmina = dict(raw)
    gmina["name_locative"] = raw.get("name_locative") or gmina_locative(raw["name"])
    return gmina


def _program_quarters(coalition: dict) -> list[str]:
    """The quarters of the program period, by name ("2026-Q2")."""
    first, last = quarter_of(coalition["period_start"]), quarter_of(coalition["period_end"])
    return [quarter_name(index) for index in range(first, last + 1)]


def _parties(data: dict, kind_labels: dict, lang: str) -> list[dict]:
    """The parties with their derived values; each gets its contributions later."""
    parties = []
    for raw in data["parties"]:
        party = dict(raw)
        party["short_name"] = party_model.short_name(raw, lang)
        party["address_line"] = party_model.address_line(raw["address"])
        party["kind_label"] = kind_labels[raw["kind"]]
        if raw.get("nip"):
            party["nip"] = nip.format(raw["nip"])  # 718-033-40-18, as NIPs are printed
        party["representatives"] = [dict(r) for r in raw.get("representatives") or []]
        party["contributions"] = []
        party["jst_kind"] = party_model.jst_kind(data["parties"], raw)
        party["supporter"] = party_model.is_supporter(raw)
        parties.append(party)
    for raw, party in zip(data["parties"], parties, strict=True):
        owner = party_model.governing_party(data["parties"], raw)
        party["acts_for"] = parties[data["parties"].index(owner)] if owner else None
        if raw["kind"] in party_model.UNIT_KINDS:
            party["governing"] = _governing(data, raw, party["acts_for"])
    return parties


def _who_is_a_party(every: list[dict], parties: list[dict]) -> dict:
    """The Parties in law, the units acting for a Party, and the groups only supporting."""
    return {
        "legal_parties": _legal_parties(parties),
        "supporters": [party for party in every if party["supporter"]],
        "units": [party for party in parties if party["acts_for"] is not None],
    }


def _legal_parties(parties: list[dict]) -> list[dict]:
    """The Parties in law: units acting for a Party left out, and each member of an informal group
    that joins through its members a natural person Party of their own."""
    legal = []
    for party in parties:
        if party["acts_for"] is not None:
            continue
        if party["kind"] != "informal_group":
            legal.append(party)
            continue
        legal.extend(
            dict(party, kind="resident", name=member["name"], short_name=member["name"])
            for member in party["representatives"]
        )
    return legal


def _governing(data: dict, raw: dict, owner: dict | None) -> dict:
    """A school's governing body: its kind, its name (nominative, the comparition's „Powiat X –
    Zespół Szkół …”) and, for a powiat or a województwo, its name in the genitive."""
    body = party_model.governing_body(raw)
    if body == "gmina":
        name = data["gmina"]["name"]
    elif owner is not None:
        name = owner["name"]
    else:
        name = raw.get("governing_body_name") or ""
    return {"body": body, "name": name, "genitive": raw.get("governing_body_genitive")}


def _money_context(data: dict, by_id: dict, gmina_party: dict, treasurer: dict | None) -> dict:
    """Each JST's money (its schools' included) and who countersigns it."""
    jst_money = party_model.jst_money(data)
    gmina_money = jst_money.get(gmina_party["id"], Decimal("0.00"))
    return {
        "gmina_money": gmina_money,
        "gmina_contributes_money": gmina_money > 0,
        "jst_money": jst_money,
        "jst_pledges": [
            _pledge(by_id[pid], amount, gmina_party, treasurer) for pid, amount in jst_money.items()
        ],
        "jst_contributes_money": bool(jst_money),
    }


def _pledge(party: dict, amount: Decimal, gmina_party: dict, treasurer: dict | None) -> dict:
    """One JST's money: the JST, the amount (its schools' money included) and its skarbnik (the
    sheet's treasurer for the gmina, the party's own for any other JST)."""
    own = party.get("treasurer")
    return {
        "party": party,
        "amount": amount,
        "treasurer": treasurer if party is gmina_party else (dict(own) if own else None),
    }


def _contributions(data: dict, by_id: dict, resource_labels: dict) -> list[dict]:
    """The contributions, each linked to its party (and added to that party's list)."""
    contributions = []
    for raw in data.get("contributions") or []:
        item = dict(raw)
        item["party"] = by_id[raw["party"]]
        item["resource_label"] = resource_labels[raw["resource"]]
        contributions.append(item)
        item["party"]["contributions"].append(item)
    return contributions


def _money(contributions: list[dict], predicate) -> Decimal:
    """The sum of the financial contributions *predicate* selects."""
    return sum(
        (
            item["amount"] or Decimal(0)
            for item in contributions
            if item["resource"] == "finances" and predicate(item)
        ),
        Decimal("0.00"),
    )


@dataclass(frozen=True)
class PartyContributions:
    """One party's contributions (an object, not a dict: ``entry.items`` must not be dict.items)."""

    party: dict
    items: list


def _action(raw: dict, by_id: dict, lang: str) -> dict:
    action = dict(raw)
    action["lead"] = by_id[raw["lead"]]
    action["partners"] = [by_id[party_id] for party_id in raw.get("partners") or []]
    action["social"] = is_social_action(raw)
    category = raw.get("problem_category")
    action["problem_label"] = (
        PROBLEM_LABELS[category][0 if lang == "pl" else 1] if category else None
    )
    action["quarters"] = quarters_between(raw["start_quarter"], raw["end_quarter"])
    action["micro_successes"] = sorted(
        (dict(micro) for micro in raw.get("micro_successes") or []),
        key=lambda micro: micro["quarter"],
    )
    action["micro_by_quarter"] = {
        micro["quarter"]: micro["description"] for micro in action["micro_successes"]
    }
    return action
