"""A cohort: the partner sheets of a region's coalitions, built together by ``deedgen batch``.

A cohort is either

- a **folder**: every partner sheet (``*.xlsx``, ``*.yaml``, ``*.yml``, ``*.json``) at its top
  level, in name order (hidden files and Office lock files ``~$…`` are skipped); or
- a **cohort workbook** (XLSX) kept by the voivodeship library (BW), with two sheets:

  ``Kohorta`` — the cohort's shared settings, column A the setting, column B (and C, D… for
  several layers) its value:

  ==========================  ===========================================================
  ``Edycja programu``          the program edition; every sheet must be of this edition and
                               its funding rule set is used
  ``Biblioteka wojewódzka``    the BW: the library of every mentor the workbook assigns
  ``Warstwy klauzul``          clause overlay folders, most specific first (relative to the
                               workbook), after any ``--library`` given on the command line
  ==========================  ===========================================================

  ``Koalicje`` — one row per coalition under a header row: ``Arkusz`` (the partner sheet's
  path, relative to the workbook), ``Mentor`` and ``E-mail mentora`` (the mentor the BW assigns
  to it: replaces the sheet's own ``mentor``, and the sheet's warnings say so when it names
  another; empty: the sheet's own stays), ``Uwagi`` (the BW's remarks, shown in the cohort
  report).

The workbook is untrusted input like a partner sheet: the ZIP container is checked before
openpyxl opens it. Problems of the workbook's structure (a missing sheet, an unknown column or
setting, a layer folder that does not exist) are all collected and raised at once as
:class:`~deedgen.exceptions.CohortInvalid`; a row naming a missing or duplicate sheet only fails that coalition.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.library import holds_clauses
from deedgen.cohort_messages import mentor_replaced, said
from deedgen.exceptions import CohortInvalid, InputError, Location, Problem

SHEET_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")
SETTINGS_SHEET = "Kohorta"
ROWS_SHEET = "Koalicje"
MAX_COHORT_ROWS = 20_000  # Poland has 2,479 gminas; a cohort workbook is well below this

# Polish labels of the workbook (lower-cased for matching; English aliases accepted).
SETTING_KEYS = {
    "edycja programu": "edition",
    "edition": "edition",
    "biblioteka wojewódzka": "bw",
    "voivodeship library": "bw",
    "warstwy klauzul": "layers",
    "clause layers": "layers",
}
COLUMN_KEYS = {
    "arkusz": "sheet",
    "arkusz partnerów": "sheet",
    "sheet": "sheet",
    "mentor": "mentor",
    "e-mail mentora": "mentor_email",
    "mentor e-mail": "mentor_email",
    "uwagi": "notes",
    "notes": "notes",
}
SETTING_LABELS = {
    "edition": "Edycja programu",
    "bw": "Biblioteka wojewódzka",
    "layers": "Warstwy klauzul",
}
COLUMN_LABELS = {
    "sheet": "Arkusz",
    "mentor": "Mentor",
    "mentor_email": "E-mail mentora",
    "notes": "Uwagi",
}


def cohort_problem(message: str, file: Path, sheet: str | None = None, cell: str | None = None):
    """A problem of the cohort, at its place: the folder or workbook, and a sheet and cell."""
    return Problem.text(
        "cohort", message, location=Location(file=str(file), sheet=sheet, cell=cell)
    )


@dataclass(frozen=True)
class CohortEntry:
    """One coalition of the cohort: its partner sheet and what the cohort sets for it."""

    sheet: Path  # absolute
    label: str  # the sheet as the cohort names it (relative path), for reports
    mentor: dict | None = None  # {"name", "email"} assigned by the cohort workbook
    mentor_cells: dict = field(default_factory=dict)  # {"name": "B5", "email": "C5"}
    location: Location | None = None  # the workbook row that lists it
    problem: str | None = None  # why it cannot be built at all (missing file, listed twice)
    notes: str | None = None  # the workbook's remarks (Uwagi) on this coalition

    def overrides(self, settings: CohortSettings) -> dict:
        """What the cohort sets in this sheet: part of the coalition's inputs digest."""
        out: dict = {}
        if self.mentor:
            out["mentor"] = (
                {**self.mentor, "library": settings.bw} if settings.bw else dict(self.mentor)
            )
        if settings.edition:
            out["edition"] = settings.edition
        return out


@dataclass(frozen=True)
class CohortSettings:
    edition: str | None = None
    bw: str | None = None
    layers: tuple[Path, ...] = ()  # absolute, most specific first


