"""Write the XLSX partner workbook for people to fill in: its key/value sheet and its tables.

The layout is :mod:`deedgen.sheet.layout` (from :class:`deedgen.sheet.schema.SheetSchema`):
Polish headers from ``label``; each column's comment, drop-down and format come from
:mod:`.workbook_columns`, the ``Instrukcja`` sheet from :mod:`.workbook_instructions`. Header
rows are frozen and each table has one example row (first cell ``PRZYKŁAD``), which the loader
skips. The YAML counterpart is :mod:`.yaml_template`; :mod:`.init` writes either to a file.

Given the data of a loaded sheet (``deedgen init --from``), the writers fill it in as it is,
mistakes included, so a sheet can move between YAML and XLSX and still be validated in either.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from marshmallow import fields as mfields

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.choices import BOOLEAN_CHOICES, offered, plain_help
from deedgen.sheet.dropped import show, unknown_keys
from deedgen.sheet.enumerations import label_pl
from deedgen.sheet.layout import (
    EXAMPLE_MARKER,
    GOALS_KEY,
    KV_COLUMNS,
    KV_HEADERS,
    KV_SHEET,
    TABLES,
    Column,
    Table,
    is_list,
    section_label,
)
from deedgen.sheet.raw import format_path
from deedgen.sheet.workbook_columns import (
    column_width,
    header_comment,
    number_format,
    print_setup,
    styles,
)
from deedgen.sheet.workbook_instructions import write_instructions
from deedgen.sheet.workbook_lists import (
    DATA_ROWS,
    FIRST_DATA_ROW,
    Lists,
    drop_down,
    goal_titles,
)

# Example rows: synthetic values (checksums valid), the first column holds the marker instead.
EXAMPLES = {
    "Strony": {
        ("kind",): "stowarzyszenie",
        ("name",): "Stowarzyszenie „Przykładowe”",
        ("short_name",): "Stowarzyszenie",
        ("address", "street"): "ul. Lipowa 1",
        ("address", "postal_code"): "00-950",
        ("address", "city"): "Przykładowo",
        ("nip",): "525-000-01-27",
        ("regon",): "140000017",
        ("krs",): "0000123456",
        ("email",): "kontakt@przyklad.example.pl",
        ("representation_basis",): "statut Stowarzyszenia i odpis z KRS",
    },
    "Przedstawiciele": {("name",): "Jan Przykładowy", ("function",): "Prezes Zarządu"},
    "Wkłady": {
        ("resource",): "przestrzeń",
        ("description",): "sala spotkań udostępniana dwa razy w tygodniu",
        ("period",): "2026–2027",
    },
    "Zespół": {("party",): "gbp", ("role",): "członek"},
    "Cele": {("own",): "zwiększenie liczby czytelników Biblioteki o 20% w okresie programu"},
    "Działania": {
        ("title",): "Cyfrowy Senior — warsztaty kompetencji cyfrowych",
        ("problem",): "wykluczenie cyfrowe osób starszych",
        ("problem_category",): "wykluczenie cyfrowe",
        ("lead",): "gbp",
        ("partners",): "szkola, razem",
        ("start_quarter",): "2026-Q2",
        ("end_quarter",): "2026-Q4",
    },
    "Mikrosukcesy": {
        ("quarter",): "2026-Q2",
        ("description",): "12 seniorów ukończyło pierwszy cykl zajęć",
    },
    "Promocja": {
        ("quarter",): "2026-Q4",
        ("level",): "lokalny",
        ("audience",): "mieszkańcy i partnerzy koalicji",
        ("description",): "prezentacja mikrosukcesów kwartału w Bibliotece",
    },
}


# --- writing a workbook --------------------------------------------------------------------------


def build_workbook(data: dict | None = None):
    """An openpyxl workbook for *data* (a loaded sheet's plain data), or a blank one."""
    from openpyxl import Workbook

    dropped: list[str] = []
    workbook = Workbook()
    lists = Lists(workbook)
    write_instructions(workbook.active)
    _key_values(workbook.create_sheet(KV_SHEET), data, dropped, lists)
    for table in TABLES:
        ws = workbook.create_sheet(table.sheet)
        _table_layout(ws, table, lists)
        if data is not None:
            _fill_table(ws, table, data, dropped)
    if lists.ws is not None:  # the hidden lists go last, after every sheet people fill in
        workbook.move_sheet(
            lists.ws, offset=len(workbook.sheetnames) - 1 - workbook.index(lists.ws)
        )
    if data is not None:
        dropped.extend(unknown_keys(data))
    return workbook, dropped


def _key_values(ws, data: dict | None, dropped: list[str], lists: Lists) -> None:
    st = styles()
    for index, text in enumerate(KV_HEADERS, start=1):
        cell = ws.cell(row=1, column=index, value=text)
        cell.font, cell.fill = st["header"], st["header_fill"]
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A2"
    print_setup(ws)
    row = 2
    for section, cols in KV_COLUMNS.items():
        title = ws.cell(row=row, column=1, value=section_label(section))
        title.font, title.fill = st["header"], st["section_fill"]
        ws.cell(row=row, column=2).fill = st["section_fill"]
        ws.cell(row=row, column=3).fill = st["section_fill"]
        row += 1
        values = (data or {}).get(section)
        if values is not None and not isinstance(values, dict):
            dropped.append(f"{section}: {show(values)}")
            values = None
        for col in cols:
            label = ws.cell(row=row, column=1, value=col.header)
            label.comment = header_comment(col)
            label.alignment = st["wrap"]
            hint = plain_help(col)
            if offered(col) and not hint.startswith("wybierz z listy"):
                hint = (hint + "; " if hint else "") + "wartości: " + ", ".join(offered(col))
            ws.cell(row=row, column=3, value=hint or None).alignment = st["wrap"]
            value_cell = ws.cell(row=row, column=2)
            value_cell.number_format = number_format(col)
            validation = drop_down(col, KV_SHEET, lists)
            if validation is not None:
                ws.add_data_validation(validation)
                validation.add(value_cell.coordinate)
            if values:
                _set(
                    value_cell,
                    _get(values, col.key),
                    col,
                    f"{section}.{'.'.join(col.key)}",
                    dropped,
                )
            row += 1


def _table_layout(ws, table: Table, lists: Lists) -> None:
    from openpyxl.utils import get_column_letter

    st = styles()
    ws.freeze_panes = "B2"
    print_setup(ws, width=sum(column_width(col) for col in table.columns))
    examples = EXAMPLES.get(table.sheet, {})
    for index, col in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=col.header)
        header.font, header.fill, header.alignment = st["header"], st["header_fill"], st["wrap"]
        header.comment = header_comment(col)
        ws.column_dimensions[letter].width = column_width(col)
        example = ws.cell(
            row=2, column=index, value=EXAMPLE_MARKER if index == 1 else examples.get(col.key)
        )
        example.font, example.fill = st["example"], st["example_fill"]
        example.number_format = number_format(col)
        validation = drop_down(col, table.sheet, lists)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{DATA_ROWS}")
        # the column's own format applies to every cell people add, without creating rows
        ws.column_dimensions[letter].number_format = number_format(col)


