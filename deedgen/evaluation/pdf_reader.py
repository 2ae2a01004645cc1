"""Read a filled quarterly report PDF (made by ``report init … -o raport.pdf``, see
:mod:`.pdf_form`) back into the same :class:`~.reader.FilledReport` a workbook gives, so
``evaluate`` checks both alike. A problem's location names the form field, e.g.
„raport.pdf, pole «Mikrosukcesy 3: Status»”; a filled group of „Nowe mikrosukcesy”
becomes a micro-success row marked as new.

pikepdf (qpdf) parses it: ≈ 4 ms a report, where pypdf took ≈ 115 ms. The PDF is untrusted: its size and its number of fields are bounded, a PDF without deedgen's
report metadata (or encrypted, or unreadable) is refused with a Polish message, and every value
goes through the workbook reader's converters (length bounds, the PESEL guard, dates, choices).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from deedgen.evaluation import layout as lay
from deedgen.evaluation.pdf_form import (
    FORMAT,
    METADATA_KEY,
    field_label,
    is_new_row,
    parse_field_name,
)
from deedgen.evaluation.reader import FilledReport, Row, convert
from deedgen.exceptions import InputError, Location

MAX_BYTES = 5 * 1024 * 1024  # the form of a quarter is ~60 kB; filled by a reader, a few times that
MAX_FIELDS = 600
MAX_VALUE = 10_000  # characters read from one field (the column's own bound is checked after)


@dataclass(frozen=True)
class FieldLocation(Location):
    """A place in a PDF form: the field's label is kept as the cell, so the checks that compare
    locations work unchanged; it is shown as „raport.pdf, pole «…»”."""

    def __str__(self) -> str:
        name = Path(self.file).name if self.file else ""
        if not self.cell:
            return name
        return f"{name}, pole «{self.cell}»" if name else f"pole «{self.cell}»"


class PdfReport(FilledReport):
    def where(self, sheet: str, cell: str | None = None) -> Location:
        return FieldLocation(file=str(self.source), sheet=sheet, cell=cell)


@dataclass(frozen=True)
class _Value:
    """A field's value in the shape :func:`.reader.convert` reads (a cell that is never a formula)."""

    value: str | None
    data_type: str = "s"


def read_pdf_report(path: str | Path) -> FilledReport:
    """Read a filled report PDF; raise :class:`InputError` when it is not one of deedgen's."""
    path = Path(path)
    fields = _fields(path)
    report = PdfReport(source=path)
    info, cells = report.forms.setdefault(lay.INFO.name, {}), {}
    report.form_cells[lay.INFO.name] = cells
    rows: dict[tuple[str, int], Row] = {}
    for name, raw in fields:
        parsed = parse_field_name(name)
        if parsed is None:
            report.add("unknown_field", lay.INFO.name, None, found=name[:40], severity="warning")
            continue
        sheet, number, col = parsed
        label = field_label(sheet, number, col)
        value = convert(report, sheet.name, _Value(raw), label, col)
        if sheet is lay.INFO:
            cells[col.key] = label
            if value is not None:
                info[col.key] = value
            continue
        row = rows.setdefault((sheet.name, number), Row(number))
        row.cells[col.key] = label
        if value is not None:
            row.values[col.key] = value
    for col in lay.INFO.columns:
        cells.setdefault(col.key, None)
    if report.period is None or report.terc is None:
        report.add("not_a_report", lay.INFO.name, None)
        return report
    for layout in (lay.MICRO, lay.ACTIONS, lay.PROMOTION, lay.CHANGES):
        found = [r for (sheet, _n), r in sorted(rows.items()) if sheet == layout.name]
        # a change or new micro-success left empty is none; a planned one always has its row
        kept = [r for r in found if r.values or (layout is lay.MICRO and not is_new_row(r.number))]
        report.tables[layout.name] = kept
    for row in report.tables[lay.MICRO.name]:
        if is_new_row(row.number):  # a micro-success not in the plan, in the report's quarter
            row.values |= {"new": True, "quarter": report.period.name}
    return report


def _fields(path: Path) -> list[tuple[str, str | None]]:
    """(name, value) of every field of the report PDF at *path*, bounded."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path.name}: nie można odczytać pliku: {exc.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(
            f"{path.name}: plik ma {size // 1024} kB, więcej niż {MAX_BYTES // 1024 // 1024} MB "
            "— to nie jest raport kwartalny deedgen"
        )
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return _form_values(path, pdf.Root)
    except pikepdf.PasswordError:
        raise InputError(
            f"{path.name}: plik PDF jest zaszyfrowany — zapisz raport bez hasła"
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, TypeError, AttributeError, RuntimeError) as exc:
        # a malformed object surfaces only when it is resolved
        raise InputError(f"{path.name}: nie można odczytać pliku PDF: {exc}") from None


def _form_values(path: Path, root) -> list[tuple[str, str | None]]:
    import pikepdf

    if not _is_ours(root.get(METADATA_KEY)):
        raise InputError(
            f"{path.name}: to nie jest raport deedgen (brak metadanych raportu) — "
            "przygotuj formularz poleceniem deedgen report init … -o raport.pdf"
        )
    form = root.get("/AcroForm")
    fields = form.get("/Fields") if form is not None else None
    if not isinstance(fields, pikepdf.Array):
        raise InputError(f"{path.name}: formularz PDF nie ma pól raportu")
    if len(fields) > MAX_FIELDS:
        raise InputError(f"{path.name}: formularz ma {len(fields)} pól, więcej niż {MAX_FIELDS}")
    return [_field(field) for field in fields]


def _is_ours(metadata) -> bool:
    try:
        return json.loads(str(metadata)).get("format") == FORMAT
    except (ValueError, AttributeError, TypeError):
        return False


def _field(field) -> tuple[str, str | None]:
    import pikepdf

    value = field.get("/V")
    if isinstance(value, pikepdf.Array):  # a choice field may hold a list
        value = value[0] if len(value) else None
    text = None if value is None else str(value)[:MAX_VALUE]
    return str(field.get("/T", ""))[:200], text
