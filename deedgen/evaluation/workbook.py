"""``deedgen report init``: the report workbook of a coalition and a period, pre-filled from its
partner sheet, for the team to fill in.

The house style of the partner sheet's workbook: an ``Instrukcja`` sheet, bold headers on a blue
fill, help as a comment on every header, Polish drop-downs (data validation lists), frozen header
rows. Columns copied from the plan are grey: the team does not change them.
"""

from __future__ import annotations

import io
from pathlib import Path

from deedgen.evaluation import layout as lay
from deedgen.evaluation.period import Period
from deedgen.evaluation.planned import Plan, plan_of, prefill_rows
from deedgen.exceptions import OutputError

TABLE_ROWS = 400  # rows covered by the drop-downs of a table
HEADER_FILL, PLAN_FILL, PLAN_FONT = "DDEBF7", "F2F2F2", "595959"


def _styles() -> dict:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "header": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "plan_fill": PatternFill("solid", fgColor=PLAN_FILL),
        "plan_font": Font(color=PLAN_FONT),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(bold=True, size=14),
    }


def build_report_workbook(plan: Plan, period: Period, sheet_label: str, goal_texts=None):
    """The workbook for *plan*'s coalition and *period* (openpyxl, not yet saved)."""
    from openpyxl import Workbook

    book = Workbook()
    _instructions(book.active, plan, period)
    rows = prefill_rows(plan, period, goal_texts or {})
    info = report_info(plan, period, sheet_label)
    for layout in lay.sheets_for(period.annual):
        ws = book.create_sheet(layout.name)
        if layout.form:
            _form(ws, layout, info if layout is lay.INFO else {})
        else:
            _table(ws, layout, rows.get(layout.name, []))
    return book


def report_info(plan: Plan, period: Period, sheet_label: str) -> dict:
    """The report's header, from the partner sheet (the same in the workbook and the PDF)."""
    return {
        "coalition": plan.coalition,
        "gmina": plan.gmina,
        "terc": plan.terc,
        "period": period.name,
        "kind": lay.KIND_ANNUAL if period.annual else lay.KIND_QUARTERLY,
        "sheet": sheet_label,
        "sheet_sha256": plan.sheet_sha256,
        "deadline": period.deadline(plan.evaluation_month),
    }


def _instructions(ws, plan: Plan, period: Period) -> None:
    st = _styles()
    ws.title = lay.INSTRUCTIONS
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    kind = "roczny (ewaluacja)" if period.annual else "kwartalny (mikrosukcesy)"
    deadline = period.deadline(plan.evaluation_month).isoformat()
    lines = [
        (f"Raport {kind} — {plan.coalition}, okres {period.name}", "title"),
        (f"Gmina {plan.gmina} (TERC {plan.terc}). Termin sporządzenia: {deadline}.", None),
        ("Jak wypełniać", "header"),
        ("• Szare kolumny pochodzą z Planu działań (arkusza partnerów) — nie zmieniaj ich.", None),
        ("• Kolumny z gwiazdką (*) są wymagane. Wartości wybieraj z list rozwijanych.", None),
        (
            "• Najedź na nagłówek, aby zobaczyć podpowiedź. Daty: 2026-10-15. Kwartały: 2026-Q4.",
            None,
        ),
        (
            "• Mikrosukces spoza planu dopisz w nowym wierszu arkusza Mikrosukcesy: id działania, "
            "kwartał, TAK w kolumnie Nowy?, opis i status.",
            None,
        ),
        ("• Status przesunięte wymaga nowego kwartału w kolumnie Przesunięte na kwartał.", None),
        (
            "• Nie wpisuj danych osobowych uczestników ani numerów PESEL; nie wpisuj formuł "
            "(komórki zaczynające się od =) — deedgen ich nie przyjmie.",
            None,
        ),
        ("• Sprawdź raport: deedgen evaluate FOLDER-Z-RAPORTAMI -o WYNIKI", None),
        ("Arkusze", "header"),
    ]
    for row, (text, style) in enumerate(lines, 1):
        cell = ws.cell(row=row, column=1, value=text)
        if style:
            cell.font = st[style]
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for row, layout in enumerate(lay.sheets_for(period.annual), len(lines) + 1):
        ws.cell(row=row, column=1, value=layout.name).font = st["header"]
        ws.cell(row=row, column=2, value=layout.purpose).alignment = st["wrap"]


def _comment(col: lay.Col):
    from openpyxl.comments import Comment

    lines = [col.label + (" (wymagane)" if col.required else "")]
    if col.plan:
        lines.append("z Planu działań — nie zmieniaj")
    if col.help:
        lines.append(col.help)
    if col.options:
        lines.append("Wartości: " + ", ".join(col.options))
    comment = Comment("\n".join(lines), "deedgen")
    comment.width, comment.height = 300, 30 + 18 * len(lines)
    return comment


