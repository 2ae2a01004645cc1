"""Parties and signatures: the required parties sign, the gmina's skarbnik countersigns, each
party has its representatives."""

from __future__ import annotations

from decimal import Decimal

import deedgen.compliance.params as param_types
from deedgen import party_model
from deedgen.compliance.kinds.registry import (
    Context,
    assembled_document,
    fail,
    joined,
    ok,
    rule_kind,
    signer_counts,
)
from deedgen.compliance.messages import document_label, kind_label, kind_labels, money_label
from deedgen.compliance.model import Issue


@rule_kind(
    "required_parties",
    initiator=param_types.PartyKind(
        "kind of the party that initiates the coalition (the municipal library)"
    ),
    required=param_types.PartyKinds("other party kinds that must be parties (e.g. the gmina)"),
    document=param_types.DocumentKind("the document whose signature block is checked"),
)
def required_parties(ctx: Context, params: dict) -> list[Issue]:
    """The initiating library and the required parties (the gmina) are parties, and each has a
    signature line in the assembled document."""
    document, missing = assembled_document(ctx, params["document"])
    if missing:
        return missing
    issues = []
    parties = ctx.parties()
    initiators = [(i, party) for i, party in parties if _initiates(party, params["initiator"])]
    if len(initiators) != 1:
        issues.append(
            fail(
                "initiator_count",
                ctx.place("parties"),
                kind=kind_label(params["initiator"]),
                found=len(initiators),
            )
        )
    for kind in params["required"]:
        if not any(party["kind"] == kind for _, party in parties):
            issues.append(fail("party_kind_missing", ctx.place("parties"), kind=kind_label(kind)))
    signers = signer_counts(document)
    checked = [
        (i, party)
        for i, party in parties
        if _initiates(party, params["initiator"]) or party["kind"] in params["required"]
    ]
    for i, party in checked:
        if not signers.get(party["id"]):
            place = ctx.place(
                f"parties[{i}].representatives", party=party["id"], document=params["document"]
            )
            issues.append(
                fail(
                    "party_not_signing",
                    place,
                    party=party["id"],
                    name=party["name"],
                    document=document_label(params["document"]),
                )
            )
    if issues:
        return issues
    names = [party["name"] for _, party in checked]
    return [
        ok("required_parties_ok", names=joined(names), document=document_label(params["document"]))
    ]


def _initiates(party: dict, initiator: str) -> bool:
    """A party of the initiator's kind; for ``library`` also a cultural institution that runs the
    public library."""
    if initiator == "library":
        return party_model.is_library(party)
    return party["kind"] == initiator


@rule_kind(
    "countersignature",
    money_kinds=param_types.PartyKinds(
        "party kinds whose financial contribution needs a countersignature", min_items=1
    ),
    document=param_types.DocumentKind("the document whose signature block is checked"),
)
def countersignature(ctx: Context, params: dict) -> list[Issue]:
    """When a party of ``money_kinds`` (a JST: the gmina, a powiat…) contributes money, itself or
    through its school, the assembled document has a countersignature line (kontrasygnata of the
    skarbnik) for that party."""
    payers: dict[str, list[int]] = {}
    parties = ctx.data.get("parties") or []
    for i, contribution in enumerate(ctx.data.get("contributions") or []):
        # a school's money is its governing JST's: that JST's skarbnik countersigns it
        payer = party_model.legal_party_id(parties, contribution["party"])
        party = next((p for p in parties if p.get("id") == payer), {})
        kind = party_model.jst_kind(parties, party) or party.get("kind")
        if party_model.money(contribution) > 0 and kind in params["money_kinds"]:
            payers.setdefault(payer, []).append(i)
    if not payers:
        return [ok("countersignature_not_needed", kinds=kind_labels(params["money_kinds"]))]
    document, missing = assembled_document(ctx, params["document"])
    if missing:
        return missing
    countersigned = signer_counts(document, role="countersignature")
    issues = []
    for party_id, indexes in payers.items():
        if countersigned.get(party_id):
            continue
        amount = sum((ctx.data["contributions"][i].get("amount") or Decimal(0)) for i in indexes)
        index = next(i for i, p in enumerate(parties) if p.get("id") == party_id)
        treasurer = (
            "treasurer" if parties[index]["kind"] == "gmina" else f"parties[{index}].treasurer"
        )
        places = (
            ctx.place(treasurer, party=party_id, document=params["document"]),
            *(ctx.place(f"contributions[{i}]") for i in indexes),
        )
        issues.append(
            fail("countersignature_missing", *places, party=party_id, amount=money_label(amount))
        )
    if issues:
        return issues
    return [ok("countersignature_ok", parties=joined(payers))]


@rule_kind(
    "representatives",
    min_by_kind=param_types.KindCounts(
        help="least number of signature lines per party kind (0 exempts a kind)"
    ),
    default=param_types.Int(help="least number for kinds not listed in min_by_kind"),
    document=param_types.DocumentKind("the document whose signature block is checked"),
)
def representatives(ctx: Context, params: dict) -> list[Issue]:
    """Every party has as many signature lines as its kind requires (a powiat: two members of the
    zarząd; a registered association: as its statute says)."""
    document, missing = assembled_document(ctx, params["document"])
    if missing:
        return missing
    signers = signer_counts(document)
    issues = []
    for i, party in ctx.parties():
        need = params["min_by_kind"].get(party["kind"], params["default"])
        found = signers.get(party["id"], 0)
        if found < need:
            place = ctx.place(f"parties[{i}].representatives", party=party["id"])
            params_ = {
                "party": party["id"],
                "name": party["name"],
                "kind": kind_label(party["kind"]),
                "expected": need,
                "found": found,
            }
            issues.append(fail("representatives_too_few", place, **params_))
    return issues or [ok("representatives_ok")]
