"""Validate a loaded partner sheet: the schema first, then the rules that span tables
(:mod:`.cross_checks`).

Every problem is collected — field errors and cross-table errors alike — so a librarian sees all
mistakes at once, each with its place in the file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError
from marshmallow import fields as mfields

from deedgen.exceptions import Location, Problem, SheetInvalid
from deedgen.sheet.characters import invisible_characters
from deedgen.sheet.cross_checks import cross_check
from deedgen.sheet.fields import Msg
from deedgen.sheet.load import load_sheet
from deedgen.sheet.raw import RawSheet, format_path
from deedgen.sheet.schema import SheetSchema
from deedgen.sheet.wording import field_at, tab_order


@dataclass
class Sheet:
    """A valid partner sheet: the loaded data and the warnings it raised."""

    data: dict
    source: str
    warnings: list[Problem] = field(default_factory=list)
    raw: RawSheet | None = None  # the loaded file, for locating data paths in reports

    @property
    def name(self) -> str:
        return self.data["coalition"]["name"]

    def locate(self, path) -> Location | None:
        """Where a data path (tuple or "actions[1].problem") is in the source file."""
        if self.raw is None:
            return None
        if isinstance(path, str):
            path = parse_path(path)
        return self.raw.locate(path)


def read_sheet(path: str | Path) -> Sheet:
    """Load and validate a partner sheet; raise :class:`SheetInvalid` with every error."""
    return validate_sheet(load_sheet(path))


@functools.cache
def _schema() -> SheetSchema:
    """One schema instance, reused: the schemas keep no state between loads, and building one
    (with the nested schemas it makes on first use) cost a quarter of a sheet's validation."""
    return SheetSchema()


def _cross_problem(raw: RawSheet, path, code: str, params: dict, severity: str) -> Problem:
    """A cross-table problem; a second place in the sheet (``params["other"]``, a data path, as
    for a duplicate party) is named by its cell or line and kept as the related location."""
    related = None
    if isinstance(params.get("other"), tuple):
        related = raw.locate(params["other"])
        where = f"{related.sheet}!{related.cell}" if related.sheet else f"wierszu {related.line}"
        params = {**params, "other": where}
    location = raw.locate(path)
    return Problem(format_path(path), code, _placed(params), severity, location, related=related)


def validate_sheet(raw: RawSheet) -> Sheet:
    problems = list(raw.problems)
    # a loader's own problem (e.g. a missing XLSX sheet) explains the schema's error at that path
    reported = {p.path for p in raw.problems if p.path}
    try:
        data = _schema().load(raw.data)
    except ValidationError as err:
        for path, msg in _flatten(err.messages, ()):
            if format_path(path) not in reported:
                problems.append(_problem(raw, path, msg))
        data = err.valid_data if isinstance(err.valid_data, dict) else {}
    problems.extend(_cross_problem(raw, *found) for found in cross_check(data))
    problems.extend(  # removed by the schema (sheet/characters.py); the user hears where
        Problem(format_path(p), "invisible_character", params, "warning", raw.locate(p))
        for p, params in invisible_characters(raw.data)
    )
    problems.sort(key=lambda p: (p.severity != "error", tab_order(p)))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SheetInvalid(raw.source, problems)
    return Sheet(data=data, source=raw.source, warnings=problems, raw=raw)


def parse_path(text: str) -> tuple:
    """ "actions[1].problem" → ("actions", 1, "problem")."""
    parts: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


# How a message names a record of a table by its position (the same for a workbook, a YAML
# file and the studio's form, which has no cells)
RECORD_NOUNS = {"parties": "strona", "actions": "działanie"}


def _placed(params: dict) -> dict:
    """A parameter naming another record by its data path ("first": "actions[1]") is also said
    as a librarian counts: „działanie nr 2”."""
    path = parse_path(str(params.get("first", "")))
    if len(path) != 2 or path[0] not in RECORD_NOUNS or not isinstance(path[1], int):
        return params
    return {**params, "first_pl": f"{RECORD_NOUNS[path[0]]} nr {path[1] + 1}"}


def _flatten(messages, path):
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                yield from _flatten(value, path)
            else:
                yield from _flatten(value, (*path, key))
    elif isinstance(messages, list):
        for item in messages:
            yield from _flatten(item, path)
    else:
        yield path, messages


def _problem(raw: RawSheet, path, msg) -> Problem:
    if isinstance(msg, Msg):
        code, params = str(msg), dict(msg.params)
    else:
        text = str(msg)
        code = {
            "Not a valid list.": "expected_list",
            "Invalid input type.": "expected_mapping",
            "Not a valid integer.": "expected_integer",
            "Missing data for required field.": "required",
            "Field may not be null.": "required",
            "Unknown field.": "unknown_field",
            "Not a valid boolean.": "invalid",
        }.get(text, text if text in _KNOWN_CODES else "invalid")
        params = {"found": _found(raw, path)}
        code, params = _typed(path, code, params, raw)
    return Problem(path=format_path(path), code=code, params=params, location=raw.locate(path))


# What a whole-number field expects, said with an example (a librarian types „3 lata”).
NUMBER_HINTS = {
    "term_years": ("podaj liczbę lat, np. 3", "give a number of years, e.g. 3"),
    "notice_months": ("podaj liczbę miesięcy, np. 3", "give a number of months, e.g. 3"),
    "month": ("podaj numer miesiąca od 1 do 12, np. 11", "give a month from 1 to 12, e.g. 11"),
}


def _typed(path, code: str, params: dict, raw: RawSheet):
    """A number or yes/no typed as words: the value quoted and what to type instead."""
    field = field_at(path)
    value = _value(raw, path)
    if not isinstance(value, str):
        return code, params
    if isinstance(field, mfields.Integer):
        hint, hint_en = NUMBER_HINTS.get(path[-1], ("podaj liczbę, np. 3", "give a number, e.g. 3"))
        return "expected_integer", {"found": value, "hint": hint, "hint_en": hint_en}
    if isinstance(field, mfields.Boolean):
        return "expected_boolean", {"found": value}
    return code, params


def _value(raw: RawSheet, path):
    node = raw.data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _found(raw: RawSheet, path):
    node = raw.data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return "—"
    return type(node).__name__


def _known_codes():
    from deedgen.sheet.messages import MESSAGES

    return set(MESSAGES)


_KNOWN_CODES = _known_codes()
