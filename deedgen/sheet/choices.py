"""The allowed values of the sheet's enumerated fields, with their Polish meaning: shown in the
workbook's instructions, header comments and drop-downs, and in the YAML template's comments.
"""

from __future__ import annotations

from marshmallow import fields as mfields

from deedgen.sheet import enumerations
from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.layout import Column

# Polish meaning of every enumeration value (shown in Instrukcja and in the header comments).
CHOICE_LABELS_PL = {
    enumerations.PARTY_KINDS: enumerations.PARTY_KIND_LABELS_PL,
    enumerations.RESOURCES: enumerations.RESOURCE_LABELS_PL,
    enumerations.TEAM_ROLES: {"coordinator": "koordynator zespołu", "member": "członek zespołu"},
    enumerations.PROBLEM_CATEGORIES: {
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
    },
    enumerations.PROMOTION_KINDS: {
        "seminar": "seminarium",
        "conference": "konferencja",
        "quarterly_presentation": "kwartalna prezentacja mikrosukcesów",
        "other": "inne wydarzenie",
    },
    enumerations.PROMOTION_LEVELS: {"local": "lokalny", "regional": "regionalny"},
    enumerations.LANGUAGES: {"pl": "polski (tekst wiążący)", "en": "angielski"},
}


BOOLEAN_CHOICES = ("TAK", "NIE")


def choices_of(col: Column) -> list[tuple[str, str]]:
    """(value, Polish meaning) of an enumerated column; empty for free columns."""
    if isinstance(col.field, sheet_fields.Choice):
        labels = CHOICE_LABELS_PL.get(tuple(col.field.choices), {})
        return [(c, labels.get(c, c)) for c in col.field.choices]
    if isinstance(col.field, mfields.Boolean):
        return [("TAK", "tak"), ("NIE", "nie")]
    return []
