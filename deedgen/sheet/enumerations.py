"""The sheet's enumerations: the values a field may take (party kinds, resources, roles…) and the
Polish meaning of those shown to people. The schemas, the workbook's drop-downs and the
compliance rules all take them from here.
"""

from __future__ import annotations

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
RESOURCES = ("people", "space", "finances", "knowledge")
RESOURCE_LABELS_PL = {
    "people": "ludzie",
    "space": "przestrzeń",
    "finances": "finanse",
    "knowledge": "wiedza",
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
