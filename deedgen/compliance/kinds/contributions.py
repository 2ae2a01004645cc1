"""Contributions: the resource kinds the coalition pools, and a contribution from every party."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen import party_model
from deedgen.compliance.kinds.registry import Context, fail, ok, rule_kind
from deedgen.compliance.messages import resource_labels
from deedgen.compliance.model import Issue
from deedgen.sheet.enumerations import PROGRAMME_RESOURCES


@rule_kind(
    "contributions",
    min_resource_kinds=param_types.Int(
        min=0,
        max=len(PROGRAMME_RESOURCES),
        help="least number of the four resource kinds (people, space, finances, knowledge) the coalition pools",
    ),
    every_party=param_types.Bool(help="require a contribution from every party"),
    exempt_kinds=param_types.PartyKinds("party kinds exempt from contributing (with every_party)"),
)
def contributions(ctx: Context, params: dict) -> list[Issue]:
    """The contributions cover at least ``min_resource_kinds`` resource kinds and, with
    ``every_party``, every party (except ``exempt_kinds``) contributes something; an informal
    group that only declares its support is no Party and contributes nothing."""
    items = ctx.data.get("contributions") or []
    kinds = [r for r in PROGRAMME_RESOURCES if any(c["resource"] == r for c in items)]
    issues = []
    if len(kinds) < params["min_resource_kinds"]:
        missing = [r for r in PROGRAMME_RESOURCES if r not in kinds]
        params_ = {
            "found": len(kinds),
            "min": params["min_resource_kinds"],
            "have": resource_labels(kinds),
            "missing": resource_labels(missing),
        }
        issues.append(fail("resources_too_few", ctx.place("contributions"), **params_))
    if params["every_party"]:
        givers = {c["party"] for c in items}
        for i, party in ctx.parties():
            if party_model.is_supporter(party):
                continue  # a group that only declares its support is no Party (annex 3)
            if party["id"] not in givers and party["kind"] not in params["exempt_kinds"]:
                places = (ctx.place(f"parties[{i}]", party=party["id"]), ctx.place("contributions"))
                issues.append(
                    fail("party_no_contribution", *places, party=party["id"], name=party["name"])
                )
    return issues or [ok("contributions_ok", found=len(kinds), have=resource_labels(kinds))]
