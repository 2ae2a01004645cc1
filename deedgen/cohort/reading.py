"""Reading a cohort: a folder of partner sheets, or the cohort workbook's two sheets
(see :mod:`deedgen.cohort`), every structural problem collected before one
:class:`~deedgen.exceptions.CohortInvalid` is raised."""

from __future__ import annotations

import warnings
from pathlib import Path

from deedgen.clauses.library import holds_clauses
from deedgen.cohort.model import (
    COLUMN_KEYS,
    COLUMN_LABELS,
    MAX_COHORT_ROWS,
    ROWS_SHEET,
    SETTING_KEYS,
    SETTING_LABELS,
    SETTINGS_SHEET,
    SHEET_SUFFIXES,
    Cohort,
    CohortEntry,
    CohortSettings,
    Reason,
    cohort_problem,
)
from deedgen.cohort.report_paths import report_paths
from deedgen.cohort_messages import said
from deedgen.exceptions import CohortInvalid, InputError, Location, Problem


def read_cohort(path: str | Path) -> Cohort:
    """A cohort from a folder of partner sheets or from a cohort workbook."""
    path = Path(path).resolve()
    if path.is_dir():
        return read_folder(path)
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return read_workbook(path)
    if not path.exists():
        raise CohortInvalid(path, [said("no_source", path, path=path)])
    raise CohortInvalid(path, [said("not_a_cohort", path)])


def read_folder(folder: Path) -> Cohort:
    sheets = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith((".", "~$"))
    )
    if not sheets:
        kinds = ", ".join(SHEET_SUFFIXES)
        raise CohortInvalid(folder, [said("no_sheets", folder, folder=folder, kinds=kinds)])
    entries = tuple(CohortEntry(sheet=p, label=p.name) for p in sheets)
    return Cohort(source=folder, base=folder, entries=entries)


# --- the cohort workbook -------------------------------------------------------------------------


def read_workbook(path: Path) -> Cohort:
    """Read a cohort workbook; every structural problem is reported at once."""
    from deedgen.sheet.xlsx_file import check_container

    try:
        check_container(path)
    except InputError as error:
        raise CohortInvalid(path, [cohort_problem(error.format_message(), path)]) from None
    book = _open(path)
    problems: list[Problem] = []
    try:
        names = {name.strip().lower(): name for name in book.sheetnames}
        settings = CohortSettings()
        if SETTINGS_SHEET.lower() in names:
            settings = _settings(path, book[names[SETTINGS_SHEET.lower()]], problems)
        entries: tuple[CohortEntry, ...] = ()
        if ROWS_SHEET.lower() in names:
            entries = _entries(path, book[names[ROWS_SHEET.lower()]], problems)
        else:
            sheets = ", ".join(book.sheetnames)
            problems.append(said("no_rows_sheet", path, name=ROWS_SHEET, sheets=sheets))
    finally:
        book.close()
    if not problems and not entries:
        problems.append(said("no_rows", path, name=ROWS_SHEET))
    if problems:
        raise CohortInvalid(path, problems)
    return Cohort(source=path, base=path.parent, entries=entries, settings=settings)


def _open(path: Path):
    from deedgen.sheet.xlsx_file import open_workbook

    try:
        return open_workbook(path)
    except InputError as exc:
        raise CohortInvalid(path, [cohort_problem(exc.format_message(), path)]) from exc


def _rows(path: Path, ws, limit: int = MAX_COHORT_ROWS):
    """(row number, tidied values) of the non-empty rows."""
    from deedgen.sheet.xlsx_file import cell_value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, values in enumerate(ws.iter_rows(max_col=30, values_only=True), 1):
            if number > limit:
                problem = said("too_many_rows", path, ws.title, name=ws.title, limit=limit)
                raise CohortInvalid(path, [problem])
            values = tuple(cell_value(v) for v in values)
            if any(v is not None for v in values):
                yield number, values


def _settings(path: Path, ws, problems: list[Problem]) -> CohortSettings:
    values: dict[str, list] = {}
    for number, row in _rows(path, ws):
        label = str(row[0] or "").strip().rstrip(":").strip().lower()
        key = SETTING_KEYS.get(label)
        if key is None:
            if label:
                known = ", ".join(SETTING_LABELS.values())
                cell = f"A{number}"
                problems.append(
                    said("unknown_setting", path, ws.title, cell, found=row[0], known=known)
                )
            continue
        values.setdefault(key, []).extend((number, v) for v in row[1:] if v is not None)
    edition = _single(path, ws.title, values.get("edition"), problems, "edition")
    bw = _single(path, ws.title, values.get("bw"), problems, "bw")
    layers = []
    for number, folder in values.get("layers", []):
        for part in str(folder).replace("\n", ";").split(";"):
            if part.strip():
                layer = (path.parent / part.strip()).resolve()
                found, cell = part.strip(), f"B{number}"
                if not layer.is_dir():
                    problems.append(
                        said("no_layer", path, ws.title, cell, found=found, folder=layer)
                    )
                elif not holds_clauses(layer):  # "/", a system folder, a folder of other files
                    problems.append(
                        said("not_a_layer", path, ws.title, cell, found=found, folder=layer)
                    )
                layers.append(layer)
    return CohortSettings(
        edition=str(edition) if edition is not None else None, bw=bw, layers=tuple(layers)
    )


