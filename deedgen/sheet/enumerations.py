"""The sheet's enumerations: the values a field may take (party kinds, resources, roles…) and the
Polish meaning of those shown to people. The schemas, the workbook's drop-downs and the
compliance rules all take them from here.

A librarian may type a value's Polish label or its code, in any case and with or without Polish
letters (``Szkola``, ``członek``, ``association``): :func:`code_for` finds the code.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

PARTY_KINDS = (
    "library",  # biblioteka gminna — the initiator, exactly one
    "gmina",  # the JST itself (never "Urząd Gminy")
    "association",  # stowarzyszenie rejestrowe (KRS)
    "foundation",  # fundacja (KRS)
    "ordinary_association",  # stowarzyszenie zwykłe, e.g. Koło Przyjaciół Biblioteki
    "school",  # jednostka budżetowa acting under the wójt's power of attorney
    "cultural_institution",  # samorządowa instytucja kultury (GOK, muzeum…)
    "county_library",  # biblioteka powiatowa
    "powiat",  # powiat: two members of the zarząd sign
    "business",  # przedsiębiorca
    "informal_group",  # grupa nieformalna
    "resident",  # mieszkaniec, in their own name
)


PARTY_KIND_LABELS_PL = {
    "library": "biblioteka gminna",
    "gmina": "gmina (JST)",
    "association": "stowarzyszenie",
    "foundation": "fundacja",
    "ordinary_association": "stowarzyszenie zwykłe",
    "school": "szkoła",
    "cultural_institution": "instytucja kultury",
    "county_library": "biblioteka powiatowa",
    "powiat": "powiat",
    "business": "przedsiębiorca",
    "informal_group": "grupa nieformalna",
    "resident": "mieszkaniec",
}


GMINA_KINDS = ("miejska", "wiejska", "miejsko-wiejska")
EXECUTIVE_TITLES = ("wójt", "burmistrz", "prezydent miasta")
# The programme maps four kinds of resources (ludzie, przestrzeń, finanse, wiedza); the funding
# rules count those. A wkład rzeczowy (a service or a thing with a value) is a contribution too,
# but not one of the programme's kinds.
PROGRAMME_RESOURCES = ("people", "space", "finances", "knowledge")
RESOURCES = (*PROGRAMME_RESOURCES, "in_kind")
RESOURCE_LABELS_PL = {
    "people": "ludzie",
    "space": "przestrzeń",
    "finances": "finanse",
    "knowledge": "wiedza",
    "in_kind": "wkład rzeczowy",  # a service or a thing (printing, equipment): valued, not money
}


TEAM_ROLES = ("coordinator", "member")
PROBLEM_CATEGORIES = (
    "social_exclusion",  # wykluczenie społeczne
    "digital_exclusion",  # wykluczenie cyfrowe
    "seniors",  # osamotnienie i aktywność seniorów
    "youth",  # dzieci i młodzież
    "education",  # edukacja, kompetencje
    "integration",  # integracja, więzi sąsiedzkie
    "disability",  # niepełnosprawność, dostępność
    "culture_access",  # dostęp do kultury
    "civic_participation",  # partycypacja obywatelska
    "other",  # inny
)


PROMOTION_KINDS = ("seminar", "conference", "quarterly_presentation", "other")
PROMOTION_LEVELS = ("local", "regional")
LANGUAGES = ("pl", "en")


TEAM_ROLE_LABELS_PL = {"coordinator": "koordynator", "member": "członek"}
PROBLEM_CATEGORY_LABELS_PL = {
    "social_exclusion": "wykluczenie społeczne",
    "digital_exclusion": "wykluczenie cyfrowe",
    "seniors": "osamotnienie i aktywność seniorów",
    "youth": "dzieci i młodzież",
    "education": "edukacja, kompetencje",
    "integration": "integracja, więzi sąsiedzkie",
    "disability": "niepełnosprawność, dostępność",
    "culture_access": "dostęp do kultury",
    "civic_participation": "partycypacja obywatelska",
    "other": "inny",
}
PROMOTION_KIND_LABELS_PL = {
    "seminar": "seminarium",
    "conference": "konferencja",
    "quarterly_presentation": "kwartalna prezentacja mikrosukcesów",
    "other": "inne wydarzenie",
}
PROMOTION_LEVEL_LABELS_PL = {"local": "lokalny", "regional": "regionalny"}
LANGUAGE_LABELS_PL = {"pl": "polski", "en": "angielski"}

# The Polish label of every coded value, by the enumeration it belongs to: what a drop-down offers.
LABELS_PL: dict[tuple[str, ...], dict[str, str]] = {
    PARTY_KINDS: PARTY_KIND_LABELS_PL,
    RESOURCES: RESOURCE_LABELS_PL,
    TEAM_ROLES: TEAM_ROLE_LABELS_PL,
    PROBLEM_CATEGORIES: PROBLEM_CATEGORY_LABELS_PL,
    PROMOTION_KINDS: PROMOTION_KIND_LABELS_PL,
    PROMOTION_LEVELS: PROMOTION_LEVEL_LABELS_PL,
    LANGUAGES: LANGUAGE_LABELS_PL,
}


def label_pl(choices, value: str) -> str:
    """The Polish label of *value* (the value itself when it has none, e.g. ``miejska``)."""
    return LABELS_PL.get(tuple(choices), {}).get(value, value)


def folded(text: str) -> str:
    """*text* for matching what people type: case, Polish letters, underscores and spacing folded."""
    text = unicodedata.normalize("NFKD", str(text).replace("ł", "l").replace("Ł", "L"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s_]+", " ", text).strip()


def _spellings(choices) -> dict[str, str]:
    """Every accepted spelling, folded, to its code: the code, its label, the label's head."""
    out: dict[str, str] = {}
    for code in choices:
        label = label_pl(choices, code)
        for spelling in (code, label, re.sub(r"\s*\(.*\)$", "", label)):
            out.setdefault(folded(spelling), code)
    return out


def code_for(choices, text) -> str | None:
    """The code *text* stands for (a code or a Polish label, typed loosely), or None."""
    return _spellings(choices).get(folded(text))


def near_miss(choices, text) -> str | None:
    """The Polish label closest to a value that matches none (``stowarzyszenia``), or None."""
    spellings = _spellings(choices)
    close = difflib.get_close_matches(folded(text), spellings, n=1, cutoff=0.75)
    return label_pl(choices, spellings[close[0]]) if close else None
