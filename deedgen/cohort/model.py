"""The cohort's data: its settings, its coalitions (one entry per partner sheet), and the
labels of the cohort workbook's sheets, settings and columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import Location, Problem

SHEET_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")
REPORT_SUFFIXES = (".xlsx", ".pdf")  # a filled report workbook, or the fillable PDF form
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
    "raport": "report",
    "raporty": "report",
    "report": "report",
    "reports": "report",
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
    "report": "Raport",
}


def cohort_problem(message: str, file: Path, sheet: str | None = None, cell: str | None = None):
    """A problem of the cohort, at its place: the folder or workbook, and a sheet and cell."""
    return Problem.text(
        "cohort", message, location=Location(file=str(file), sheet=sheet, cell=cell)
    )


class Reason(str):
    """Why a row cannot be built: the Polish text (the value, what reports print) with its
    English kept (:attr:`en`, for ``--lang en``)."""

    en: str

    def __new__(cls, polish: str, english: str):
        reason = super().__new__(cls, polish)
        reason.en = english
        return reason

    def __getnewargs__(self):  # pickled into batch workers with both texts
        return (str(self), self.en)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else str(self)


@dataclass(frozen=True)
class CohortEntry:
    """One coalition of the cohort: its partner sheet and what the cohort sets for it."""

    sheet: Path  # absolute
    label: str  # the sheet as the cohort names it (relative path), for reports
    mentor: dict | None = None  # {"name", "email"} assigned by the cohort workbook
    mentor_cells: dict = field(default_factory=dict)  # {"name": "B5", "email": "C5"}
    location: Location | None = None  # the workbook row that lists it
    problem: Reason | None = None  # why it cannot be built at all (missing file, listed twice)
    notes: str | None = None  # the workbook's remarks (Uwagi) on this coalition
    # the filled reports the row names (Raport; several separated by ";" or a line break),
    # absolute and inside the workbook's folder, and why a named one cannot be read (a missing
    # file, another kind of file, a path out of the folder), each at the row's Raport cell
    reports: tuple[Path, ...] = ()
    report_problems: tuple[Problem, ...] = ()

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
