"""The coalition form: the XLSX workbook's layout as tabs, and the way between a partner sheet's
data and the form's flat field names.

The layout is :mod:`deedgen.sheet.xlsx`'s (one key/value tab ``Koalicja``, one table tab per
sheet, child tables such as ``Przedstawiciele`` linked to their parent by id), so the form, the
workbook and the YAML file say the same things in the same words. Values travel as the text a
person typed and become data the way the XLSX reader makes them (``cell_value`` + ``convert``).

Field names: ``coalition.name`` on the key/value tab, ``parties.2.address.street`` in a table
(table key, row, column key). :class:`FormState` holds the typed text; :func:`to_data` turns it
into a sheet's data and remembers which field each data path came from, so a validation problem
(``parties[0].representatives[1].name``) lands beside its field (``representatives.1.name``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from marshmallow import fields as mfields

from deedgen.sheet import fields as f
from deedgen.sheet.choices import BOOLEAN_CHOICES, CHOICE_LABELS_PL
from deedgen.sheet.enumerations import code_for
from deedgen.sheet.layout import (
    KV_COLUMNS,
    KV_SECTIONS,
    KV_SHEET,
    TABLES,
    Column,
    Table,
    section_label,
)
from deedgen.sheet.raw import format_path
from deedgen.sheet.workbook_instructions import SHEET_PURPOSES
from deedgen.sheet.xlsx import convert
from deedgen.sheet.xlsx_file import cell_value

# Columns that name a row of another table: their inputs suggest the ids already typed there.
REFERENCES = {"party": "parties", "lead": "parties", "action": "actions"}
MAX_ROWS = 500  # rows per table accepted from a posted form


@dataclass(frozen=True)
class Input:
    """One field of the form: its column of the workbook and how it is typed in."""

    column: Column

    @property
    def key(self) -> str:
        return ".".join(self.column.key)

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(value, Polish label) of a drop-down; empty for a free-text field."""
        fld = self.column.field
        if isinstance(fld, mfields.Boolean):
            return [(word, word) for word in BOOLEAN_CHOICES]
        if isinstance(fld, f.Choice):
            labels = next(
                (
                    names
                    for values, names in CHOICE_LABELS_PL.items()
                    if tuple(fld.choices) == values
                ),
                {},
            )
            return [(value, labels.get(value, value)) for value in fld.choices]
        return []

    @property
    def input_type(self) -> str:
        return "date" if isinstance(self.column.field, f.Date) else "text"

    @property
    def reference(self) -> str | None:
        """The table whose ids this field names (``parties``), if any."""
        return REFERENCES.get(self.column.key[-1])


@dataclass(frozen=True)
class Tab:
    """A tab of the form: the key/value sheet (grouped by section) or one table."""

    key: str  # "coalition" for the key/value tab, else the table key ("parties", …)
    title: str
    purpose: str
    groups: tuple[tuple[str, str, tuple[Input, ...]], ...] = ()  # (section, label, inputs)
    table: Table | None = None

    @cached_property  # read for every posted field: made once per tab
    def inputs(self) -> tuple[Input, ...]:
        return tuple(Input(c) for c in self.table.columns) if self.table else ()

    @cached_property
    def input_keys(self) -> frozenset[str]:
        return frozenset(i.key for i in self.inputs)


def table_key(table: Table) -> str:
    return table.child or table.section


def _tabs() -> tuple[Tab, ...]:
    groups = tuple(
        (sec, section_label(sec), tuple(Input(c) for c in KV_COLUMNS[sec])) for sec in KV_SECTIONS
    )
    tabs = [Tab("coalition", KV_SHEET, SHEET_PURPOSES[KV_SHEET], groups=groups)]
    tabs += [Tab(table_key(t), t.sheet, SHEET_PURPOSES[t.sheet], table=t) for t in TABLES]
    return tuple(tabs)


TABS = _tabs()
TABLE_TABS = {tab.key: tab for tab in TABS if tab.table}


def field_id(name: str) -> str:
    """An HTML id for a field name (ids may not hold dots in CSS selectors)."""
    return "f-" + name.replace(".", "-")


# --- the typed text --------------------------------------------------------------------------


