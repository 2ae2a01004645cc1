"""How a workbook presents one column: its cell styles, header comment (label, help, allowed values,
English description), number format and width (its drop-down: :mod:`.workbook_lists`).
"""

from __future__ import annotations

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
