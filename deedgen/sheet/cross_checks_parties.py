"""The sheet's rules about who a Party is in law (issue 12, phase 2): a school's governing body,
each JST's skarbnik for its money, a deputy's authorisation, the kinds a rural coalition has, the
same institution entered twice, informal groups.

Fields added in phase 2 are optional in old sheets: where a document needs one, its absence is a
warning up to the 2026 edition (``transitional``) and an error from the next.
"""

from __future__ import annotations

import re

from deedgen import party_model
from deedgen.sheet.enumerations import JST_KINDS

LAST_LENIENT_EDITION = 2026
# The organ that grants a school's director their power of attorney, by governing body.
GRANTOR_OF_BODY = {
    "gmina": "executive",
    "powiat": "zarzad_powiatu",
    "voivodeship": "zarzad_wojewodztwa",
}


def transitional(data: dict) -> str:
    """The severity of a missing phase-2 field: a warning for editions up to 2026."""
    edition = str((data.get("coalition") or {}).get("edition") or "")
    digits = edition[:4]
    if digits.isdigit() and int(digits) > LAST_LENIENT_EDITION:
        return "error"
    return "warning"


def check_parties(data: dict):
    """Yield (path, code, params, severity) for the party-model rules."""
    parties = data.get("parties") or []
    for i, party in enumerate(parties):
        if party.get("kind") == "school":
            yield from _check_governing_body(data, parties, i, party)
        yield from _check_kind(data, i, party)
        yield from _check_seat(i, party)
    yield from _check_name_case(data, parties)
    yield from _check_duplicates(parties)
    yield from _check_group_money(data, parties)
    yield from _check_supporter_contributions(data, parties)


def _check_seat(i: int, party):
    """An institution has a seat with a street, or a village's locality and house number;
    a resident or an informal group gives the locality only."""
    address = party.get("address") or {}
    if party.get("kind") not in party_model.NATURAL_PERSON_KINDS and not address.get("street"):
        path = ("parties", i, "address", "street")
        yield path, "street_missing", {"party": party.get("id")}, "error"


# A title in the nominative or genitive followed by the gmina's name left in the nominative:
# „Burmistrz Gmina Jaworówka Nowa”, „Burmistrza Gmina …”, „Skarbnik Gmina …”, „Rada Gmina …” (§ 3.4).
NOMINATIVE_AFTER_TITLE = re.compile(
    r"\b(?:(?:Wójt|Burmistrz|Prezydent|Skarbnik|Zastępca|Zastępczyni|Sekretarz)a?|Rad(?:a|y|zie))"
    r"(?:\s+(?:Wójta|Burmistrza|Prezydenta))?\s+Gmina\b"
)


def _titles(data, parties):
    """(path, text) of every function and genitive that names the gmina after a title."""
    for i, party in enumerate(parties):
        for j, representative in enumerate(party.get("representatives") or []):
            yield ("parties", i, "representatives", j, "function"), representative.get("function")
        treasurer = party.get("treasurer") or {}
        yield ("parties", i, "treasurer", "function"), treasurer.get("function")
    yield ("treasurer", "function"), (data.get("treasurer") or {}).get("function")
    yield ("gmina", "name_genitive"), (data.get("gmina") or {}).get("name_genitive")
    # the evaluation's recipients are printed as typed („adresaci: Rada Gminy X”)
    for k, recipient in enumerate((data.get("evaluation") or {}).get("recipients") or []):
        yield ("evaluation", "recipients", k), recipient if isinstance(recipient, str) else None


def _check_name_case(data, parties):
    """The gmina's name after a title must be in the genitive („Burmistrz Gminy X”, „Burmistrz
    X-a”); a genitive equal to the nominative was not declined."""
    for path, text in _titles(data, parties):
        if text and NOMINATIVE_AFTER_TITLE.search(text):
            yield path, "name_case", {"found": text}, transitional(data)
    gmina = data.get("gmina") or {}
    genitive = gmina.get("name_genitive")
    if genitive and genitive == gmina.get("name"):
        yield ("gmina", "name_genitive"), "genitive_not_declined", {"found": genitive}, "warning"
    elif genitive and genitive.startswith("Gmina "):
        yield ("gmina", "name_genitive"), "name_case", {"found": genitive}, transitional(data)


def _check_group_money(data, parties):
    """An informal group has no legal capacity: it cannot pledge money, whichever way it joins."""
    groups = {p.get("id") for p in parties if p.get("kind") == "informal_group"}
    for i, contribution in enumerate(data.get("contributions") or []):
        if contribution.get("party") in groups and contribution.get("resource") == "finances":
            params = {"party": contribution.get("party")}
            yield ("contributions", i, "resource"), "group_money", params, "error"


def _check_supporter_contributions(data, parties):
    """A group that only declares its support is no Party and contributes nothing: a
    contribution of it would be printed nowhere (its money is group_money's)."""
    supporters = {p.get("id") for p in parties if party_model.is_supporter(p)}
    for i, contribution in enumerate(data.get("contributions") or []):
        if contribution.get("party") in supporters and contribution.get("resource") != "finances":
            params = {"party": contribution.get("party")}
            yield (
                ("contributions", i, "party"),
                "supporter_contribution",
                params,
                transitional(data),
            )


