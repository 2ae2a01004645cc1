"""A funding rule kind that reads **reported facts**: ``reported_social_actions`` — by the end of
each year, at least ``min`` actions addressing a social problem have a micro-success achieved
(fully or partly) in the year's reports.

The kind is registered in the compliance registry from here (importing this module registers
it, with its Polish and English texts); the rule loader imports it before it checks a rule file.
``deedgen check`` has no reports, so there the rule passes with a note that ``deedgen
evaluate`` checks it; ``deedgen evaluate`` runs the rules of this kind in the coalition's rule
set with a :class:`ReportedContext`. Only submodules of ``deedgen.compliance`` are imported
(never the package itself), so the loader's import makes no cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import deedgen.compliance.params as p
from deedgen.compliance.kinds.registry import Context, fail, ok, rule_kind
from deedgen.compliance.messages import FIXES, MESSAGES

KIND = "reported_social_actions"

MESSAGES.update(
    {
        "reported_social_not_yet": (
            "brak raportów do sprawdzenia — warunek sprawdza deedgen evaluate na podstawie raportów kwartalnych",
            "no reports to check — deedgen evaluate checks this condition from the quarterly reports",
        ),
        "reported_social_ok": (
            "działania społeczne zrealizowane w latach {years}: co najmniej {min} w każdym ({ids})",
            "actions addressing social problems delivered in {years}: at least {min} each ({ids})",
        ),
        "reported_social_behind": (
            "w {year} r. zrealizowano działań społecznych: {found}, wymagane co najmniej {min} ({ids})",
            "in {year}, actions addressing social problems delivered: {found}, at least {min} required ({ids})",
        ),
    }
)
FIXES.update(
    {
        "reported_social_behind": (
            "Z mentorem BW zaplanuj mikrosukcesy działań społecznych na kolejne kwartały i zaraportuj je w arkuszu Mikrosukcesy raportu kwartalnego.",
            "With the BW mentor, plan micro-successes of the social actions for the next quarters and report them in the report's Mikrosukcesy sheet.",
        ),
    }
)


@dataclass(frozen=True)
class ReportedContext(Context):
    """The compliance context with what the reports say: for each year whose reports are in
    (or which has ended), the social actions with a micro-success achieved in it."""

    delivered: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


@rule_kind(KIND, min=p.Int(min=1, help="least number of social actions delivered each year"))
def reported_social_actions(ctx: Context, params: dict) -> list:
    """By the end of each year, at least ``min`` actions addressing a social problem have a
    micro-success achieved (fully or partly) in the reports (checked by ``deedgen evaluate``)."""
    delivered = getattr(ctx, "delivered", None)
    if not delivered:
        return [ok("reported_social_not_yet")]
    issues = []
    for year, ids in sorted(delivered.items()):
        if len(ids) < params["min"]:
            issues.append(
                fail(
                    "reported_social_behind",
                    ctx.place("actions"),
                    year=year,
                    found=len(ids),
                    min=params["min"],
                    ids=", ".join(ids) or "—",
                )
            )
    years = ", ".join(str(y) for y in sorted(delivered))
    ids = ", ".join(sorted({i for v in delivered.values() for i in v}))
    return issues or [ok("reported_social_ok", years=years, min=params["min"], ids=ids)]
