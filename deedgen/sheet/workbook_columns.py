"""How a workbook presents one column: its cell styles, header comment (label, help, allowed values,
English description), number format and width (its drop-down: :mod:`.workbook_lists`).
"""

from __future__ import annotations

import math

from marshmallow import fields as mfields

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.choices import offered, plain_help
from deedgen.sheet.layout import Column, is_list


def styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "header": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor="DDEBF7"),
        "section_fill": PatternFill("solid", fgColor="FCE4D6"),
        "example": Font(italic=True, color="808080"),
        "example_fill": PatternFill("solid", fgColor="F2F2F2"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(bold=True, size=14),
    }


def header_comment(col: Column):
    from openpyxl.comments import Comment

    lines = [col.label + (" (wymagane)" if col.required else "")]
    if plain_help(col):
        lines.append(plain_help(col))
    choices = offered(col)
    if choices:
        lines.append("Wartości: " + "; ".join(choices))
    lines.append(f"[EN] {col.description}")
    comment = Comment("\n".join(lines), "deedgen")
    comment.width = 320
    comment.height = 40 + 18 * (len(lines) + len(choices) // 2)
    return comment


def number_format(col: Column) -> str:
    if isinstance(col.field, sheet_fields.Date):
        return "yyyy-mm-dd"
    if isinstance(col.field, sheet_fields.Amount):
        return "#,##0.00"
    if isinstance(col.field, (mfields.Integer, mfields.Boolean)):
        return "General"
    return "@"  # text: keeps leading zeros and stops spreadsheets turning ids into dates


def column_width(col: Column) -> float:
    fld = col.field
    if isinstance(fld, sheet_fields.Choice):
        size = max(len(c) for c in offered(col)) + 4
    elif isinstance(fld, (sheet_fields.Date, sheet_fields.Quarter, sheet_fields.PostalCode)):
        size = 13
    elif isinstance(
        fld,
        (
            sheet_fields.Nip,
            sheet_fields.Regon,
            sheet_fields.Krs,
            sheet_fields.Terc,
            sheet_fields.Amount,
        ),
    ):
        size = 16
    elif isinstance(fld, sheet_fields.Email):
        size = 30
    elif isinstance(fld, sheet_fields.Text):
        size = 48 if fld.max_length >= 300 else 30 if fld.max_length >= 100 else 14
    elif is_list(fld):
        size = 28
    else:
        size = 10
    return max(size, min(len(col.header) + 3, 40))


PRINTED_WIDTH = 170  # column-width units that read well across one A4 landscape page


def print_setup(ws, title_rows: str | None = "1:1", width: float = 0) -> None:
    """Printed, a sheet is as many A4 landscape pages wide as its *width* needs to stay legible
    (Strony: 3), its header row and id column repeated on each: a blank workbook was 30
    portrait pages, the wide Strony table cut into strips of a few columns."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wide = max(1, math.ceil(width / PRINTED_WIDTH))
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = wide, 0  # as long as the rows need
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&A — strona &P z &N"  # sheet name, page of pages
    if title_rows:
        ws.print_title_rows = title_rows
    if wide > 1:
        ws.print_title_cols = "A:A"  # the id, so each strip of a wide table says whose row it is
