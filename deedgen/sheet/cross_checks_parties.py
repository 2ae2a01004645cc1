"""The sheet's rules about who a Party is in law (issue 12, phase 2): a school's governing body,
each JST's skarbnik for its money, a deputy's authorisation, the kinds a rural coalition has, the
same institution entered twice, informal groups.

Fields added in phase 2 are optional in old sheets: where a document needs one, its absence is a
warning up to the 2026 edition (``transitional``) and an error from the next.
"""

from __future__ import annotations

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
