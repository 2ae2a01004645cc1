"""Read a filled report workbook back: every value converted to what its column expects and
recorded with its cell, every mistake a :class:`~deedgen.exceptions.Problem` at that cell.

The workbook is untrusted. The partner sheet's container guard runs first (size, ZIP entries,
declared sizes, DTDs); openpyxl then opens it read-only **without** cached values, so a formula
is seen as a formula and refused at its cell; at most :data:`MAX_ROWS` rows are read from a
sheet; text is bounded per column and refused when it hides a PESEL number.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from deedgen.evaluation import layout as lay
from deedgen.evaluation.messages import problem
from deedgen.evaluation.period import Period
from deedgen.exceptions import InputError, Location, Problem
from deedgen.sheet.fields import find_pesel

MAX_ROWS = 2000
MAX_COLUMNS = 40
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
TRUE_WORDS, FALSE_WORDS = {"tak", "true", "yes", "1"}, {"nie", "false", "no", "0"}


@dataclass
class Row:
    number: int  # the worksheet row
    values: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # key → "C5"

    def get(self, key: str, default=None):
        return self.values.get(key, default)


@dataclass
class FilledReport:
    """A report workbook as read: form values, table rows, each value's cell, the problems."""

    source: Path
    forms: dict[str, dict] = field(default_factory=dict)  # sheet → {key: value}
    form_cells: dict[str, dict] = field(default_factory=dict)  # sheet → {key: "B5"}
    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def info(self) -> dict:
        return self.forms.get(lay.INFO.name, {})

    @property
    def period(self) -> Period | None:
        return Period.parse(self.info.get("period") or "")

    @property
    def terc(self) -> str | None:
        terc = self.info.get("terc")
        return str(terc) if terc is not None else None

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def where(self, sheet: str, cell: str | None = None) -> Location:
        return Location(file=str(self.source), sheet=sheet, cell=cell)

    def form_location(self, sheet: str, key: str) -> Location:
        return self.where(sheet, self.form_cells.get(sheet, {}).get(key))

    def add(self, code: str, sheet: str, cell: str | None, path: str = "", **params) -> None:
        severity = params.pop("severity", "error")
        self.problems.append(problem(code, params, severity, self.where(sheet, cell), path))


def read_report(path: str | Path) -> FilledReport:
    """Read a report workbook; raise :class:`InputError` when the file is not a workbook."""
    from deedgen.sheet.xlsx_file import check_container

    path = Path(path)
    check_container(path)
    book = _open(path)
    report = FilledReport(source=path)
    try:
        sheets = {lay.norm(ws.title): ws for ws in book.worksheets}
        info = sheets.get(lay.norm(lay.INFO.name))
        if info is None:
            report.add("not_a_report", lay.INFO.name, None)
            return report
        _read_form(report, lay.INFO, info)
        period = report.period
        if period is None or report.terc is None:
            report.add("not_a_report", lay.INFO.name, None)
            return report
        for layout in lay.sheets_for(period.annual)[1:]:
            ws = sheets.get(lay.norm(layout.name))
            if ws is None:
                report.add("missing_sheet", layout.name, None, found=layout.name)
            elif layout.form:
                _read_form(report, layout, ws)
            else:
                _read_table(report, layout, ws)
    finally:
        book.close()
    return report


def _open(path: Path):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # extensions openpyxl drops
            return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        raise InputError(f"{path.name}: nie można odczytać skoroszytu: {exc}") from exc


