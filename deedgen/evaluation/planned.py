"""What a coalition's partner sheet plans for a period: the rows ``report init`` pre-fills and
the plan ``evaluate`` checks a filled report against."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.context import PROMOTION_LABELS
from deedgen.evaluation.period import Period, quarter_index, quarter_name
from deedgen.sheet.enumerations import RESOURCE_LABELS_PL
from deedgen.social import is_social_action


@dataclass(frozen=True)
class PlannedMicro:
    action: str
    action_title: str
    quarter: str
    description: str
    problem: str | None  # the action's social problem (None: not a social action)


@dataclass(frozen=True)
class Plan:
    """A coalition's plan as the evaluation reads it (from a validated partner sheet)."""

    terc: str
    gmina: str
    coalition: str
    edition: str
    sheet: Path
    sheet_sha256: str
    actions: dict  # id → the sheet's action record
    parties: dict  # id → the sheet's party record
    micro: tuple[PlannedMicro, ...]
    promotion: tuple[dict, ...]
    contributions: tuple[dict, ...]
    goals: tuple[str, ...]  # chosen goal ids, then own goals
    quarters: tuple[str, ...]  # every quarter of the program period
    evaluation_month: int | None
    data: dict = field(default_factory=dict, repr=False)  # the validated sheet, for documents

    def micro_in(self, period: Period) -> list[PlannedMicro]:
        return [m for m in self.micro if m.quarter in period.quarters]

    def planned(self, action: str, quarter: str) -> PlannedMicro | None:
        return next((m for m in self.micro if m.action == action and m.quarter == quarter), None)

    def actions_in(self, period: Period) -> list[dict]:
        wanted = set(period.quarters)
        return [a for a in self.actions.values() if wanted & set(_running(a))]

    def promotion_in(self, period: Period) -> list[dict]:
        return [e for e in self.promotion if e["quarter"] in period.quarters]

    def active_quarters(self) -> list[str]:
        """Quarters in which at least one action runs, in order."""
        found = {q for a in self.actions.values() for q in _running(a)}
        return sorted(found, key=quarter_index)

    def social_actions(self) -> list[str]:
        return [a["id"] for a in self.actions.values() if is_social_action(a)]


def _running(action: dict) -> list[str]:
    first, last = quarter_index(action["start_quarter"]), quarter_index(action["end_quarter"])
    return [quarter_name(i) for i in range(first, last + 1)]


def plan_of(sheet) -> Plan:
    """The plan of a validated partner sheet (:class:`deedgen.sheet.validate.Sheet`)."""
    data = sheet.data
    actions = {a["id"]: a for a in data.get("actions") or []}
    micro = tuple(
        PlannedMicro(a["id"], a["title"], m["quarter"], m["description"], a.get("problem"))
        for a in actions.values()
        for m in a.get("micro_successes") or []
    )
    coalition = data["coalition"]
    start, end = coalition["period_start"], coalition["period_end"]
    first = start.year * 4 + (start.month - 1) // 3
    last = end.year * 4 + (end.month - 1) // 3
    goals = data.get("goals") or {}
    path = Path(sheet.source)
    return Plan(
        terc=data["gmina"]["terc"],
        gmina=data["gmina"]["name"],
        coalition=coalition["name"],
        edition=str(coalition["edition"]),
        sheet=path,
        sheet_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        actions=actions,
        parties={p["id"]: p for p in data["parties"]},
        micro=micro,
        promotion=tuple(data.get("promotion") or []),
        contributions=tuple(data.get("contributions") or []),
        goals=tuple(goals.get("chosen") or []) + tuple(goals.get("own") or []),
        quarters=tuple(quarter_name(i) for i in range(first, last + 1)),
        evaluation_month=(data.get("evaluation") or {}).get("month"),
        data=data,
    )


def prefill_rows(plan: Plan, period: Period, goal_texts: dict[str, str]) -> dict[str, list[dict]]:
    """The pre-filled rows of each table sheet of the period's report workbook."""
    rows = {
        "Mikrosukcesy": [
            {
                "action": m.action,
                "action_title": m.action_title,
                "quarter": m.quarter,
                "planned": m.description,
                "problem": m.problem,
            }
            for m in sorted(plan.micro_in(period), key=lambda m: (quarter_index(m.quarter),))
        ],
        "Działania": [
            {
                "action": a["id"],
                "title": a["title"],
                "problem": a.get("problem") or "—",
                "lead": a["lead"],
                "quarters": f"{a['start_quarter']} – {a['end_quarter']}",
            }
            for a in plan.actions_in(period)
        ],
        "Promocja": [
            {
                "kind": PROMOTION_LABELS.get(e["kind"], (e["kind"],))[0],
                "quarter": e["quarter"],
                "audience": e["audience"],
            }
            for e in plan.promotion_in(period)
        ],
    }
    if period.annual:
        rows["Cele"] = [{"goal": goal_texts.get(g, g)} for g in plan.goals]
        rows["Wkłady"] = [
            {
                "party": c["party"],
                "party_name": plan.parties[c["party"]]["name"],
                "resource": RESOURCE_LABELS_PL.get(c["resource"], c["resource"]),
                "declared": c["description"],
            }
            for c in plan.contributions
        ]
    return rows
