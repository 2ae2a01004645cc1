"""Quarters (``2026-Q2``) as consecutive numbers, so spans and orders of quarters are arithmetic."""

from __future__ import annotations


def quarter_index(quarter: str) -> int:
    year, q = quarter.split("-Q")
    return int(year) * 4 + int(q) - 1


def quarter_of(date) -> int:
    return date.year * 4 + (date.month - 1) // 3


def quarter_name(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


def quarters_between(start: str, end: str) -> list[str]:
    return [quarter_name(i) for i in range(quarter_index(start), quarter_index(end) + 1)]
