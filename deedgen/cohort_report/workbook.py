"""``summary.xlsx``: the rows, the clause changes and the batch's facts as three sheets.

Text cells a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are prefixed with an apostrophe and stored as text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

from deedgen.cohort_report.columns import (
    COLUMNS,
    CONTROL,
    STATUS_LABELS,
    VERDICT_LABELS,
    status_text,
)
from deedgen.compliance.messages import rule_title

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
WIDTHS = {  # column key → width in characters
    "status": 24,
    "terc": 9,
    "gmina": 22,
    "coalition": 34,
    "mentor": 24,
    "mentor_email": 28,
    "parties": 7,
    "actions": 9,
    "social_actions": 10,
    "money": 12,
    "sheet": 24,
    "folder": 30,
}
TAIL = (  # the last columns: header, width
    ("Pakiet", 26),
    ("Dokumenty", 30),
    ("Błędy", 60),
    ("Przebieg budowy", 40),
    ("Ostrzeżenia", 50),
    ("Uwagi", 40),
)


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
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Koalicje")
    rules = context["rules"]
    descriptions = context.get("descriptions") or {}
    widths = [WIDTHS[key] for key, _label, _tip in COLUMNS] + [14] * len(rules)
    widths += [width for _head, width in TAIL]
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    heads = [_cell(sheet, WriteOnlyCell, label, font=bold) for _key, label, _tip in COLUMNS]
    for rule in rules:
        head = _cell(sheet, WriteOnlyCell, rule_title(rule), font=bold)
        head.comment = Comment(f"{rule}: {descriptions.get(rule, rule)}", "deedgen")
        heads.append(head)
    heads += [_cell(sheet, WriteOnlyCell, head, font=bold) for head, _width in TAIL]
    sheet.append(heads)
    count = 0
    for row in rows:
        sheet.append(_xlsx_row(sheet, WriteOnlyCell, row, rules))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{count + 1}"
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
        if key == "status":
            cells.append(c(status_text(row)))
        elif key == "money" and value is not None:
            cells.append(float(value))
        elif key == "folder" and value and row.get("status") != "failed":
            cells.append(c(value, link=f"{value}/"))
        else:
            cells.append(c(value))
    statuses = row.get("rules") or {}
    cells += [VERDICT_LABELS[v][1] if v in VERDICT_LABELS else v for v in map(statuses.get, rules)]
    bundles = row.get("bundles") or []
    cells.append(c(bundles[0]["file"], link=bundles[0]["file"]) if bundles else None)
    documents = [d.get("pdf") or d.get("docx") for d in row.get("documents") or []]
    cells.append(c("; ".join(documents) if documents else None))
    cells.append(c("\n".join(row.get("errors") or []) or None))
    progress = [row.get("reason") or ""] + [
        f"{x['clause']}: {x['change']}" for x in row.get("clause_changes") or []
    ]
    cells.append(c("; ".join(n for n in progress if n) or None))
    warnings = [row.get("duplicate_terc") or "", row.get("mentor_replaced") or ""]
    warnings += row.get("notices") or []
    cells.append(c("\n".join(n for n in warnings if n) or None))
    cells.append(c(row.get("remarks")))
    return cells


def _xlsx_changes(book, cell_class, changes: list[dict]) -> None:
    sheet = book.create_sheet("Zmiany klauzul")
    for letter, width in zip("ABCD", (34, 40, 12, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(
        [_cell(sheet, cell_class, h) for h in ("Klauzula", "Zmiana", "Liczba koalicji", "Foldery")]
    )
    for change in changes:
        folders = ", ".join(f for f in change["folders"] if f)
        reached = len(change["folders"])
        sheet.append(
            [
                _cell(sheet, cell_class, v)
                for v in (change["clause"], change["change"], reached, folders)
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
    ] + [(f"Status: {STATUS_LABELS.get(s, s)}", n) for s, n in context["counts"].items()]
    lines += [
        ("Powtórzony TERC", f"{terc}: {', '.join(sheets)}")
        for terc, sheets in (context.get("duplicates") or {}).items()
    ]
    for label, value in lines:
        sheet.append([_cell(sheet, cell_class, label), _cell(sheet, cell_class, value)])
