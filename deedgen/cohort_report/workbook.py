"""``summary.xlsx``: the rows, the clause changes and the batch's facts as three sheets.

Text cells a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are prefixed with an apostrophe and stored as text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

from deedgen.cohort_report.columns import COLUMNS, CONTROL

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize(value):
    """A text value a spreadsheet must not evaluate: formulas and DDE tricks start with = + - @
    (or a tab, CR or LF before them); such text gets a leading apostrophe. Control characters
    an XLSX cannot hold are dropped."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_xlsx(path: Path, context: dict, rows: Iterator[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Koalicje")
    rules = context["rules"]
    headers = (
        [label for _key, label, _tip in COLUMNS] + rules + ["Pakiet", "Dokumenty", "Błędy", "Uwagi"]
    )
    widths = [26, 9, 22, 34, 24, 16, 7, 9, 10, 12] + [10] * len(rules) + [26, 30, 60, 40]
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, WriteOnlyCell, h, font=bold) for h in headers])
    count = 0
    for row in rows:
        sheet.append(_xlsx_row(sheet, WriteOnlyCell, row, rules))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    _xlsx_changes(book, WriteOnlyCell, context["changes"])
    _xlsx_header(book, WriteOnlyCell, context)
    book.save(path)


@functools.cache
def _link_font():
    """One Font for every link cell."""
    from openpyxl.styles import Font

    return Font(color="0563C1", underline="single")


def _cell(sheet, cell_class, value, *, link: str | None = None, font=None):
    """A value for ``sheet.append``: plain values as they are (text already neutralised, so
    never taken for a formula), a cell object only where a link or a font is needed."""
    value = neutralize(value)
    if not link and font is None:
        return value
    cell = cell_class(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula
    if link:
        cell.hyperlink = link
        cell.font = _link_font()
    if font is not None:
        cell.font = font
    return cell


def _xlsx_row(sheet, cell_class, row: dict, rules: list[str]) -> list:
    def c(value, link=None):
        return _cell(sheet, cell_class, value, link=link)

    cells = []
    for key, _label, _tip in COLUMNS:
        value = row.get(key)
        if key == "money" and value is not None:
            cells.append(float(value))
        elif key == "folder" and value and row.get("status") != "failed":
            cells.append(c(value, link=f"{value}/"))
        else:
            cells.append(c(value))
    statuses = row.get("rules") or {}
    cells += [statuses.get(rule) for rule in rules]
    bundles = row.get("bundles") or []
    cells.append(c(bundles[0]["file"], link=bundles[0]["file"]) if bundles else None)
    documents = [d.get("pdf") or d.get("docx") for d in row.get("documents") or []]
    cells.append(c("; ".join(documents) if documents else None))
    cells.append(c("\n".join(row.get("errors") or []) or None))
    notes = [row.get("reason") or ""] + [
        f"{x['clause']}: {x['change']}" for x in row.get("clause_changes") or []
    ]
    cells.append(c("; ".join(n for n in notes if n) or None))
    return cells


def _xlsx_changes(book, cell_class, changes: list[dict]) -> None:
    sheet = book.create_sheet("Zmiany klauzul")
    for letter, width in zip("ABCD", (34, 40, 12, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(
        [_cell(sheet, cell_class, h) for h in ("Klauzula", "Zmiana", "Koalicji", "Foldery")]
    )
    for change in changes:
        folders = ", ".join(f for f in change["folders"] if f)
        sheet.append(
            [
                _cell(sheet, cell_class, v)
                for v in (change["clause"], change["change"], len(change["folders"]), folders)
            ]
        )


def _xlsx_header(book, cell_class, context: dict) -> None:
    sheet = book.create_sheet("Partia")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    header = context["header"]
    lines = [
        ("Kohorta", header["cohort"]),
        ("Koalicji", header["coalitions"]),
        ("deedgen", header["deedgen_version"]),
        ("Wygenerowano", header["generated"]),
        ("Opcje", json.dumps(header["options"], ensure_ascii=False)),
        ("Warstwy klauzul", " → ".join(x["name"] for x in header["library"]["layers"])),
        ("Przerwana", "tak" if header.get("interrupted") else "nie"),
        ("Nie zbudowano (koalicji)", context["counts"].get("failed", 0)),
        ("Kod wyjścia", header.get("exit_code")),
    ] + [(f"Status: {status}", n) for status, n in context["counts"].items()]
    for label, value in lines:
        sheet.append([_cell(sheet, cell_class, label), _cell(sheet, cell_class, value)])
