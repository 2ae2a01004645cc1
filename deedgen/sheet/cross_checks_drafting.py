"""What the text needs from the sheet to be drafted right (issue 12, phase 2, third pass): the name
of each countersigning skarbnik in the genitive, the gmina's name in the locative, and a cultural
institution's entry in its organiser's register of cultural institutions (RIK).

The fields are optional in old sheets: where the text needs one, its absence is a warning up to the
2026 edition and an error from the next (``transitional``), as for the other phase-2 fields.
"""

from __future__ import annotations

import re

from deedgen import party_model
from deedgen.polish import gmina_locative
from deedgen.sheet.cross_checks_parties import transitional

# The kinds drafted as „samorządowa instytucja kultury wpisana do rejestru instytucji kultury
# prowadzonego przez …” (parties.comparition): a number is needed for that clause.
CULTURAL_INSTITUTION_KINDS = ("library", "cultural_institution", "county_library")
LOCATIVE_PREPOSITION = re.compile(r"we? \S")
# „w Gmina Lipowiec”: the preposition followed by the nominative.
LOCATIVE_NOMINATIVE = re.compile(r"we? Gmina\b")


def check_drafting(data: dict):
    """Yield (path, code, params, severity) for the forms and entries the text needs."""
    parties = data.get("parties") or []
    yield from _check_treasurer_genitive(data, parties)
    yield from _check_locative(data)
    for i, party in enumerate(parties):
        if party.get("kind") in CULTURAL_INSTITUTION_KINDS:
            yield from _check_register_entry(data, i, party)


def _check_treasurer_genitive(data, parties):
    """Each JST that pledges money names its skarbnik in the genitive: „przy kontrasygnacie
    Skarbnika Gminy Lipowiec Jana Kowalskiego”. The gmina's skarbnik is the sheet's treasurer,
    another JST's the party's own (a missing treasurer is ``treasurer_required``)."""
    for party_id in party_model.jst_money(data):
        i, party = next((i, p) for i, p in enumerate(parties) if p.get("id") == party_id)
        if party.get("kind") == "gmina":
            treasurer, path = data.get("treasurer"), ("treasurer", "name_genitive")
        else:
            treasurer, path = party.get("treasurer"), ("parties", i, "treasurer", "name_genitive")
        if not treasurer:
            continue
        name, genitive = treasurer.get("name") or "", treasurer.get("name_genitive")
        if not genitive:
            params = {"name": name, "party": party_id}
            yield path, "treasurer_genitive_missing", params, transitional(data)
        elif genitive.strip() == name.strip():
            yield path, "treasurer_genitive_not_declined", {"found": genitive}, "warning"


def _check_locative(data):
    """The gmina's name in the locative, with „w”: given, or formed from „Gmina X”."""
    gmina = data.get("gmina") or {}
    name, locative = gmina.get("name") or "", gmina.get("name_locative")
    path = ("gmina", "name_locative")
    if locative and not LOCATIVE_PREPOSITION.match(locative):
        yield path, "locative_preposition", {"found": locative}, "error"
    elif locative and LOCATIVE_NOMINATIVE.match(locative):
        yield path, "locative_not_declined", {"found": locative}, transitional(data)
    elif not locative and name and gmina_locative(name) is None:
        yield path, "locative_missing", {"name": name}, transitional(data)


def _check_register_entry(data, i: int, party):
    """A library, a cultural centre or a powiat library states its entry in the register of
    cultural institutions kept by its organiser (art. 14 u.o.p.d.k.): the number and the
    organiser that keeps the register."""
    params = {"party": party.get("id"), "kind": party.get("kind")}
    if not party.get("register_number"):
        path = ("parties", i, "register_number")
        yield path, "cultural_register_missing", params, transitional(data)
    elif not party.get("organizer"):
        path = ("parties", i, "organizer")
        yield path, "cultural_organizer_missing", params, transitional(data)
