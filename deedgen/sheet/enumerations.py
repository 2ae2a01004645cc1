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
    "business",  # legacy: przedsiębiorca — now company or sole_trader (a warning says so)
    "informal_group",  # grupa nieformalna
    "resident",  # mieszkaniec, in their own name
    "company",  # spółka handlowa (KRS): its zarząd or a pełnomocnik, art. 201 § 1 k.s.h.
    "sole_trader",  # przedsiębiorca wpisany do CEIDG, in their own name
    "kgw",  # koło gospodyń wiejskich (Krajowy Rejestr KGW kept by ARiMR, not the KRS)
    "church_entity",  # parafia or another church legal person
    "other_jst",  # another gmina (a neighbour): its own executive and skarbnik
    "voivodeship",  # województwo: marszałek with a member of the zarząd
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
    "company": "spółka (KRS)",
    "sole_trader": "przedsiębiorca (CEIDG)",
    "kgw": "koło gospodyń wiejskich",
    "church_entity": "parafia / kościelna osoba prawna",
    "other_jst": "gmina sąsiednia",
    "voivodeship": "województwo",
}

# Local-government units (JST): each signs through its own organs and its skarbnik countersigns
# its money (art. 46 ust. 3 u.s.g., art. 48 ust. 3 u.s.p., art. 57 ust. 3 u.s.w.).
JST_KINDS = ("gmina", "powiat", "voivodeship", "other_jst")
# Who runs a school (organ prowadzący); a school of a JST is that JST's budget unit.
GOVERNING_BODIES = ("gmina", "powiat", "voivodeship", "other")
GOVERNING_BODY_LABELS_PL = {
    "gmina": "gmina (szkoła gminna)",
    "powiat": "powiat (szkoła powiatowa)",
    "voivodeship": "województwo",
    "other": "inny podmiot będący Stroną (np. stowarzyszenie)",
}
# Who granted a power of attorney or an authorisation.
GRANTORS = ("executive", "zarzad_powiatu", "zarzad_wojewodztwa", "zarzad")
GRANTOR_LABELS_PL = {
    "executive": "wójt / burmistrz / prezydent miasta",
    "zarzad_powiatu": "zarząd powiatu",
    "zarzad_wojewodztwa": "zarząd województwa",
    "zarzad": "zarząd (stowarzyszenia, fundacji, spółki)",
}
INFORMAL_GROUP_MODES = ("members", "support")
INFORMAL_GROUP_MODE_LABELS_PL = {
    "members": "członkowie podpisują jako osoby fizyczne",
    "support": "deklaracja poparcia, bez statusu Strony",
}
REPRESENTATION_MODES = ("przedstawiciel", "zarzad")
REPRESENTATION_MODE_LABELS_PL = {
    "przedstawiciel": "przedstawiciel stowarzyszenia zwykłego",
    "zarzad": "zarząd stowarzyszenia zwykłego",
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
    GOVERNING_BODIES: GOVERNING_BODY_LABELS_PL,
    GRANTORS: GRANTOR_LABELS_PL,
    INFORMAL_GROUP_MODES: INFORMAL_GROUP_MODE_LABELS_PL,
    REPRESENTATION_MODES: REPRESENTATION_MODE_LABELS_PL,
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
    typed = folded(text)
    close = difflib.get_close_matches(typed, spellings, n=1, cutoff=0.75)
    if close:
        return label_pl(choices, spellings[close[0]])
    # the start of one label only, cut at a word („koło gospodyń” for „koło gospodyń wiejskich”)
    starts = {code for spelling, code in spellings.items() if spelling.startswith(typed + " ")}
    return label_pl(choices, starts.pop()) if len(typed) >= 4 and len(starts) == 1 else None