def _fill_table(ws, table: Table, data: dict, dropped: list[str]) -> None:
    row = FIRST_DATA_ROW
    for where, record in _records(table, data, dropped):
        for index, col in enumerate(table.columns, start=1):
            value = record.get(col.key[0]) if table.lists else _get(record, col.key)
            if table.lists:
                value = value[where[1]] if where[1] < len(value) else None
                if col.key == GOALS_KEY:
                    value = _goal_title(value)
            _set(
                ws.cell(row=row, column=index), value, col, format_path((*where, *col.key)), dropped
            )
        row += 1


def _records(table: Table, data: dict, dropped: list[str]):
    """(path, record) for each row of *table* in *data*; child rows carry their parent's id."""
    section = data.get(table.section)
    if section is None:
        return
    if table.lists:
        if not isinstance(section, dict):
            dropped.append(f"{table.section}: {show(section)}")
            return
        lists = {col.key[0]: _as_list(section.get(col.key[0])) for col in table.columns}
        for index in range(max((len(v) for v in lists.values()), default=0)):
            yield (table.section, index), lists
        return
    if not isinstance(section, list):
        dropped.append(f"{table.section}: {show(section)}")
        return
    for i, parent in enumerate(section):
        if not isinstance(parent, dict):
            if table.child is None:
                dropped.append(f"{table.section}[{i}]: {show(parent)}")
            continue
        if table.child is None:
            yield (table.section, i), parent
            continue
        children = parent.get(table.child) or []
        for j, child in enumerate(children if isinstance(children, list) else []):
            if isinstance(child, dict):
                yield (table.section, i, table.child, j), {**child, table.link: parent.get("id")}
            else:
                dropped.append(f"{table.section}[{i}].{table.child}[{j}]: {show(child)}")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _get(record, key: tuple[str, ...]):
    for part in key:
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def _set(cell, value, col: Column, where: str, dropped: list[str]) -> None:
    """Write a source value as the column expects, keeping it as typed when it is not valid."""
    if value is None:
        return
    fld = col.field
    if is_list(fld) and isinstance(value, list):
        items = [str(v) for v in value]
        value = ("; " if any("," in i for i in items) else ", ").join(items)
    elif isinstance(fld, mfields.Boolean) and isinstance(value, bool):
        value = BOOLEAN_CHOICES[0] if value else BOOLEAN_CHOICES[1]
    elif isinstance(fld, sheet_fields.Choice) and value in fld.choices:
        value = label_pl(fld.choices, value)  # what the drop-down offers
    elif isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(fld, sheet_fields.Amount):
        value = _amount(value)
    elif isinstance(value, (dict, list)):
        dropped.append(f"{where}: {show(value)}")
        value = str(value)
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not isinstance(fld, mfields.Integer)
    ):
        value = str(value)  # an id or a code typed as a number: keep it as text
    elif isinstance(value, float) and not isinstance(fld, mfields.Integer):
        value = repr(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a value, never a formula


def _amount(value):
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d{1,2})?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern already guards it
            return value
    return value


def _goal_title(goal):
    """A goal id of the library as the title the drop-down offers; anything else as typed."""
    titles = {goal_id: title for title, goal_id in goal_titles().items()}
    return titles.get(goal, goal) if isinstance(goal, str) else goal
