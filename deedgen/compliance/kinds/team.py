"""The project team and the mentor: who each party delegates, the coordinator, the mentor's clause."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.missing_clause import why_clause_missing
from deedgen.compliance.kinds.registry import Context, assembled_document, fail, ok, rule_kind
from deedgen.compliance.messages import document_label
from deedgen.compliance.model import Issue, Place


@rule_kind(
    "project_team",
    exempt_kinds=param_types.PartyKinds(
        "party kinds that need not delegate a team member (e.g. resident)"
    ),
    coordinator=param_types.Bool(help="require a coordinator in the team"),
)
def project_team(ctx: Context, params: dict) -> list[Issue]:
    """The project team has a representative of every party (except ``exempt_kinds``) and, with
    ``coordinator``, a coordinator."""
    team = ctx.data.get("team") or []
    represented = {member["party"] for member in team}
    issues = []
    for i, party in ctx.parties():
        if party["kind"] in params["exempt_kinds"] or party["id"] in represented:
            continue
        places = (ctx.place(f"parties[{i}]", party=party["id"]), ctx.place("team"))
        issues.append(fail("team_party_missing", *places, party=party["id"], name=party["name"]))
    if params["coordinator"] and not any(member["role"] == "coordinator" for member in team):
        issues.append(fail("team_no_coordinator", ctx.place("team")))
    return issues or [ok("project_team_ok", count=len(team))]


@rule_kind(
    "mentor",
    clause=param_types.ClauseId(
        help="clause that must be in the document (the mentor clause), or null", nullable=True
    ),
    document=param_types.DocumentKind("the document that must contain the clause"),
)
def mentor(ctx: Context, params: dict) -> list[Issue]:
    """A mentor from the voivodeship library (BW) is named in the sheet and, when ``clause`` is
    given, the mentor clause is in the assembled document."""
    data = ctx.data.get("mentor")
    if not data or not data.get("name"):
        return [fail("mentor_missing", ctx.place("mentor"))]
    if params["clause"]:
        document, missing = assembled_document(ctx, params["document"])
        if missing:
            return missing
        if params["clause"] not in document.clause_ids:
            why, places = why_clause_missing(ctx, params["clause"], params["document"])
            params_ = {
                "clause": params["clause"],
                "document": document_label(params["document"]),
                "why": why,
            }
            place = Place(clause=params["clause"], document=params["document"])
            return [fail("clause_missing", place, *places, **params_)]
    return [ok("mentor_ok", name=data["name"], library=data.get("library") or "—")]