@dataclass(frozen=True)
class Cohort:
    source: Path  # the folder or the workbook
    base: Path  # where relative sheet paths start (the folder, or the workbook's folder)
    entries: tuple[CohortEntry, ...]
    settings: CohortSettings = field(default_factory=CohortSettings)


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
        mentor = _mentor(values)
        if values["sheet"] is None:
            if mentor:
                problems.append(said("mentor_without_sheet", path, ws.title, sheet_cell))
            continue
        name = str(values["sheet"])
        sheet = (path.parent / name).resolve()
        problem = _sheet_problem(sheet, name, seen.get(sheet))
        seen.setdefault(sheet, number)
        cells = {
            field_name: f"{_letter(columns[key])}{number}"
            for field_name, key in (("name", "mentor"), ("email", "mentor_email"))
            if key in columns and mentor
        }
        where = Location(file=str(path), sheet=ws.title, cell=sheet_cell)
        notes = str(values["notes"]) if values.get("notes") is not None else None
        entries.append(CohortEntry(sheet, name, mentor, cells, where, problem, notes))
    return tuple(entries)


def _mentor(values: dict) -> dict | None:
    """The mentor a workbook row assigns, if any."""
    name, email = values.get("mentor"), values.get("mentor_email")
    return {"name": name, "email": email} if name or email else None


def _sheet_problem(sheet: Path, name: str, listed_on: int | None) -> str | None:
    """Why the sheet a workbook row names cannot be built (that coalition fails, not the cohort)."""
    if listed_on is not None:
        return f"arkusz podany dwa razy w skoroszycie kohorty (także w wierszu {listed_on})"
    if not sheet.is_file():
        return f"nie ma arkusza partnerów: {name} ({sheet})"
    if sheet.suffix.lower() not in SHEET_SUFFIXES:
        return f"to nie jest arkusz partnerów ({', '.join(SHEET_SUFFIXES)}): {name}"
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


# --- applying the cohort to a sheet -----------------------------------------------------------


def apply_overrides(
    raw, entry: CohortEntry, settings: CohortSettings, workbook: Path | None
) -> None:
    """Put what the cohort workbook sets into a loaded (not yet validated) sheet, with the
    workbook's cells as the values' locations, so validation errors point at the workbook."""
    if not entry.mentor:
        return
    mentor = {
        "name": entry.mentor.get("name"),
        "library": settings.bw,
        "email": entry.mentor.get("email"),
    }
    previous = raw.data.get("mentor") if isinstance(raw.data.get("mentor"), dict) else {}
    if mentor["library"] is None:
        mentor["library"] = previous.get("library")  # no BW in the workbook: the sheet's own
    raw.data["mentor"] = {k: v for k, v in mentor.items() if v is not None}
    replaced = mentor_replaced(previous, raw.data["mentor"], entry.location)
    if replaced is not None:
        raw.problems.append(replaced)
    sheet_name = entry.location.sheet if entry.location else ROWS_SHEET
    for key, cell in entry.mentor_cells.items():
        if workbook is not None:
            raw.locations[("mentor", key)] = Location(
                file=str(workbook), sheet=sheet_name, cell=cell
            )
    if entry.location is not None:
        raw.locations[("mentor",)] = entry.location


def write_workbook(
    path: str | Path,
    rows: list[dict],
    *,
    edition: str | None = None,
    bw: str | None = None,
    layers=(),
) -> Path:
    """Write a cohort workbook: *rows* of ``{"sheet", "mentor", "mentor_email", "notes"}``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    settings = book.active
    settings.title = SETTINGS_SHEET
    settings.append([SETTING_LABELS["edition"], edition])
    settings.append([SETTING_LABELS["bw"], bw])
    settings.append([SETTING_LABELS["layers"], *[str(layer) for layer in layers]])
    settings.column_dimensions["A"].width = 26
    settings.column_dimensions["B"].width = 48
    listing = book.create_sheet(ROWS_SHEET)
    keys = ("sheet", "mentor", "mentor_email", "notes")
    listing.append([COLUMN_LABELS[k] for k in keys])
    for row in rows:
        listing.append([row.get(k) for k in keys])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in settings.iter_rows(max_col=1):
        row[0].font = Font(bold=True)
    for letter, width in zip("ABCD", (40, 26, 34, 40), strict=True):
        listing.column_dimensions[letter].width = width
    from deedgen.fsutil import atomic_write_with

    return atomic_write_with(Path(path), book.save)
