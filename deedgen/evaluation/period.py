"""A reporting period — a quarter (``2026-Q3``) or a year (``2026``) — and when its report is due.

A quarterly report is due 21 days after the quarter ends and the annual one 30 days after the
month of the annual evaluation (the partner sheet's ``evaluation.month``, December by default):
the deadlines the evaluation forms' instructions (clauses ``forms.quarterly``, ``forms.annual``)
give the team.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

QUARTERLY_DAYS = 21
ANNUAL_DAYS = 30
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, order=True)
class Period:
    """A quarter (``quarter`` 1–4) or a whole year (``quarter`` None)."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text) -> Period | None:
        """``2026-Q3`` or ``2026`` (text or a number typed in a cell); None when neither."""
        text = str(text).strip().upper()
        if match := _QUARTER.fullmatch(text):
            return cls(int(match.group(1)), int(match.group(2)))
        if _YEAR.fullmatch(text):
            return cls(int(text))
        return None

    @property
    def annual(self) -> bool:
        return self.quarter is None

    @property
    def name(self) -> str:
        return str(self.year) if self.annual else f"{self.year}-Q{self.quarter}"

    @property
    def quarters(self) -> list[str]:
        """The quarters the period covers, e.g. ``["2026-Q3"]`` or the four of a year."""
        numbers = range(1, 5) if self.annual else [self.quarter]
        return [f"{self.year}-Q{q}" for q in numbers]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.annual else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        month = 12 if self.annual else 3 * self.quarter
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def deadline(self, evaluation_month: int | None = None) -> dt.date:
        """The last day the report may be prepared on."""
        if not self.annual:
            return self.end + dt.timedelta(days=QUARTERLY_DAYS)
        month = evaluation_month or 12
        last = dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        return last + dt.timedelta(days=ANNUAL_DAYS)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.name


def quarter_period(quarter: str) -> Period:
    """``2026-Q3`` → Period(2026, 3); the text is already a valid quarter."""
    year, number = quarter.split("-Q")
    return Period(int(year), int(number))


def quarter_index(quarter: str) -> int:
    year, number = quarter.split("-Q")
    return int(year) * 4 + int(number) - 1


def quarter_name(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
