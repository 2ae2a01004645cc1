"""Read the XLSX partner sheet into the same structure the YAML loader produces.

The workbook layout (shared with the writer, :mod:`deedgen.sheet.workbook`) is
:mod:`deedgen.sheet.layout`: every column header is a field's Polish ``label``.

* ``Koalicja`` — key/value rows: column A the field's label, column B its value, column C help.
  Section rows (``Koalicja``, ``Gmina``, ``Skarbnik``, ``Mentor``, ``Ewaluacja``) only group them.
* One sheet per table, headers in the first non-empty row, one record per row: ``Strony``
  (the address as three columns, the power of attorney as two), ``Przedstawiciele`` and
  ``Mikrosukcesy`` (child rows naming their party / action by id), ``Wkłady``, ``Zespół``,
  ``Cele`` (a goal per cell), ``Działania`` (partners as comma-separated ids), ``Promocja``.
* ``Instrukcja`` is for people and is skipped. A row whose first cell is ``PRZYKŁAD`` is the
  example row and is skipped, as are empty rows. A trailing ``*`` on a header marks a required
  field and is ignored.

Every value's place is recorded in ``RawSheet.locations`` (sheet and cell), and so is the row of
every record and the header of every table, so a missing value points at its empty cell. The
workbook is untrusted: :mod:`deedgen.sheet.xlsx_file` checks it before openpyxl opens it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from marshmallow import fields as mfields
from stdnum.pl import regon

from deedgen.exceptions import InputError, Location, Problem
from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import folded
from deedgen.sheet.layout import (
    CHILD_LISTS,
    GOAL_IDS_HEADER,
    GOALS_HEADER,
    GOALS_KEY,
    KV_COLUMNS,
    KV_HEADERS,
    KV_SECTIONS,
    KV_SHEET,
    LISTS_SHEET,
    REQUIRED_SHEETS,
    SHEET_NAMES,
    SKIPPED_SHEETS,
    TABLES,
    Column,
    Table,
    is_example,
    is_list,
    letter,
    norm,
    section_label,
)
from deedgen.sheet.raw import RawSheet, format_path
from deedgen.sheet.schema import SheetSchema
from deedgen.sheet.xlsx_file import check_container, open_workbook, read_rows

TRUE_WORDS = {"tak", "prawda", "true", "yes", "1"}
FALSE_WORDS = {"nie", "fałsz", "false", "no", "0"}


# --- cell values --------------------------------------------------------------------------------


def split_list(text: str) -> list[str]:
    """Split a list cell: on ';' or line breaks when present (items may hold commas), else ','."""
    parts = re.split(r"[;\n]", text) if re.search(r"[;\n]", text) else text.split(",")
    return [p.strip() for p in parts if p.strip()]


# 5.000,00 — thousands separated by dots, the decimal comma: how Polish Excel shows an amount
_DOTTED_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?:\s*(?:zł|PLN))?", re.IGNORECASE)


def convert(value, field):
    """Adapt a cell's value to what the field expects (TAK/NIE, lists, dates typed as text…)."""
    if value is None:
        return None
    dotted = isinstance(value, str) and _DOTTED_AMOUNT.fullmatch(value.strip())
    if isinstance(field, sheet_fields.Amount) and dotted:
        return value.replace(".", "")
    if isinstance(field, mfields.Boolean) and isinstance(value, str):
        word = value.casefold()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
    if is_list(field):
        return split_list(value) if isinstance(value, str) else [value]
    if isinstance(field, sheet_fields.Text) and isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


# --- reading ------------------------------------------------------------------------------------


def load_xlsx(path: str | Path) -> RawSheet:
    """Read an XLSX partner sheet; raise :class:`InputError` when the file is not one."""
    path = Path(path)
    check_container(path)
    workbook = open_workbook(path)
    try:
        return _Reader(path, workbook).read()
    finally:
        workbook.close()


