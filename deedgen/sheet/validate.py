"""Validate a loaded partner sheet: the schema first, then the rules that span tables.

Every problem is collected — field errors and cross-table errors alike — so a librarian sees all
mistakes at once, each with its place in the file.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from marshmallow import ValidationError

from deedgen.exceptions import Location, Problem, SheetInvalid
from deedgen.sheet.fields import TERC_KINDS, Msg
from deedgen.sheet.load import load_sheet
from deedgen.sheet.raw import RawSheet, format_path
from deedgen.sheet.schema import SheetSchema

# Minimum number of signing representatives by party kind (DOMAIN.md 1.2). Registered NGOs are
# usually represented by two board members jointly, but statutes differ: a warning, not an error.
MIN_REPRESENTATIVES = {"powiat": 2}
USUAL_REPRESENTATIVES = {"association": 2, "foundation": 2}
KRS_KINDS = ("association", "foundation")
# Public bodies must appoint a data protection officer (art. 37 RODO); the RODO clause names them.
PUBLIC_KINDS = ("library", "gmina", "school", "cultural_institution", "county_library", "powiat")


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
    problems.extend(
        Problem(path=format_path(p), code=code, params=params, severity=sev, location=raw.locate(p))
        for p, code, params, sev in cross_check(data)
    )
    problems.sort(key=lambda p: (p.severity != "error", _sort_key(p)))
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


def _sort_key(problem: Problem):
    loc = problem.location
    if loc is None:
        return ("", 0, "")
    return (loc.sheet or "", loc.line or 0, _cell_key(loc.cell))


def _cell_key(cell: str | None):
    if not cell:
        return (0, 0)
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    return (int(match.group(2)), len(match.group(1)), match.group(1)) if match else (0, 0)


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
    return Problem(path=format_path(path), code=code, params=params, location=raw.locate(path))


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


# --- rules that span tables -------------------------------------------------------------------


def quarter_index(quarter: str) -> int:
    year, q = quarter.split("-Q")
    return int(year) * 4 + int(q) - 1


def quarter_of(date) -> int:
    return date.year * 4 + (date.month - 1) // 3


def quarter_name(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


def quarters_between(start: str, end: str) -> list[str]:
    return [quarter_name(i) for i in range(quarter_index(start), quarter_index(end) + 1)]


def cross_check(data: dict):
    """Yield (path, code, params, severity) for every rule broken across tables."""
    parties = data.get("parties") or []
    ids: dict[str, int] = {}
    for i, party in enumerate(parties):
        pid = party.get("id")
        if pid is None:
            continue
        if pid in ids:
            yield (
                ("parties", i, "id"),
                "duplicate_id",
                {"found": pid, "first": f"parties[{ids[pid]}]"},
                "error",
            )
        else:
            ids[pid] = i
    known = ", ".join(ids) or "—"

    yield from _check_party_kinds(data, parties)
    yield from _check_dates(data)

    def ref(path, value):
        if value is not None and ids and value not in ids:
            return [(path, "unknown_party", {"found": value, "expected": known}, "error")]
        return []

    for i, rep in enumerate(data.get("contributions") or []):
        yield from ref(("contributions", i, "party"), rep.get("party"))
        yield from _check_contribution(i, rep)
    for i, member in enumerate(data.get("team") or []):
        yield from ref(("team", i, "party"), member.get("party"))
    coordinators = sum(1 for m in data.get("team") or [] if m.get("role") == "coordinator")
    if coordinators > 1:
        yield ("team",), "coordinator_count", {"found": coordinators}, "warning"

    action_ids: dict[str, int] = {}
    for i, action in enumerate(data.get("actions") or []):
        aid = action.get("id")
        if aid in action_ids:
            yield (
                ("actions", i, "id"),
                "duplicate_id",
                {"found": aid, "first": f"actions[{action_ids[aid]}]"},
                "error",
            )
        elif aid is not None:
            action_ids[aid] = i
        yield from ref(("actions", i, "lead"), action.get("lead"))
        for j, partner in enumerate(action.get("partners") or []):
            yield from ref(("actions", i, "partners", j), partner)
        yield from _check_action_quarters(data, i, action)

    gmina_money = sum(
        (c.get("amount") or Decimal(0))
        for c in data.get("contributions") or []
        if c.get("resource") == "finances" and _kind_of(parties, c.get("party")) == "gmina"
    )
    if gmina_money > 0 and not data.get("treasurer"):
        yield ("treasurer",), "treasurer_required", {"amount": f"{gmina_money:.2f}"}, "error"

    evaluation = data.get("evaluation") or {}
    if "month" in evaluation and not 1 <= evaluation["month"] <= 12:
        yield ("evaluation", "month"), "evaluation_month", {"found": evaluation["month"]}, "error"
    coalition = data.get("coalition") or {}
    for key, low, high in (("term_years", 1, 20), ("notice_months", 1, 24)):
        if key in coalition and not low <= coalition[key] <= high:
            params = {"found": coalition[key], "min": low, "max": high}
            yield ("coalition", key), "positive_integer", params, "error"


def _kind_of(parties, pid):
    for party in parties:
        if party.get("id") == pid:
            return party.get("kind")
    return None


def _check_party_kinds(data, parties):
    if not parties and "parties" in data:
        yield ("parties",), "no_parties", {}, "error"
        return
    if not parties:
        return
    kinds = Counter(p.get("kind") for p in parties)
    if kinds["library"] != 1:
        yield ("parties",), "library_count", {"found": kinds["library"]}, "error"
    if kinds["gmina"] != 1:
        yield ("parties",), "gmina_party_count", {"found": kinds["gmina"]}, "error"
    gmina = data.get("gmina") or {}
    if gmina.get("terc") and gmina.get("kind"):
        expected = TERC_KINDS[gmina["terc"][-1]]
        if expected != gmina["kind"]:
            params = {"kind": gmina["kind"], "terc": gmina["terc"], "expected": expected}
            yield ("gmina", "kind"), "terc_kind_mismatch", params, "error"
    for i, party in enumerate(parties):
        kind, name = party.get("kind"), party.get("name") or ""
        reps = party.get("representatives") or []
        if kind == "gmina":
            if re.search(r"\burz[ąa]d\b", name, re.IGNORECASE):
                suggestion = gmina.get("name") or re.sub(r"(?i)urz[ąa]d\s+", "", name)
                yield ("parties", i, "name"), "urzad_gminy", {"suggestion": suggestion}, "warning"
            elif gmina.get("name") and name != gmina["name"]:
                yield (
                    ("parties", i, "name"),
                    "gmina_name_mismatch",
                    {"found": name, "expected": gmina["name"]},
                    "warning",
                )
            exec_name = gmina.get("executive_name")
            if exec_name and reps and all(r.get("name") != exec_name for r in reps):
                params = {
                    "found": reps[0].get("name"),
                    "expected": exec_name,
                    "title": gmina.get("executive_title", "wójt"),
                }
                yield ("parties", i, "representatives"), "executive_mismatch", params, "warning"
        if "representatives" in party and not reps and kind not in ("informal_group",):
            yield (
                ("parties", i, "representatives"),
                "no_representatives",
                {"party": party.get("id")},
                "error",
            )
        need = MIN_REPRESENTATIVES.get(kind)
        if need and reps and len(reps) < need:
            yield (
                ("parties", i, "representatives"),
                "representatives_count",
                {"kind": kind, "expected": need, "found": len(reps)},
                "error",
            )
        usual = USUAL_REPRESENTATIVES.get(kind)
        if usual and reps and len(reps) < usual:
            yield (
                ("parties", i, "representatives"),
                "representatives_count",
                {"kind": kind, "expected": usual, "found": len(reps)},
                "warning",
            )
        if kind == "school" and not party.get("power_of_attorney"):
            yield ("parties", i, "power_of_attorney"), "power_of_attorney", {}, "error"
        if kind in PUBLIC_KINDS and not party.get("iod_email"):
            yield ("parties", i, "iod_email"), "iod_missing", {"kind": kind}, "warning"
        if kind in KRS_KINDS and not party.get("krs"):
            yield ("parties", i, "krs"), "krs_required", {"kind": kind}, "warning"


def _check_dates(data):
    coalition = data.get("coalition") or {}
    declared, preliminary = (
        coalition.get("declaration_date"),
        coalition.get("preliminary_declaration_date"),
    )
    if declared and preliminary and preliminary >= declared:
        params = {"found": preliminary.isoformat(), "expected": declared.isoformat()}
        yield (
            ("coalition", "preliminary_declaration_date"),
            "preliminary_after_declaration",
            params,
            "error",
        )
    start, end = coalition.get("period_start"), coalition.get("period_end")
    if start and end and end < start:
        yield (
            ("coalition", "period_end"),
            "period_order",
            {"found": end.isoformat(), "expected": start.isoformat()},
            "error",
        )


def _check_contribution(i, contribution):
    resource, amount = contribution.get("resource"), contribution.get("amount")
    if amount is not None and resource and resource != "finances":
        yield ("contributions", i, "amount"), "amount_not_finances", {"found": resource}, "error"
    if resource == "finances" and amount is None:
        yield ("contributions", i, "amount"), "finances_without_amount", {}, "warning"


def _check_action_quarters(data, i, action):
    coalition = data.get("coalition") or {}
    start, end = action.get("start_quarter"), action.get("end_quarter")
    p_start, p_end = coalition.get("period_start"), coalition.get("period_end")
    period = None
    if p_start and p_end:
        period = f"{quarter_name(quarter_of(p_start))} – {quarter_name(quarter_of(p_end))}"
        for key in ("start_quarter", "end_quarter"):
            q = action.get(key)
            if q and not quarter_of(p_start) <= quarter_index(q) <= quarter_of(p_end):
                yield (
                    ("actions", i, key),
                    "quarter_outside",
                    {"found": q, "expected": period},
                    "error",
                )
    if start and end and quarter_index(end) < quarter_index(start):
        yield (
            ("actions", i, "end_quarter"),
            "quarter_order",
            {"found": end, "expected": start},
            "error",
        )
    seen = set()
    for j, micro in enumerate(action.get("micro_successes") or []):
        q = micro.get("quarter")
        if not q:
            continue
        path = ("actions", i, "micro_successes", j, "quarter")
        if q in seen:
            yield path, "micro_duplicate", {"found": q}, "error"
        seen.add(q)
        if start and end and not quarter_index(start) <= quarter_index(q) <= quarter_index(end):
            yield (
                path,
                "micro_outside_action",
                {"found": q, "expected": f"{start} – {end}"},
                "error",
            )
