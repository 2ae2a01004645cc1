"""Clauses the declaration must contain."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.missing_clause import why_clause_missing
from deedgen.compliance.kinds.registry import (
    Context,
    assembled_document,
    fail,
    joined,
    ok,
    rule_kind,
)
from deedgen.compliance.messages import document_label
from deedgen.compliance.model import Issue, Place


@rule_kind(
    "clauses_present",
    clauses=param_types.ClauseIds(help="ids of the clauses that must be in the document"),
    document=param_types.DocumentKind("the document that must contain them"),
)
def clauses_present(ctx: Context, params: dict) -> list[Issue]:
    """Every clause in ``clauses`` is in the assembled document — whatever dropped it (a clause
    condition on the data, a regional overlay, a missing clause file)."""
    document, missing = assembled_document(ctx, params["document"])
    if missing:
        return missing
    issues = []
    for clause_id in params["clauses"]:
        if clause_id in document.clause_ids:
            continue
        why, places = why_clause_missing(ctx, clause_id, params["document"])
        params_ = {"clause": clause_id, "document": document_label(params["document"]), "why": why}
        issues.append(
            fail(
                "clause_missing",
                Place(clause=clause_id, document=params["document"]),
                *places,
                **params_,
            )
        )
    if issues:
        return issues
    numbers = []
    for clause_id in params["clauses"]:
        section = document.section(clause_id)
        numbers.append(
            f"{clause_id} (§\u00a0{section.number})" if section and section.number else clause_id
        )
    return [
        ok(
            "clauses_present_ok",
            clauses=joined(numbers),
            document=document_label(params["document"]),
        )
    ]