def _rows(report: FilledReport, ws):
    """(row number, cells) of the sheet's non-empty rows, at most MAX_ROWS read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
                if number > MAX_ROWS:
                    if any(c.value is not None for c in cells):
                        raise InputError(
                            f"{report.source.name}: arkusz „{ws.title}” ma więcej niż "
                            f"{MAX_ROWS} wierszy — to nie jest raport"
                        )
                    return
                if any(c.value is not None for c in cells):
                    yield number, cells
    except InputError:
        raise
    except Exception as exc:  # a malformed sheet part surfaces while it is parsed
        raise InputError(f"{report.source.name}: arkusz „{ws.title}”: {exc}") from exc


def _read_form(report: FilledReport, layout: lay.SheetLayout, ws) -> None:
    by_label = {lay.norm(c.label): c for c in layout.columns}
    values, cells = report.forms.setdefault(layout.name, {}), {}
    report.form_cells[layout.name] = cells
    for number, row in _rows(report, ws):
        label = row[0].value if row else None
        if label is None or lay.norm(label) == lay.norm(lay.FORM_HEADERS[0]):
            continue
        col = by_label.get(lay.norm(label))
        if col is None:
            report.add("unknown_field", layout.name, f"A{number}", found=label, severity="warning")
            continue
        cells[col.key] = f"B{number}"
        if len(row) > 1:
            value = convert(report, layout.name, row[1], f"B{number}", col)
            if value is not None:
                values[col.key] = value
    for col in layout.columns:
        cells.setdefault(col.key, None)


def _read_table(report: FilledReport, layout: lay.SheetLayout, ws) -> None:
    rows = list(_rows(report, ws))
    report.tables[layout.name] = records = []
    if not rows:
        return
    by_label = {lay.norm(c.label): c for c in layout.columns}
    header_number, header = rows[0]
    mapping = {}
    for index, cell in enumerate(header):
        if cell.value is None:
            continue
        col = by_label.get(lay.norm(cell.value))
        if col is None:
            where = f"{letter(index)}{header_number}"
            report.add("unknown_column", layout.name, where, found=cell.value, severity="warning")
        else:
            mapping[index] = col
    for number, cells in rows[1:]:
        record = Row(number)
        for index, col in mapping.items():
            if index < len(cells):
                where = record.cells[col.key] = f"{letter(index)}{number}"
                value = convert(report, layout.name, cells[index], where, col)
                if value is not None:
                    record.values[col.key] = value
        records.append(record)


def convert(report: FilledReport, sheet: str, cell, where: str, col: lay.Col):
    """The value of *cell* (at *where*) as *col* expects it, or None (a problem is recorded at
    the cell when it is wrong)."""
    value = cell.value
    if cell.data_type == "f":
        report.add("formula", sheet, where, col.key, found=_short(value))
        return None
    if isinstance(value, str):
        value = " ".join(value.replace("\u00a0", " ").split()) or None
    if value is None:
        return None
    try:
        return _CONVERTERS[col.kind](value, col)
    except _Wrong as wrong:
        report.add(wrong.code, sheet, where, col.key, **wrong.params)
        return None


class _Wrong(Exception):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _text(value, col: lay.Col) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if len(text) > col.max_length:
        raise _Wrong("too_long", found=len(text), max=col.max_length)
    if find_pesel(text):
        raise _Wrong("pesel")
    return text


def _choice(value, col: lay.Col) -> str:
    text = _text(value, col)
    for option in col.options:
        if option.casefold() == text.casefold():
            return option
    raise _Wrong("choice", expected=", ".join(col.options), found=_short(text))


def _bool(value, col: lay.Col) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise _Wrong("choice", expected="TAK, NIE", found=_short(value))


def _date(value, col: lay.Col) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if match := _DMY.fullmatch(text):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Wrong("date", found=_short(text)) from None


def _int(value, col: lay.Col) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**7:
        return value
    raise _Wrong("integer", found=_short(value))


def _quarter(value, col: lay.Col) -> str:
    text = str(value).strip().upper()
    if _QUARTER.fullmatch(text):
        return text
    raise _Wrong("quarter", found=_short(value))


def _amount(value, col: lay.Col) -> Decimal:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = re.sub(r"[\s\u202f]|zł", "", str(value)).replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _Wrong("amount", found=_short(value)) from None
    if not amount.is_finite() or amount < 0:
        raise _Wrong("amount", found=_short(value))
    return amount.quantize(Decimal("0.01"))


_CONVERTERS = {
    "text": _text,
    "choice": _choice,
    "bool": _bool,
    "date": _date,
    "int": _int,
    "quarter": _quarter,
    "amount": _amount,
}


def letter(index: int) -> str:
    """Column letter of a 0-based index."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
