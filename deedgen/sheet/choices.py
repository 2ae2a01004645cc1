"""The allowed values of the sheet's enumerated fields, with their Polish meaning: shown in the
workbook's instructions, header comments and drop-downs, and in the YAML template's comments.
"""

from __future__ import annotations

from marshmallow import fields as mfields

from deedgen.sheet import enumerations
from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.layout import Column

# The Polish label of every enumeration value: what drop-downs offer and Instrukcja explains.
CHOICE_LABELS_PL = enumerations.LABELS_PL


BOOLEAN_CHOICES = ("TAK", "NIE")


def choices_of(col: Column) -> list[tuple[str, str]]:
    """(value, Polish meaning) of an enumerated column; empty for free columns."""
    if isinstance(col.field, sheet_fields.Choice):
        labels = CHOICE_LABELS_PL.get(tuple(col.field.choices), {})
        return [(c, labels.get(c, c)) for c in col.field.choices]
    if isinstance(col.field, mfields.Boolean):
        return [("TAK", "tak"), ("NIE", "nie")]
    return []


def offered(col: Column) -> list[str]:
    """What a drop-down of the column offers: Polish labels (TAK/NIE for yes-or-no)."""
    return (
        [label for _, label in choices_of(col)]
        if isinstance(col.field, sheet_fields.Choice)
        else [code for code, _ in choices_of(col)]
    )


def plain_help(col: Column) -> str:
    """The column's help for a librarian: a coded column's help names codes, so it is replaced by
    its Polish labels; the goals column names goals by title, not by id."""
    if col.key == ("chosen",):
        return "wybierz cel z listy (cele z biblioteki klauzul), po jednym w komórce"
    if isinstance(col.field, sheet_fields.Choice) and any(
        code in col.help for code in col.field.choices if code not in offered(col)
    ):
        return "wybierz z listy: " + ", ".join(offered(col))
    return col.help