class _Reader:
    def __init__(self, path: Path, workbook) -> None:
        self.path = path
        self.workbook = workbook
        self.source = str(path)
        self.data: dict = {}
        self.locations = {(): Location(file=self.source)}
        self.problems: list[Problem] = []
        self.child_rows: dict[str, int] = {}  # last row read on each sheet
        self.goal_ids: dict[str, str] = {}  # a goal's title, folded → its id (from Listy)

    # helpers

    def loc(self, sheet: str, cell: str | None = None) -> Location:
        return Location(file=self.source, sheet=sheet, cell=cell)

    def problem(self, path, code, sheet, cell, severity="error", **params) -> None:
        where = self.loc(sheet, cell)
        self.problems.append(Problem(format_path(path), code, params, severity, where))

    def sheets(self) -> dict:
        """The workbook's sheets by their layout name; a sheet of another name is a warning."""
        sheets = {}
        for ws in self.workbook.worksheets:
            name = next((n for n in SHEET_NAMES if norm(n) == norm(ws.title)), None)
            if name is None:
                self.problem((), "unknown_sheet", ws.title, None, "warning", found=ws.title)
            elif name == LISTS_SHEET:
                self.read_goal_ids(ws)
            elif name not in SKIPPED_SHEETS:
                sheets.setdefault(name, ws)
        return sheets

    def read_goal_ids(self, ws) -> None:
        """The goals' titles the workbook's drop-down offered, and the id each stands for."""
        rows = [values for _, values in read_rows(self.path, ws)]
        if not rows or GOAL_IDS_HEADER not in rows[0]:
            return
        ids = rows[0].index(GOAL_IDS_HEADER)
        titles = rows[0].index(GOALS_HEADER) if GOALS_HEADER in rows[0] else ids - 1
        for values in rows[1:]:
            title = values[titles] if titles < len(values) else None
            goal = values[ids] if ids < len(values) else None
            if isinstance(title, str) and isinstance(goal, str):
                self.goal_ids[folded(title)] = goal

    def read(self) -> RawSheet:
        sheets = self.sheets()
        if not sheets:
            found = ", ".join(ws.title for ws in self.workbook.worksheets) or "—"
            raise InputError(
                f"{self.path.name}: to nie jest arkusz partnerów deedgen: nie ma w nim arkusza "
                f"{KV_SHEET}, Strony, …; są: {found}. Pusty arkusz zapisze: deedgen init PLIK.xlsx",
                english=f"{self.path.name}: not a deedgen partner sheet: no sheet {KV_SHEET}, "
                f"Strony, …; found: {found}. Create a blank one with: deedgen init FILE.xlsx",
            )
        for name, sections in REQUIRED_SHEETS.items():
            if name not in sheets:
                for section in sections:
                    self.problems.append(
                        Problem(
                            section,
                            "missing_sheet",
                            {"found": name},
                            "error",
                            Location(file=self.source),
                        )
                    )
        if KV_SHEET in sheets:
            self.read_key_values(sheets[KV_SHEET])
        for table in TABLES:
            if table.sheet in sheets:
                self.read_table(table, sheets[table.sheet])
        for table in TABLES:
            if table.child is not None:
                self.point_at_child_sheet(table, table.sheet in sheets)
        return RawSheet(self.data, self.source, self.locations, self.problems)

    # the key/value sheet

    def read_key_values(self, ws) -> None:
        sheet = ws.title
        titles = {norm(section_label(sec)): sec for sec in KV_SECTIONS}
        rows_by_label = {
            norm(col.label): (sec, col) for sec, cols in KV_COLUMNS.items() for col in cols
        }
        values: dict[str, dict] = {sec: {} for sec in KV_SECTIONS}
        section_rows: dict[str, str] = {}
        seen: dict[tuple, str] = {}
        for number, row in read_rows(self.path, ws):
            label, value = row[0], row[1] if len(row) > 1 else None
            a_cell, b_cell = f"A{number}", f"B{number}"
            if label is None:
                if value is not None:
                    self.problem((), "no_label", sheet, a_cell, found=value)
                continue
            key = norm(label)
            if key == norm(KV_HEADERS[0]) or is_example(label):
                continue
            if key in titles:
                section_rows.setdefault(titles[key], a_cell)
                continue
            if key not in rows_by_label:
                labels = [c.label for cols in KV_COLUMNS.values() for c in cols]
                self.extra_label(sheet, a_cell, label, labels)
                continue
            section, col = rows_by_label[key]
            path = (section, *col.key)
            if path in seen:
                self.problem(path, "duplicate_row", sheet, a_cell, found=label, first=seen[path])
                continue
            seen[path] = a_cell
            self.locations[path] = self.loc(sheet, b_cell)
            # a section missing as a whole points at its first value cell, where typing starts
            self.locations.setdefault((section,), self.loc(sheet, b_cell))
            self.put(values[section], col, convert(value, col.field), path)
        for section in KV_SECTIONS:
            self.locations.setdefault((section,), self.loc(sheet, section_rows.get(section, "A1")))
            if values[section] or SheetSchema().fields[section].required:
                self.data[section] = values[section]

    def restored(self, col: Column, value, path):
        """A REGON whose leading zero the spreadsheet dropped (012345678 stored as the number
        12345678) gets it back when the check digit then agrees, with a note where it was. (A
        TERC stored as a number is padded by its field: no TERC starts with two zeros.)"""
        if not isinstance(value, int) or isinstance(value, bool):
            return value
        digits = str(value)
        if not isinstance(col.field, sheet_fields.Regon) or len(digits) not in (8, 13):
            return value
        fixed = digits.zfill(len(digits) + 1)
        if not regon.is_valid(fixed):
            return value
        where = self.locations[path]
        params = {"found": digits, "fixed": fixed, "label": col.label}
        self.problems.append(Problem(format_path(path), "leading_zero", params, "warning", where))
        return fixed

    def put(self, record: dict, col: Column, value, path) -> None:
        """Store *value* at the column's key inside *record*; a list's items share its cell."""
        value = self.restored(col, value, path)
        if value is None:
            return
        target = record
        for part in col.key[:-1]:
            target = target.setdefault(part, {})
        target[col.key[-1]] = value
        if isinstance(value, list):
            for index in range(len(value)):
                self.locations[(*path, index)] = self.locations[path]

    def extra_label(self, sheet: str, cell: str, text, labels: list[str]) -> None:
        """A column (or a row of Koalicja) the layout lacks — „Telefon” — is read past, with a
        warning: its values do not reach the documents; a near miss names the column meant."""
        close = difflib.get_close_matches(norm(text), [norm(x) for x in labels], n=1, cutoff=0.8)
        meant = next((x for x in labels if close and norm(x) == close[0]), "")
        self.problem(
            (), "bad_header", sheet, cell, "warning",
            found=text, expected=", ".join(labels), suggestion_pl=meant,
        )  # fmt: skip

    # the tables

    def header(self, table: Table, ws, rows) -> dict[int, Column]:
        """Map the header row's column indexes to columns; report unknown and repeated ones."""
        number, values = rows[0]
        by_label = {norm(col.label): col for col in table.columns}
        mapping: dict[int, Column] = {}
        taken: dict[str, str] = {}
        for index, text in enumerate(values):
            if text is None:
                continue
            cell = f"{letter(index)}{number}"
            col = by_label.get(norm(text))
            if col is None:
                self.extra_label(ws.title, cell, text, [c.label for c in table.columns])
            elif col.label in taken:
                self.problem(
                    (), "duplicate_column", ws.title, cell, found=text, first=taken[col.label]
                )
            else:
                taken[col.label] = cell
                mapping[index] = col
        return mapping

    def report_headerless(self, sheet: str, rows) -> None:
        """Warn once per column about values under an empty header: they are not read."""
        header = rows[0][1]
        warned = set()
        for number, values in rows[1:]:
            for index, value in enumerate(values):
                unlabelled = index >= len(header) or header[index] is None
                if value is not None and unlabelled and index not in warned:
                    warned.add(index)
                    cell = f"{letter(index)}{number}"
                    self.problem((), "no_header", sheet, cell, "warning", found=value)

    def read_table(self, table: Table, ws) -> None:
        rows = read_rows(self.path, ws)
        if table.child is None:
            self.data.setdefault(table.section, {"chosen": [], "own": []} if table.lists else [])
            header_cell = f"A{rows[0][0]}" if rows else "A1"
            self.locations[(table.section,)] = self.loc(ws.title, header_cell)
        self.child_rows[table.sheet] = max(rows[-1][0] if rows else 1, 2)  # row 2: the example
        if not rows:
            return
        mapping = self.header(table, ws, rows)
        self.report_headerless(ws.title, rows)
        for count, (number, values) in enumerate(
            (r for r in rows[1:] if not is_example(r[1][0])), start=0
        ):
            cells = {
                index: (col, values[index] if index < len(values) else None)
                for index, col in mapping.items()
            }
            if table.lists:
                self.read_list_row(table, ws.title, number, cells)
            elif table.child:
                self.read_child_row(table, ws.title, number, count, cells)
            else:
                records = self.data[table.section]
                path = (table.section, len(records))
                records.append(self.record(table, ws.title, number, cells, path))

    def record(self, table: Table, sheet: str, number: int, cells, path) -> dict:
        """One row as a record; every column's cell is recorded, filled or not."""
        self.locations[path] = self.loc(sheet, f"A{number}")
        record: dict = {}
        for child in CHILD_LISTS.get(table.sheet, ()):  # filled later from the child sheet
            record[child] = []
            self.locations[(*path, child)] = self.loc(sheet, f"A{number}")
        for index, (col, value) in cells.items():
            cell_path = (*path, *col.key)
            where = self.loc(sheet, f"{letter(index)}{number}")
            self.locations[cell_path] = where
            for depth in range(1, len(col.key)):  # an address group points at its first cell
                self.locations.setdefault((*path, *col.key[:depth]), where)
            self.put(record, col, convert(value, col.field), cell_path)
        return record

    def point_at_child_sheet(self, table: Table, present: bool) -> None:
        """A record's child list (a party's representatives) is on the child sheet: its first
        row there, or the sheet's first free row when it has none (where to add one)."""
        free = self.child_rows.get(table.sheet, 2) + 1
        for i, parent in enumerate(self.data.get(table.section) or []):
            if not isinstance(parent, dict):
                continue
            path = (table.section, i, table.child)
            first = (*path, 0)
            if first in self.locations:
                self.locations[path] = self.loc(table.sheet, self.locations[first].cell)
            else:
                cell = f"A{free}" if present else None
                self.locations[path] = self.loc(table.sheet, cell)

    def read_child_row(self, table: Table, sheet: str, number: int, count: int, cells) -> None:
        link = next(((i, v) for i, (c, v) in cells.items() if c.key == (table.link,)), None)
        if link is None or link[1] is None:
            cell = f"{letter(link[0])}{number}" if link else f"A{number}"
            self.problem((table.child, count, table.link), "required", sheet, cell)
            return
        index, value = link
        if table.section not in self.data:
            return  # the parent sheet is missing, which is reported already
        parents = self.data[table.section]
        ids = {}
        for i, parent in enumerate(parents):
            ids.setdefault(str(parent.get("id")), i)
        parent = ids.get(str(value))
        if parent is None:
            code = "unknown_party" if table.section == "parties" else "unknown_action"
            known = ", ".join(str(p.get("id")) for p in parents if p.get("id") is not None) or "—"
            cell = f"{letter(index)}{number}"
            self.problem(
                (table.child, count, table.link), code, sheet, cell, found=value, expected=known
            )
            return
        children = parents[parent][table.child]
        path = (table.section, parent, table.child, len(children))
        own = {i: cv for i, cv in cells.items() if cv[0].key != (table.link,)}
        children.append(self.record(table, sheet, number, own, path))

    def read_list_row(self, table: Table, sheet: str, number: int, cells) -> None:
        lists = self.data[table.section]
        for index, (col, value) in cells.items():
            if value is None:
                continue
            items = lists.setdefault(col.key[-1], [])
            path = (table.section, col.key[-1], len(items))
            self.locations[path] = self.loc(sheet, f"{letter(index)}{number}")
            if col.key == GOALS_KEY and isinstance(value, str):
                value = self.goal_ids.get(folded(value), value)  # a goal chosen by its title
            items.append(value.isoformat() if isinstance(value, dt.date) else value)
