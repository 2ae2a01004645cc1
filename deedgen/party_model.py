"""Who is a Party in law: a school (or another unit without legal personality) is not a Party of
its own but acts for its governing body (organ prowadzący), and a JST's money includes the money
of its budget units. The sheet's checks, the clause context and the compliance rules all read the
sheet through these functions, so they agree on who votes, who signs a counterpart and whose
skarbnik countersigns.

Every function takes the sheet's data as loaded (plain dicts), validated or not.
"""

from __future__ import annotations

from decimal import Decimal

from deedgen.sheet.enumerations import JST_KINDS

# The governing body of a school → the party kind that can be that body in the sheet.
GOVERNING_KINDS = {"gmina": "gmina", "powiat": "powiat", "voivodeship": "voivodeship"}
# A school run by a JST that is not a Party itself is drafted as that JST („Powiat X – Zespół
# Szkół …”), so it is a JST Party for money and countersignature.
UNIT_KINDS = ("school",)


def is_library(party: dict) -> bool:
    """The initiating library: a municipal library, or a cultural institution that runs the public
    library („Ośrodek Kultury i Biblioteka Publiczna”)."""
    kind = party.get("kind")
    return kind == "library" or (kind == "cultural_institution" and bool(party.get("runs_library")))


def is_supporter(party: dict) -> bool:
    """An informal group that only declares its support: not a Party of the Declaration."""
    return party.get("kind") == "informal_group" and party.get("informal_group_mode") == "support"


def governing_body(party: dict) -> str:
    """A school's governing body; old sheets without the field meant the gmina."""
    return party.get("governing_body") or "gmina"


def governing_party(parties: list[dict], party: dict) -> dict | None:
    """The Party that *party* (a school) acts for, or None when it is a Party itself (not a
    school, or a school of a powiat / województwo that is not in the sheet)."""
    if party.get("kind") not in UNIT_KINDS:
        return None
    body = governing_body(party)
    if body == "other":
        wanted = party.get("governing_body_party")
        return next((p for p in parties if wanted and p.get("id") == wanted), None)
    kind = GOVERNING_KINDS.get(body)
    candidates = [p for p in parties if p.get("kind") == kind]
    return candidates[0] if len(candidates) == 1 else None


def legal_party_id(parties: list[dict], party_id) -> str | None:
    """The id of the Party in law behind the sheet's party *party_id*."""
    party = next((p for p in parties if p.get("id") == party_id), None)
    if party is None:
        return None
    owner = governing_party(parties, party)
    return owner.get("id") if owner else party_id


def jst_kind(parties: list[dict], party: dict) -> str | None:
    """gmina / powiat / voivodeship / other_jst for a JST Party, else None."""
    if party.get("kind") in JST_KINDS:
        return party["kind"]
    if party.get("kind") in UNIT_KINDS and governing_party(parties, party) is None:
        body = governing_body(party)
        return body if body in GOVERNING_KINDS else None
    return None


def money(contribution: dict) -> Decimal:
    """The money a contribution pledges (0 for a non-financial one)."""
    if contribution.get("resource") != "finances":
        return Decimal(0)
    return contribution.get("amount") or Decimal(0)


def jst_money(data: dict) -> dict[str, Decimal]:
    """{JST Party id: its money}, the money of its schools included, in the sheet's party order;
    only JSTs that pledge money."""
    parties = data.get("parties") or []
    by_id = {p.get("id"): p for p in parties}
    totals: dict[str, Decimal] = {}
    for contribution in data.get("contributions") or []:
        owner_id = legal_party_id(parties, contribution.get("party"))
        owner = by_id.get(owner_id)
        amount = money(contribution)
        if owner is not None and amount > 0 and jst_kind(parties, owner):
            totals[owner_id] = totals.get(owner_id, Decimal("0.00")) + amount
    return {p["id"]: totals[p["id"]] for p in parties if p.get("id") in totals}


# Natural persons and groups of them: no seat, the locality only (private data, RODO).
NATURAL_PERSON_KINDS = ("resident", "informal_group")
# The English defined term of the two core Parties when the sheet gives none (§ 3.12).
SHORT_NAMES_EN = {"library": "Library", "gmina": "Gmina"}


def address_line(address: dict) -> str:
    """The address in one line; a village without streets („Lipowiec 12”) is its street, and an
    address without a street (a resident's locality) is the post code and the town alone."""
    town = f"{address['postal_code']} {address['city']}"
    return f"{address['street']}, {town}" if address.get("street") else town


def short_name(party: dict, lang: str) -> str:
    """The defined term the documents use for *party* in *lang*: in English the sheet's
    ``short_name_en``, else „Library” / „Gmina” for the core Parties, else the Polish one."""
    polish = party.get("short_name") or party["name"]
    if lang != "en":
        return polish
    if party.get("short_name_en"):
        return party["short_name_en"]
    core = "library" if is_library(party) else party.get("kind")
    return SHORT_NAMES_EN.get(core, polish)
