"""Data protection: every public body that is a Party names its data protection officer, whom
the Declaration's information clause (art. 13 RODO) gives to the people whose data it holds."""

from __future__ import annotations

import deedgen.compliance.params as param_types
from deedgen.compliance.kinds.registry import Context, fail, ok, rule_kind
from deedgen.compliance.messages import kind_label
from deedgen.compliance.model import Issue


@rule_kind(
    "data_protection_officer",
    kinds=param_types.PartyKinds(
        "party kinds that must appoint a data protection officer (art. 37(1)(a) GDPR: public bodies)"
    ),
)
def data_protection_officer(ctx: Context, params: dict) -> list[Issue]:
    """Each party of ``kinds`` gives its data protection officer's e-mail (``iod_email``). A public
    body must appoint one (art. 37 ust. 1 lit. a RODO); without it the information clause can only
    print a neutral contact line, which a draft may carry but a signed declaration may not."""
    issues = [
        fail(
            "iod_missing",
            ctx.place(f"parties[{i}].iod_email", party=party["id"]),
            name=party["name"],
            kind=kind_label(party["kind"]),
        )
        for i, party in ctx.parties()
        if party["kind"] in params["kinds"] and not party.get("iod_email")
    ]
    public = sum(1 for _, party in ctx.parties() if party["kind"] in params["kinds"])
    return issues or [ok("iod_ok", found=public)]