@dataclass
class FormState:
    """The text of every field, as typed: key/value fields by name, table rows by table key."""

    values: dict[str, str] = field(default_factory=dict)  # "coalition.name" → text
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # "parties" → rows

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def table(self, key: str) -> list[dict[str, str]]:
        return self.rows.setdefault(key, [])

    def add_row(self, key: str) -> None:
        if key in TABLE_TABS:
            self.table(key).append({})

    def remove_row(self, key: str, index: int) -> None:
        rows = self.table(key)
        if 0 <= index < len(rows):
            del rows[index]

    def ids(self, key: str) -> list[tuple[str, str]]:
        """(id, name) of the rows of a table that have an id: the suggestions for references."""
        return [
            (r["id"], r.get("name") or r.get("title") or "") for r in self.table(key) if r.get("id")
        ]


def from_form(form) -> FormState:
    """The state of a posted form (a multi-dict of field name → text); unknown names are ignored."""
    state = FormState()
    known_kv = {f"{sec}.{'.'.join(c.key)}" for sec in KV_SECTIONS for c in KV_COLUMNS[sec]}
    for name, value in form.items():
        if not isinstance(value, str):
            continue
        if name in known_kv:
            state.values[name] = value
            continue
        key, _, rest = name.partition(".")
        row, _, column = rest.partition(".")
        tab = TABLE_TABS.get(key)
        if tab is None or not row.isdigit() or int(row) >= MAX_ROWS:
            continue
        if column not in tab.input_keys:
            continue
        rows = state.table(key)
        while len(rows) <= int(row):
            rows.append({})
        rows[int(row)][column] = value
    return state


def from_data(data: dict) -> FormState:
    """The form's text for a sheet's data (as loaded: mistakes included)."""
    state = FormState()
    for sec in KV_SECTIONS:
        record = data.get(sec)
        for col in KV_COLUMNS[sec]:
            state.values[f"{sec}.{'.'.join(col.key)}"] = shown(col, _get(record, col.key))
    for tab in TABLE_TABS.values():
        state.rows[tab.key] = list(_rows_of(tab.table, data))
    return state


def _rows_of(table: Table, data: dict):
    def row(record, extra=None):
        out = {".".join(c.key): shown(c, _get(record, c.key)) for c in table.columns}
        out.update(extra or {})
        return out

    records = data.get(table.section)
    if table.lists:
        lists = records if isinstance(records, dict) else {}
        longest = max((len(lists.get(c.key[-1]) or []) for c in table.columns), default=0)
        for i in range(longest):
            yield {c.key[-1]: shown(c, _item(lists.get(c.key[-1]), i)) for c in table.columns}
        return
    records = records if isinstance(records, list) else []
    for record in records:
        if table.child is None:
            yield row(record)
            continue
        children = record.get(table.child) if isinstance(record, dict) else None
        for child in children if isinstance(children, list) else []:
            yield row(child, {table.link: show(record.get("id"))})


def _item(items, index):
    return items[index] if isinstance(items, list) and index < len(items) else None


def _get(record, key):
    for part in key:
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def shown(col: Column, value) -> str:
    """A sheet's value of *col* as the form shows it: a drop-down's value is its code, so the
    Polish label a workbook holds („fundacja”, „polski”), or a loosely typed one, becomes the
    code it stands for, as validation reads it; yes-or-no in any case becomes TAK or NIE."""
    text = show(value)
    fld = col.field
    if text and isinstance(fld, f.Choice) and text not in fld.choices:
        return code_for(fld.choices, text) or text  # an unknown value stays, marked so
    if text and isinstance(fld, mfields.Boolean) and text.upper() in BOOLEAN_CHOICES:
        return text.upper()
    return text


