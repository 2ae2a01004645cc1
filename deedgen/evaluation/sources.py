"""What ``deedgen evaluate`` reads: the report files and the coalitions' partner sheets.

REPORTS is either a **folder** (every ``.xlsx`` and ``.pdf`` under it is a report; the
coalitions are those of ``--cohort``, or the sheets the reports name) or a **cohort workbook**
(:mod:`deedgen.cohort`): its rows are the coalitions, and the column ``Raport`` names each one's
filled reports. A row without a report is a coalition without one, late once its report is due;
a report named in a row belongs to that row's coalition (one of another gmina is refused at its
TERC cell). What is wrong in a row — a missing sheet, a report path that is missing, of another
kind or out of the workbook's folder — fails that coalition, at the workbook's cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import InputError

REPORT_SUFFIXES = (".xlsx", ".pdf")


@dataclass
class CohortRows:
    """The coalitions a cohort lists, and what its rows say about them."""

    sheets: list[Path] = field(default_factory=list)  # readable sheets, each once
    invalid: dict[Path, list[tuple[str, str]]] = field(default_factory=dict)  # sheet → why not
    problems: dict[Path, list[tuple[str, str]]] = field(default_factory=dict)  # of its rows
    reports: dict[Path, Path] = field(default_factory=dict)  # report → the sheet of its row

    @property
    def files(self) -> list[Path]:
        return sorted(self.reports)


def report_files(folder: Path) -> list[Path]:
    """Every report workbook and report PDF under *folder* (Office lock files and hidden files
    skipped)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: nie ma takiego folderu z raportami ani skoroszytu kohorty")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in REPORT_SUFFIXES
        and p.is_file()
        and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
    )


def cohort_rows(cohort: str | Path, *, with_reports: bool = False) -> CohortRows:
    """The coalitions of a cohort (a folder, a cohort workbook, or one partner sheet) and, when
    *with_reports* (the workbook is REPORTS), the reports its column Raport names."""
    from deedgen.cohort import SHEET_SUFFIXES, CohortInvalid, read_cohort

    path = Path(cohort)
    if path.is_file() and path.suffix.lower() in SHEET_SUFFIXES and path.suffix != ".xlsx":
        return CohortRows(sheets=[path.resolve()])
    try:
        entries = read_cohort(path).entries
    except CohortInvalid as error:  # evaluate's own exit code for unusable input
        raise InputError(error.format_message()) from None
    rows = CohortRows()
    for entry in entries:
        if entry.problem is not None:
            line = (
                f"✗ {entry.location}: {entry.problem}" if entry.location else f"✗ {entry.problem}"
            )
            listed = entry.sheet in rows.sheets or entry.sheet in rows.invalid
            target = rows.problems if listed else rows.invalid
            target.setdefault(entry.sheet, []).append((line, line))
            continue
        rows.sheets.append(entry.sheet)
        if not with_reports:
            continue
        for report in entry.reports:
            rows.reports.setdefault(report, entry.sheet)
        for problem in entry.report_problems:
            lines = (f"✗ {problem.describe('pl')}", f"✗ {problem.describe('en')}")
            rows.problems.setdefault(entry.sheet, []).append(lines)
    return rows


def named_sheets(reports) -> list[Path]:
    """The partner sheets the reports name, each once: the path beside the report (as report
    init recorded it), else from the working folder; sheets not found are left out."""
    found: dict[Path, None] = {}
    for report in reports:
        name = report.info.get("sheet")
        if not name:
            continue
        for candidate in (report.source.parent / name, Path(name)):
            if candidate.is_file():
                found.setdefault(candidate.resolve(), None)
                break
    return list(found)
