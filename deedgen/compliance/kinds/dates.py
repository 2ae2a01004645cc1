"""Dates: the preliminary declaration comes early enough, the program period is long enough."""

from __future__ import annotations

import datetime as dt

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.registry import Context, assembled_document, fail, ok, rule_kind
from deedgen.compliance.messages import date_label
from deedgen.compliance.model import Issue


@rule_kind(
    "preliminary_declaration",
    min_days_before=param_types.Int(
        min=0,
        help="least number of days between the preliminary declaration and the partnership declaration",
    ),
    document=param_types.DocumentKind(
        "the preliminary declaration document that must be assembled, or null", nullable=True
    ),
)
def preliminary_declaration(ctx: Context, params: dict) -> list[Issue]:
    """The JST's preliminary declaration (stage 2) is dated at least ``min_days_before`` days
    before the partnership declaration, and, when ``document`` is given, it is assembled."""
    coalition = ctx.data["coalition"]
    preliminary, declared = coalition["preliminary_declaration_date"], coalition["declaration_date"]
    issues = []
    if (declared - preliminary).days < params["min_days_before"]:
        params_ = {
            "preliminary": date_label(preliminary),
            "declared": date_label(declared),
            "days": params["min_days_before"],
        }
        issues.append(
            fail(
                "preliminary_too_late",
                ctx.place("coalition.preliminary_declaration_date"),
                **params_,
            )
        )
    if params["document"]:
        _, missing = assembled_document(ctx, params["document"])
        issues.extend(missing)
    return issues or [
        ok("preliminary_ok", preliminary=date_label(preliminary), declared=date_label(declared))
    ]


@rule_kind(
    "program_period",
    min_months=param_types.Int(min=1, help="least length of the program period in whole months"),
)
def program_period(ctx: Context, params: dict) -> list[Issue]:
    """The program period (``period_start`` – ``period_end``) lasts at least ``min_months``."""
    coalition = ctx.data["coalition"]
    months = whole_months(coalition["period_start"], coalition["period_end"])
    params_ = {
        "found": months,
        "min": params["min_months"],
        "start": date_label(coalition["period_start"]),
        "end": date_label(coalition["period_end"]),
    }
    if months < params["min_months"]:
        return [fail("period_too_short", ctx.place("coalition.period_end"), **params_)]
    return [ok("period_ok", **params_)]


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from *start* to *end* inclusive: 2026-04-01 – 2027-12-31 is 21."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if months > 0 and add_months(start, months) > after:
        months -= 1
    return max(months, 0)


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by *months*, clamped to the month's last day (31 January + 1 → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
