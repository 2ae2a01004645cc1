"""The clause editor's field picker: the data a clause may use, in Polish, each with the value
it has in the coalition the preview shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from deedgen.clauses.data_names import FILTERS_PL, groups

LOOP_LISTS = {"p": "parties", "a": "actions", "c": "contributions"}  # loop variable → its list
EXAMPLE_CHARS = 60


def _lookup(context: dict, name: str):
    head, *rest = name.split(".")
    value = (
        context.get(head)
        if head not in LOOP_LISTS
        else (context.get(LOOP_LISTS[head]) or [None])[0]
    )
    for part in rest:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _shown(value) -> str:
    if value is None or value == "":
        return "brak"
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, list):
        return f"lista, pozycji: {len(value)}"
    if isinstance(value, dict):
        return value.get("name") or ", ".join(sorted(value)[:4])
    if isinstance(value, date | Decimal | int):
        return str(value)
    text = " ".join(str(value).split())
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"


def picker(context: dict | None) -> dict:
    """The picker's groups — (heading, [(name, description, example)]) — and the filters; the
    examples come from *context* (a document's context), or are left out without one."""
    return {
        "groups": [
            (
                heading,
                [
                    (e.name, e.description, _shown(_lookup(context, e.name)) if context else None)
                    for e in entries
                ],
            )
            for heading, entries in groups()
        ],
        "filters": FILTERS_PL,
    }