def _validation(col: lay.Col):
    from openpyxl.worksheet.datavalidation import DataValidation

    if not col.options:
        return None
    return DataValidation(
        type="list",
        formula1='"' + ",".join(col.options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nieznana wartość",
        error=f"Wybierz z listy: {', '.join(col.options)}",
        promptTitle=col.label[:32],
        prompt=(col.help or col.label)[:255],
        showInputMessage=True,
    )


def _format(col: lay.Col) -> str:
    return {"date": "yyyy-mm-dd", "int": "0", "amount": "#,##0.00"}.get(col.kind, "@")


def _put(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # partner data is a value, never a formula


def _form(ws, layout: lay.SheetLayout, values: dict) -> None:
    st = _styles()
    for index, text in enumerate(lay.FORM_HEADERS, 1):
        cell = ws.cell(row=1, column=index, value=text)
        cell.font, cell.fill = st["header"], st["header_fill"]
    for letter, width in zip("ABC", (44, 50, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    for row, col in enumerate(layout.columns, 2):
        label = ws.cell(row=row, column=1, value=col.header)
        label.comment, label.alignment = _comment(col), st["wrap"]
        ws.cell(row=row, column=3, value=col.help or None).alignment = st["wrap"]
        value = ws.cell(row=row, column=2)
        value.number_format = _format(col)
        value.alignment = st["wrap"]
        if col.plan:
            value.fill, value.font = st["plan_fill"], st["plan_font"]
        if (validation := _validation(col)) is not None:
            ws.add_data_validation(validation)
            validation.add(value.coordinate)
        if col.key in values:
            _put(value, values[col.key])


def _table(ws, layout: lay.SheetLayout, rows: list[dict]) -> None:
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws.freeze_panes = "B2"
    last = max(TABLE_ROWS, len(rows) + 50)
    for index, col in enumerate(layout.columns, 1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=col.header)
        header.font, header.fill, header.alignment = st["header"], st["header_fill"], st["wrap"]
        header.comment = _comment(col)
        ws.column_dimensions[letter].width = col.width
        ws.column_dimensions[letter].number_format = _format(col)
        if (validation := _validation(col)) is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last}")
        for row, record in enumerate(rows, 2):
            cell = ws.cell(row=row, column=index)
            cell.number_format = _format(col)
            if col.plan:
                cell.fill, cell.font = st["plan_fill"], st["plan_font"]
            if record.get(col.key) is not None:
                _put(cell, record[col.key])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(layout.columns))}{max(len(rows) + 1, 2)}"


def init_report(
    sheet_path: str | Path, period: Period, out: str | Path, *, force: bool = False
) -> Path:
    """Write the report workbook of the partner sheet *sheet_path* for *period* to *out*."""
    from deedgen.fsutil import atomic_write_bytes
    from deedgen.sheet.validate import read_sheet

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise OutputError(f"{out.name}: raport zapisuje się jako .xlsx albo .pdf")
    if suffix == ".pdf" and period.annual:
        raise OutputError(
            f"{out.name}: formularz PDF jest tylko dla raportu kwartalnego; użyj .xlsx"
        )
    if out.exists() and not force:
        raise OutputError(f"{out} już istnieje; użyj --force, aby go zastąpić")
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent} nie jest folderem")
    sheet = read_sheet(sheet_path)
    plan = plan_of(sheet)
    label = _sheet_label(Path(sheet_path), out)
    if suffix == ".pdf":
        from deedgen.evaluation.pdf_form import build_report_pdf

        atomic_write_bytes(out, build_report_pdf(plan, period, report_info(plan, period, label)))
        return out
    book = build_report_workbook(plan, period, label, goal_texts(sheet))
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(out, buffer.getvalue())
    return out


def _sheet_label(sheet: Path, out: Path) -> str:
    """The partner sheet's path as the report records it: relative to the report when it can be."""
    import os

    try:
        return Path(os.path.relpath(sheet.resolve(), out.resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows)
        return str(sheet.resolve())


def goal_texts(sheet) -> dict[str, str]:
    """Each chosen goal id → its text from the clause library's goals menu."""
    from deedgen.assemble.documents import render_goals
    from deedgen.clauses.library import load_library
    from deedgen.context import build_context

    chosen = list((sheet.data.get("goals") or {}).get("chosen") or [])
    if not chosen:
        return {}
    context = build_context(sheet.data, "pl")
    texts, _provenance = render_goals(sheet, load_library(), context, "pl")
    return dict(zip(chosen, texts, strict=False))
