"""The coalition's actions: enough of them address a social problem, and each has a micro-success
in every quarter it runs."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.registry import Context, fail, joined, ok, rule_kind
from deedgen.compliance.model import Issue
from deedgen.sheet.quarters import quarter_index, quarter_name, quarters_between
from deedgen.social import is_social_action


@rule_kind(
    "social_actions",
    min=param_types.Int(help="least number of actions that address a social problem"),
)
def social_actions(ctx: Context, params: dict) -> list[Issue]:
    """At least ``min`` actions address a social problem (their ``problem`` is filled in)."""
    actions = ctx.data.get("actions") or []
    social = [action["id"] for action in actions if is_social_action(action)]
    if len(social) >= params["min"]:
        return [
            ok("social_actions_ok", found=len(social), min=params["min"], ids=joined(social) or "—")
        ]
    others = [(i, a) for i, a in enumerate(actions) if a["id"] not in social]
    places = [ctx.place(f"actions[{i}].problem", action=a["id"]) for i, a in others]
    found = {"found": len(social), "min": params["min"], "ids": joined(social) or "—"}
    return [fail("social_actions_too_few", ctx.place("actions"), *places, **found)]


@rule_kind(
    "micro_successes",
    within_period=param_types.Bool(
        help="also require every action's quarters to lie within the program period"
    ),
)
def micro_successes(ctx: Context, params: dict) -> list[Issue]:
    """Every action has a micro-success in every quarter it runs (and, with ``within_period``,
    runs only within the program period)."""
    issues = []
    program = ctx.program_quarters()
    for i, action in enumerate(ctx.data.get("actions") or []):
        running = quarters_between(action["start_quarter"], action["end_quarter"])
        have = {m["quarter"] for m in action.get("micro_successes") or []}
        gaps = [q for q in running if q not in have]
        if gaps:
            place = ctx.place(f"actions[{i}].micro_successes", action=action["id"])
            issues.append(
                fail("micro_success_missing", place, action=action["id"], quarters=joined(gaps))
            )
        if params["within_period"]:
            for key in ("start_quarter", "end_quarter"):
                if quarter_index(action[key]) not in program:
                    period = f"{quarter_name(program[0])} – {quarter_name(program[-1])}"
                    place = ctx.place(f"actions[{i}].{key}", action=action["id"])
                    issues.append(
                        fail(
                            "action_outside_period",
                            place,
                            action=action["id"],
                            quarter=action[key],
                            period=period,
                        )
                    )
    count = len(ctx.data.get("actions") or [])
    return issues or [ok("micro_successes_ok", count=count)]