def show(value) -> str:
    """A value as the text a person types."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return BOOLEAN_CHOICES[0] if value else BOOLEAN_CHOICES[1]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return ""
    return str(value)


# --- from the typed text to a sheet's data ---------------------------------------------------


@dataclass
class FormData:
    """A sheet's data made from the form, and which field each data path came from."""

    data: dict
    fields: dict[str, str]  # data path ("parties[0].nip") → field name ("parties.0.nip")
    problems: list = field(default_factory=list)  # (field name, code, params): broken links

    def field_for(self, path: str) -> str | None:
        """The field of a data path, or of its nearest ancestor that has one."""
        from deedgen.sheet.validate import parse_path

        parts = parse_path(path)
        if format_path(parts) not in self.fields:  # a group (an address): its first field
            inside = format_path(parts) + "."
            first = next((n for p, n in self.fields.items() if p.startswith(inside)), None)
            if first:
                return first
        while parts:
            name = self.fields.get(format_path(parts))
            if name:
                return name
            parts = parts[:-1]
        return None


def to_data(state: FormState) -> FormData:
    """The partner sheet's data the form holds, as the XLSX reader would make it."""
    out = FormData({}, {})
    for sec in KV_SECTIONS:
        record: dict = {}
        for col in KV_COLUMNS[sec]:
            name = f"{sec}.{'.'.join(col.key)}"
            _put(record, col, state.value(name))
            out.fields[format_path((sec, *col.key))] = name
            out.fields.setdefault(format_path((sec,)), name)  # a section's own problem
        if record or sec in ("coalition", "gmina"):
            out.data[sec] = record
    for tab in TABLE_TABS.values():
        if tab.table.child is None:
            _parent_table(out, tab, state.table(tab.key))
    for tab in TABLE_TABS.values():
        if tab.table.child is not None:
            _child_table(out, tab, state.table(tab.key))
    return out


def _put(record: dict, col: Column, text: str) -> None:
    value = convert(cell_value(text), col.field)
    if value is None:
        return
    target = record
    for part in col.key[:-1]:
        target = target.setdefault(part, {})
    target[col.key[-1]] = value


def _blank(row: dict[str, str]) -> bool:
    return not any(v.strip() for v in row.values())


def _parent_table(out: FormData, tab: Tab, rows) -> None:
    table = tab.table
    if table.lists:
        lists: dict[str, list] = {c.key[-1]: [] for c in table.columns}
        for number, row in enumerate(rows):
            for col in table.columns:
                value = cell_value(row.get(col.key[-1], ""))
                if value is not None:
                    items = lists[col.key[-1]]
                    out.fields[format_path((table.section, col.key[-1], len(items)))] = (
                        f"{tab.key}.{number}.{col.key[-1]}"
                    )
                    items.append(value)
        out.data[table.section] = lists
        return
    records = out.data.setdefault(table.section, [])
    for number, row in enumerate(rows):
        if _blank(row):
            continue
        path = (table.section, len(records))
        record: dict = {child: [] for child in _children_of(table)}
        for col in table.columns:
            name = f"{tab.key}.{number}.{'.'.join(col.key)}"
            _put(record, col, row.get(".".join(col.key), ""))
            out.fields[format_path((*path, *col.key))] = name
        out.fields.setdefault(format_path(path), f"{tab.key}.{number}.{table.columns[0].key[0]}")
        records.append(record)


def _children_of(table: Table) -> list[str]:
    return [t.child for t in TABLES if t.child and t.section == table.section]


def _child_table(out: FormData, tab: Tab, rows) -> None:
    table = tab.table
    parents = out.data.get(table.section) or []
    ids: dict[str, int] = {}
    for index, parent in enumerate(parents):
        ids.setdefault(str(parent.get("id")), index)
    for number, row in enumerate(rows):
        if _blank(row):
            continue
        link_name = f"{tab.key}.{number}.{table.link}"
        link = (row.get(table.link) or "").strip()
        if not link:
            out.problems.append((link_name, "required", {}))
            continue
        if link not in ids:
            code = "unknown_party" if table.section == "parties" else "unknown_action"
            known = ", ".join(ids) or "—"
            out.problems.append((link_name, code, {"found": link, "expected": known}))
            continue
        children = parents[ids[link]][table.child]
        path = (table.section, ids[link], table.child, len(children))
        record: dict = {}
        for col in table.columns:
            if col.key == (table.link,):
                continue
            name = f"{tab.key}.{number}.{'.'.join(col.key)}"
            _put(record, col, row.get(".".join(col.key), ""))
            out.fields[format_path((*path, *col.key))] = name
        out.fields[format_path(path)] = link_name
        children.append(record)
