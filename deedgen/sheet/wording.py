"""How a problem in a workbook is placed for a librarian: the sheet and cell, the row as the sheet
numbers it, and the column's Polish label (``Strony!H3 — wiersz 3, kolumna „NIP”``), never the
data path (``parties[0].nip``) or an index from 0.
"""

from __future__ import annotations

import dataclasses
import re

from marshmallow import fields as mfields

from deedgen.sheet.layout import KV_SHEET, SHEET_NAMES, TABLES
from deedgen.sheet.schema import SheetSchema


def field_at(path) -> mfields.Field | None:
    """The schema field of a data path (("parties", 2, "address", "city")), or None."""
    schema, found = SheetSchema(), None
    for part in path:
        if isinstance(part, int):
            continue
        if schema is None or part not in schema.fields:
            return None
        found = schema.fields[part]
        inner = found.inner if isinstance(found, mfields.List) else found
        schema = inner.schema if isinstance(inner, mfields.Nested) else None
    return found


def label_at(path) -> str | None:
    """The Polish label of the field a path ends in (a list item: its list's label)."""
    field = field_at(path)
    return field.metadata.get("label") if field is not None else None


def place(location, path, lang: str = "pl") -> str:
    """``lipowiec.xlsx: Strony!H3 — wiersz 3, kolumna „NIP”``; the sheet alone for a whole table."""
    head = str(location)
    if location.sheet not in SHEET_NAMES or not location.cell:
        return head
    if location.cell == "A1":  # a table as a whole, before any row
        return head.removesuffix("!A1")
    match = re.fullmatch(r"[A-Z]+(\d+)", location.cell)
    parts = [f"{'wiersz' if lang == 'pl' else 'row'} {match.group(1)}"] if match else []
    named = _named(path, location.sheet, lang) if path else None
    if named:
        parts.append(named)
    return f"{head} — {', '.join(parts)}" if parts else head


def short_place(location, path: str, lang: str = "pl") -> str:
    """:func:`place` without the file's name (a report that names its sheet once)."""
    short = dataclasses.replace(location, file=None, line=None)
    return place(short, _path(path), lang) if _known(_path(path), location.sheet) else str(short)


def _named(path, sheet: str, lang: str) -> str | None:
    """„kolumna „NIP””, „pole „Miejsce zawarcia””; None for a row or a child table."""
    field = field_at(path) or _column_field(path, sheet)
    if field is None or (
        isinstance(field, mfields.List) and isinstance(field.inner, mfields.Nested)
    ):
        return None
    if isinstance(field, mfields.Nested):  # a group (Skarbnik, a power of attorney): the cell
        field = next(iter(field.schema.fields.values()))  # pointed at is its first field's
    label = field.metadata.get("label")
    if sheet == KV_SHEET:
        noun = "pole" if lang == "pl" else "field"
    else:
        noun = "kolumna" if lang == "pl" else "column"
    return f"{noun} „{label}”" if lang == "pl" else f'{noun} "{label}"'


def describe(problem, lang: str = "pl") -> str | None:
    """One line of a problem in a partner workbook, as :meth:`Problem.describe` prints it; None
    for another workbook (an evaluation report)."""
    path = _path(problem.path)
    if problem.location.sheet not in SHEET_NAMES or not _known(path, problem.location.sheet):
        return None  # another workbook's sheet that happens to share a name
    return f"{place(problem.location, _path(problem.path), lang)}: {problem.message(lang)}"


def _column_field(path, sheet: str):
    """The field of the column a loader's relative path ("representatives", 4, "party") names."""
    keys = tuple(p for p in path if isinstance(p, str))
    for table in TABLES:
        if table.sheet == sheet:
            for col in table.columns:
                if keys[-len(col.key) :] == col.key:
                    return col.field
    return None


def _known(path, sheet: str) -> bool:
    return field_at(path) is not None or _column_field(path, sheet) is not None


def _path(text: str) -> tuple:
    return tuple(
        int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text)
    )


def tab_order(problem) -> tuple:
    """Sort key: the workbook's sheets in tab order, then row, then column."""
    loc = problem.location
    if loc is None or loc.sheet is None:
        return (-1, loc.line or 0 if loc else 0, 0, "")
    index = SHEET_NAMES.index(loc.sheet) if loc.sheet in SHEET_NAMES else len(SHEET_NAMES)
    match = re.fullmatch(r"([A-Z]+)(\d+)", loc.cell or "")
    if not match:
        return (index, 0, 0, "")
    return (index, int(match.group(2)), len(match.group(1)), match.group(1))