def _check_company(path, party):
    """A company: its KRS and NIP; a zarząd member or an attorney signs."""
    if not party.get("krs"):
        yield (*path, "krs"), "company_krs", {}, "error"
    if not party.get("nip"):
        yield (*path, "nip"), "company_nip", {}, "warning"
    functions = [r.get("function") or "" for r in party.get("representatives") or []]
    outside = [f for f in functions if not BOARD_FUNCTION.search(f)]
    if outside and not party.get("power_of_attorney"):
        params = {"found": outside[0]}
        yield (*path, "representatives"), "company_representation", params, "warning"


def _name_key(name) -> str:
    """A name as compared for duplicates: case, quotes and spacing do not count."""
    text = re.sub(r"[„”“\"'«»‚’]", "", str(name or "")).casefold()
    return " ".join(text.split())


IDENTIFIERS = (
    ("name", "nazwa", _name_key),
    ("nip", "NIP", lambda v: re.sub(r"\D", "", str(v))),
    ("regon", "REGON", lambda v: re.sub(r"\D", "", str(v))[:9]),  # a local unit shares the root
    ("krs", "KRS", lambda v: re.sub(r"\D", "", str(v)).zfill(10)),
)


def _check_duplicates(parties):
    """Two Parties with one normalised name or one NIP, REGON (9-digit root) or KRS: the same
    institution entered twice. A school and the body that runs it may share identifiers."""
    for field, label, key in IDENTIFIERS:
        seen: dict[str, int] = {}
        for j, party in enumerate(parties):
            value = party.get(field)
            if not value or not key(value):
                continue
            i = seen.setdefault(key(value), j)
            if i == j or _unit_and_owner(parties, parties[i], party):
                continue
            params = {"label": label, "found": value, "other": ("parties", i, field)}
            yield ("parties", j, field), "duplicate_party", params, "error"


def _unit_and_owner(parties, first, second) -> bool:
    return party_model.governing_party(parties, second) is first or (
        party_model.governing_party(parties, first) is second
    )


# Zarząd functions of a company: a signatory with another function needs a power of attorney.
BOARD_FUNCTION = re.compile(r"(?i)\b(prezes|wiceprezes|członek|członkini|zarząd\w*)\b")


def _check_kind(data, i: int, party):
    """What each party kind must show to be drafted right (§ 3.2)."""
    kind, path = party.get("kind"), ("parties", i)
    if kind == "business":
        yield (*path, "kind"), "business_legacy", {"party": party.get("id")}, "warning"
    elif kind == "company":
        yield from _check_company(path, party)
    elif kind == "sole_trader" and not party.get("nip"):
        yield (*path, "nip"), "sole_trader_nip", {}, "error"
    elif kind == "kgw":
        if party.get("krs"):
            yield (*path, "krs"), "kgw_krs", {"found": party["krs"]}, "error"
        if not party.get("kgw_register_number"):
            yield (*path, "kgw_register_number"), "kgw_register_missing", {}, "error"
    elif kind == "informal_group" and not party.get("informal_group_mode"):
        params = {"party": party.get("id")}
        yield (
            (*path, "informal_group_mode"),
            "informal_group_mode_missing",
            params,
            (transitional(data)),
        )
    elif kind == "church_entity" and not party.get("representation_basis"):
        yield (*path, "representation_basis"), "church_basis_missing", {}, "error"
    elif kind == "ordinary_association" and not (
        party.get("representation_basis") or party.get("representation_mode")
    ):
        params = {"party": party.get("id")}
        yield (
            (*path, "representation_mode"),
            "representation_mode_missing",
            params,
            (transitional(data)),
        )


def _check_governing_body(data, parties, i: int, party):
    path = ("parties", i)
    body = party.get("governing_body")
    if body is None:
        params = {"party": party.get("id")}
        yield (*path, "governing_body"), "governing_body_missing", params, transitional(data)
        body = "gmina"
    if body == "other":
        yield from _check_other_body(parties, i, party)
        return
    granted = (party.get("power_of_attorney") or {}).get("granted_by")
    expected = GRANTOR_OF_BODY[body]
    if granted and granted != expected:
        params = {"found": granted, "expected": expected, "body": body}
        yield (*path, "power_of_attorney", "granted_by"), "grantor_mismatch", params, "error"
    if body in ("powiat", "voivodeship") and party_model.governing_party(parties, party) is None:
        if not party.get("governing_body_name"):
            params = {"body": body}
            yield (*path, "governing_body_name"), "governing_body_name_missing", params, "error"
        if not party.get("governing_body_genitive"):
            params = {"body": body}
            yield (
                (*path, "governing_body_genitive"),
                "governing_body_genitive_missing",
                params,
                (transitional(data)),
            )


def _check_other_body(parties, i: int, party):
    wanted = party.get("governing_body_party")
    path = ("parties", i, "governing_body_party")
    if not wanted:
        yield path, "governing_body_party_missing", {}, "error"
        return
    owner = next((p for p in parties if p.get("id") == wanted), None)
    if owner is None:
        known = ", ".join(str(p.get("id")) for p in parties)
        yield path, "unknown_party", {"found": wanted, "expected": known}, "error"
    elif owner.get("kind") in JST_KINDS or owner.get("kind") == "school":
        yield path, "governing_body_party_kind", {"found": wanted, "kind": owner["kind"]}, "error"