def _single(path: Path, sheet: str, found, problems: list[Problem], key: str):
    if not found:
        return None
    if len(found) > 1:
        cell = f"B{found[1][0]}"
        problems.append(said("several_values", path, sheet, cell, label=SETTING_LABELS[key]))
    return found[0][1]


def _entries(path: Path, ws, problems: list[Problem]) -> tuple[CohortEntry, ...]:
    rows = iter(_rows(path, ws))
    columns = _columns(path, ws, next(rows, None), problems)
    if columns is None:
        return ()
    entries: list[CohortEntry] = []
    seen: dict[Path, int] = {}
    for number, row in rows:
        values = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        sheet_cell = f"{_letter(columns['sheet'])}{number}"
        if values["sheet"] is None:
            if _mentor(values):
                problems.append(said("mentor_without_sheet", path, ws.title, sheet_cell))
            if values.get("report") is not None:
                cell = f"{_letter(columns['report'])}{number}"
                problems.append(said("report_without_sheet", path, ws.title, cell))
            continue
        entries.append(_entry(path, ws.title, columns, number, values, seen))
    return tuple(entries)


def _entry(path: Path, title: str, columns: dict, number: int, values: dict, seen: dict):
    """The coalition of one workbook row that names a partner sheet."""
    name = str(values["sheet"])
    sheet = (path.parent / name).resolve()
    problem = _sheet_problem(sheet, name, seen.get(sheet))
    seen.setdefault(sheet, number)
    mentor = _mentor(values)
    cells = {
        field_name: f"{_letter(columns[key])}{number}"
        for field_name, key in (("name", "mentor"), ("email", "mentor_email"))
        if key in columns and mentor
    }
    where = Location(file=str(path), sheet=title, cell=f"{_letter(columns['sheet'])}{number}")
    notes = str(values["notes"]) if values.get("notes") is not None else None
    reports, report_problems = (), ()
    if "report" in columns:
        cell = f"{_letter(columns['report'])}{number}"
        reports, report_problems = report_paths(path, title, cell, values["report"])
    return CohortEntry(sheet, name, mentor, cells, where, problem, notes, reports, report_problems)


def _mentor(values: dict) -> dict | None:
    """The mentor a workbook row assigns, if any."""
    name, email = values.get("mentor"), values.get("mentor_email")
    return {"name": name, "email": email} if name or email else None


def _sheet_problem(sheet: Path, name: str, listed_on: int | None) -> Reason | None:
    """Why the sheet a workbook row names cannot be built (that coalition fails, not the cohort)."""
    if listed_on is not None:
        return Reason(
            f"arkusz podany dwa razy w skoroszycie kohorty (także w wierszu {listed_on})",
            f"the sheet is listed twice in the cohort workbook (also in row {listed_on})",
        )
    if not sheet.is_file():
        return Reason(
            f"nie ma arkusza partnerów: {name} ({sheet})", f"no partner sheet: {name} ({sheet})"
        )
    if sheet.suffix.lower() not in SHEET_SUFFIXES:
        kinds = ", ".join(SHEET_SUFFIXES)
        return Reason(
            f"to nie jest arkusz partnerów ({kinds}): {name}",
            f"not a partner sheet ({kinds}): {name}",
        )
    return None


def _columns(path: Path, ws, header, problems: list[Problem]) -> dict[str, int] | None:
    """Column key → index, from the header row; None when the sheet column is missing."""
    expected = ", ".join(COLUMN_LABELS.values())
    if header is None:
        problems.append(said("empty_rows_sheet", path, ws.title, name=ws.title, expected=expected))
        return None
    header_row, labels = header
    columns: dict[str, int] = {}
    for index, label in enumerate(labels):
        if label is None:
            continue
        key = COLUMN_KEYS.get(str(label).strip().rstrip("*").strip().lower())
        if key is None:
            cell = f"{_letter(index)}{header_row}"
            problems.append(
                said("unknown_column", path, ws.title, cell, found=label, expected=expected)
            )
        else:
            columns[key] = index
    if "sheet" not in columns:
        cell = f"A{header_row}"
        problems.append(said("no_sheet_column", path, ws.title, cell, label=COLUMN_LABELS["sheet"]))
        return None
    return columns


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
