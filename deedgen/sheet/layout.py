"""The partner workbook's layout, shared by its reader (:mod:`.xlsx`) and its writer
(:mod:`.workbook`): which sheets it has, and which columns each has, all derived from
:class:`deedgen.sheet.schema.SheetSchema` (a column header is a field's Polish ``label``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marshmallow import fields as mfields

from deedgen.sheet.schema import SheetSchema
from deedgen.sheet.schema_parties import (
    ContributionSchema,
    PartySchema,
    RepresentativeSchema,
    TeamMemberSchema,
)
from deedgen.sheet.schema_plan import ActionSchema, GoalsSchema, MicroSuccessSchema, PromotionSchema

INSTRUCTIONS_SHEET = "Instrukcja"
LISTS_SHEET = "Listy"  # hidden: what the drop-downs offer
GOALS_KEY = ("chosen",)  # the Cele column of goals from the clause library
GOALS_HEADER, GOAL_IDS_HEADER = "Cele", "Cele (id)"  # Listy's columns: titles, then their ids
KV_SHEET = "Koalicja"
KV_SECTIONS = ("coalition", "gmina", "treasurer", "mentor", "evaluation")
KV_HEADERS = ("Pole", "Wartość", "Pomoc")
EXAMPLE_MARKER = "PRZYKŁAD"
REQUIRED_MARK = " *"


@dataclass(frozen=True)
class Column:
    """One column (or one key/value row): a schema field and its path inside a record."""

    key: tuple[str, ...]  # ("nip",) or ("address", "street")
    field: mfields.Field
    required: bool  # the field and every field containing it are required

    @property
    def label(self) -> str:
        return self.field.metadata["label"]

    @property
    def help(self) -> str:
        return self.field.metadata.get("help", "")

    @property
    def description(self) -> str:
        return self.field.metadata.get("description", "")

    @property
    def header(self) -> str:
        """The header written to the workbook: the label, with ``*`` when required."""
        return self.label + (REQUIRED_MARK if self.required else "")


@dataclass(frozen=True)
class Table:
    """A sheet with one record per row.

    ``child`` and ``link`` describe a child table: its rows are appended to the list ``child``
    of the parent record (in ``section``) whose id is in the ``link`` column. ``lists`` marks a
    sheet whose columns are lists (``Cele``): each non-empty cell adds one item.
    """

    sheet: str
    section: str
    columns: tuple[Column, ...]
    child: str | None = None
    link: str | None = None
    lists: bool = False


def is_list(field) -> bool:
    return isinstance(field, mfields.List)


def is_nested_list(field) -> bool:
    return is_list(field) and isinstance(field.inner, mfields.Nested)


def columns_of(schema, prefix=(), required=True) -> tuple[Column, ...]:
    """The schema's fields as columns; a single nested record (an address) is flattened."""
    out = []
    for name, field in schema.fields.items():
        need = required and field.required
        if isinstance(field, mfields.Nested):
            out.extend(columns_of(field.schema, (*prefix, name), need))
        elif not is_nested_list(field):
            out.append(Column((*prefix, name), field, need))
    return tuple(out)


def _kv_columns() -> dict[str, tuple[Column, ...]]:
    root = SheetSchema().fields
    return {
        section: columns_of(root[section].schema, required=root[section].required)
        for section in KV_SECTIONS
    }


def _tables() -> tuple[Table, ...]:
    return (
        Table("Strony", "parties", columns_of(PartySchema())),
        Table(
            "Przedstawiciele",
            "parties",
            columns_of(RepresentativeSchema()),
            "representatives",
            "party",
        ),
        Table("Wkłady", "contributions", columns_of(ContributionSchema())),
        Table("Zespół", "team", columns_of(TeamMemberSchema())),
        Table("Cele", "goals", columns_of(GoalsSchema(), required=False), lists=True),
        Table("Działania", "actions", columns_of(ActionSchema())),
        Table(
            "Mikrosukcesy",
            "actions",
            columns_of(MicroSuccessSchema()),
            "micro_successes",
            "action",
        ),
        Table("Promocja", "promotion", columns_of(PromotionSchema())),
    )


KV_COLUMNS = _kv_columns()
TABLES = _tables()
SHEET_NAMES = (INSTRUCTIONS_SHEET, KV_SHEET, *(t.sheet for t in TABLES), LISTS_SHEET)
SKIPPED_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)  # for people and drop-downs, not data
CHILD_LISTS = {"Strony": ("representatives",), "Działania": ("micro_successes",)}
REQUIRED_SHEETS = {KV_SHEET: ("coalition", "gmina"), "Strony": ("parties",)}


def section_label(section: str) -> str:
    return SheetSchema().fields[section].metadata["label"]


def norm(text) -> str:
    """Normalise a header for matching: case, dashes, spacing and the required mark."""
    text = re.sub(r"[\u2012-\u2015\u2212]", "-", str(text)).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().rstrip("*").strip()
    return text.casefold()


def is_example(value) -> bool:
    return isinstance(value, str) and norm(value) in (norm(EXAMPLE_MARKER), "przyklad")


def letter(index: int) -> str:
    """Column letter of a 0-based index."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
