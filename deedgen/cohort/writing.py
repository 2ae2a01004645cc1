"""Writing what a cohort sets: its overrides into a loaded partner sheet, and a new cohort
workbook."""

from __future__ import annotations

from pathlib import Path

from deedgen.cohort.model import (
    COLUMN_LABELS,
    ROWS_SHEET,
    SETTING_LABELS,
    SETTINGS_SHEET,
    CohortEntry,
    CohortSettings,
)
from deedgen.cohort_messages import mentor_replaced
from deedgen.exceptions import Location

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
    """Write a cohort workbook: *rows* of ``{"sheet", "mentor", "mentor_email", "notes",
    "report"}`` (a report: one path, or a list of paths written ";"-separated)."""
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
    keys = ("sheet", "mentor", "mentor_email", "notes", "report")
    listing.append([COLUMN_LABELS[k] for k in keys])
    for row in rows:
        listing.append([_cell(row.get(k)) for k in keys])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in settings.iter_rows(max_col=1):
        row[0].font = Font(bold=True)
    for letter, width in zip("ABCDE", (40, 26, 34, 40, 40), strict=True):
        listing.column_dimensions[letter].width = width
    from deedgen.fsutil import atomic_write_with

    return atomic_write_with(Path(path), book.save)


def _cell(value):
    """A row's value as the workbook holds it: several paths ";"-separated."""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value) or None
    return str(value) if isinstance(value, Path) else value
