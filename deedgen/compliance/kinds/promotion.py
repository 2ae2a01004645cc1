"""Promotion: events in every year of the program, and micro-successes presented every quarter."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.registry import Context, fail, joined, ok, rule_kind
from deedgen.compliance.messages import Bilingual, promotion_label
from deedgen.compliance.model import Issue
from deedgen.sheet.quarters import quarter_index, quarter_name


@rule_kind(
    "promotion_yearly",
    min_per_year=param_types.Int(min=1, help="least number of events in each year"),
    kinds=param_types.PromotionKinds("event kinds that count"),
    levels=param_types.PromotionLevels("levels that count (local, regional)"),
    years=param_types.Choice(
        values=("program", "calendar"),
        help="program: 12-month years from period_start; calendar: calendar years",
    ),
    min_partial_months=param_types.Int(
        min=1, max=12, help="a first or last year shorter than this many months joins its neighbour"
    ),
)
def promotion_yearly(ctx: Context, params: dict) -> list[Issue]:
    """In every year of the program period at least ``min_per_year`` promotion events of the
    given kinds and levels are planned. An event counts for every year its quarter overlaps."""
    events = [
        quarter_index(e["quarter"])
        for e in ctx.data.get("promotion") or []
        if e["kind"] in params["kinds"] and e["level"] in params["levels"]
    ]
    years = program_years(ctx.data["coalition"], params["years"], params["min_partial_months"])
    issues = []
    for number, (first, last) in enumerate(years, start=1):
        # quarter q covers the month indexes 3q … 3q + 2
        found = sum(1 for q in events if 3 * q <= last and 3 * q + 2 >= first)
        if found < params["min_per_year"]:
            if params["years"] == "calendar":
                label = Bilingual(f"rok {first // 12}", f"year {first // 12}")
            else:
                label = Bilingual(f"{number}. rok programu", f"program year {number}")
            params_ = {
                "year": label,
                "span": f"{_month(first)} – {_month(last)}",
                "found": found,
                "min": params["min_per_year"],
            }
            issues.append(fail("promotion_year_missing", ctx.place("promotion"), **params_))
    return issues or [ok("promotion_yearly_ok", years=len(years), count=len(events))]


def program_years(coalition: dict, mode: str, min_partial_months: int) -> list[tuple[int, int]]:
    """The years of the program period as (first, last) month indexes (year * 12 + month - 1).

    ``program`` years run 12 months from ``period_start``; ``calendar`` years are cut at
    1 January. A first or last year shorter than *min_partial_months* joins its neighbour, so a
    program ending two months into a new year does not need an event in those two months.
    """
    start, end = coalition["period_start"], coalition["period_end"]
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    if mode == "program":
        bounds = [(m, min(m + 11, last)) for m in range(first, last + 1, 12)]
    else:
        bounds = [
            (max(first, y * 12), min(last, y * 12 + 11)) for y in range(first // 12, last // 12 + 1)
        ]
    if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] + 1 < min_partial_months:
        bounds[-2:] = [(bounds[-2][0], bounds[-1][1])]
    if len(bounds) > 1 and bounds[0][1] - bounds[0][0] + 1 < min_partial_months:
        bounds[:2] = [(bounds[0][0], bounds[1][1])]
    return bounds


def _month(index: int) -> str:
    return f"{index % 12 + 1:02d}.{index // 12}"


@rule_kind(
    "quarterly_presentation",
    event_kind=param_types.Choice(
        values=("seminar", "conference", "quarterly_presentation", "other"),
        help="the kind of event that presents micro-successes",
    ),
    covered_by_clause=param_types.AlternativeClause(
        help="a clause that commits the team to quarterly presentations, or null"
    ),
    document=param_types.DocumentKind("the document that may contain that clause"),
)
def quarterly_presentation(ctx: Context, params: dict) -> list[Issue]:
    """Micro-successes are presented every quarter in which actions run: a planned event of
    ``event_kind`` in each such quarter, or the ``covered_by_clause`` clause in the document."""
    active = sorted(
        {
            q
            for a in ctx.data.get("actions") or []
            for q in range(quarter_index(a["start_quarter"]), quarter_index(a["end_quarter"]) + 1)
        }
    )
    planned = {
        quarter_index(e["quarter"])
        for e in ctx.data.get("promotion") or []
        if e["kind"] == params["event_kind"]
    }
    gaps = [quarter_name(q) for q in active if q not in planned]
    if not gaps:
        return [ok("quarterly_presentation_ok", count=len(active))]
    clause = params["covered_by_clause"]
    document = ctx.documents.get(params["document"])
    if clause and document is not None and clause in document.clause_ids:
        section = document.section(clause)
        where = f"§\u00a0{section.number}" if section and section.number else clause
        return [
            ok(
                "quarterly_presentation_by_clause",
                clause=clause,
                where=where,
                quarters=joined(gaps),
            )
        ]
    return [
        fail(
            "quarterly_presentation_missing",
            ctx.place("promotion"),
            quarters=joined(gaps),
            kind=promotion_label(params["event_kind"]),
        )
    ]
