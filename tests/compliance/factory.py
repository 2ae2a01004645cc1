"""Scenario builders for compliance tests: sheets from the samples, documents built by hand.

``documents_for`` mimics the assembler closely enough for the rule kinds: the clauses a
declaration would carry given the data (the continuity clause only when ``coalition.continuity``,
the mentor clause only when a mentor is named), one signature line per representative, and the
skarbnik's countersignature when the gmina contributes money. Tests then add or drop clauses and
signature lines to build each scenario.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from deedgen.document import (
    DOCUMENT_TITLES,
    AssembledDocument,
    Section,
    Signatory,
    Unit,
    UsedClause,
)
from deedgen.sheet.validate import Sheet, read_sheet
from tests.helpers import load_sample, write_sheet

FIXTURES = Path(__file__).parent / "fixtures"

DECLARATION_CLAUSES = (
    "parties.comparition",
    "actions.requirements",
    "monitoring.cycle",
    "sustainability.evaluation",
    "sustainability.continuity",
    "sustainability.accession",
    "mentoring.bw",
    "financing.budget",
)


def sheet_from(
    tmp_path: Path, change: Callable[[dict], object] | None = None, sample: str = "lipowiec"
) -> Sheet:
    """A validated sheet: a sample, changed by *change(data)*, written to *tmp_path* and read."""
    data = copy.deepcopy(load_sample(sample))
    if change is not None:
        change(data)
    return read_sheet(write_sheet(tmp_path / f"{sample}.yaml", data))


def fixture_sheet(name: str) -> Sheet:
    return read_sheet(FIXTURES / f"{name}.yaml")


def gmina_money(data: dict) -> Decimal:
    gminas = {p["id"] for p in data["parties"] if p["kind"] == "gmina"}
    return sum(
        (c.get("amount") or Decimal(0))
        for c in data.get("contributions") or []
        if c["resource"] == "finances" and c["party"] in gminas
    )


def declared_clauses(data: dict) -> list[str]:
    """The declaration's clauses as the central library's conditions would select them."""
    chosen = []
    for clause_id in DECLARATION_CLAUSES:
        if clause_id == "sustainability.continuity" and not data["coalition"]["continuity"]:
            continue
        if clause_id == "mentoring.bw" and not data.get("mentor"):
            continue
        if clause_id == "financing.budget" and not gmina_money(data):
            clause_id = "financing.none"
        chosen.append(clause_id)
    return chosen


def document(kind: str, clause_ids=(), signatories=()) -> AssembledDocument:
    """An assembled document with one numbered § per clause."""
    sections = tuple(
        Section(
            clause_id=cid,
            title=cid,
            units=(Unit(kind="ust", label="", text=f"Treść {cid}."),),
            number=n,
        )
        for n, cid in enumerate(clause_ids, start=1)
    )
    used = tuple(
        UsedClause(
            id=cid, version=1, layer="central", source=f"{cid}.pl.txt", sha256="0" * 64, lang="pl"
        )
        for cid in clause_ids
    )
    return AssembledDocument(
        kind=kind,
        lang="pl",
        title=DOCUMENT_TITLES[kind]["pl"],
        sections=sections,
        clauses=used,
        signatories=tuple(signatories),
    )


def signature_lines(data: dict, kinds=None) -> list[Signatory]:
    return [
        Signatory(party_id=p["id"], party_name=p["name"], person=r["name"], function=r["function"])
        for p in data["parties"]
        if kinds is None or p["kind"] in kinds
        for r in p.get("representatives") or []
    ]


def documents_for(
    sheet: Sheet,
    *,
    add: tuple[str, ...] = (),
    drop: tuple[str, ...] = (),
    without_signatures_of: tuple[str, ...] = (),
    countersign: bool | None = None,
    omit: tuple[str, ...] = (),
) -> dict[str, AssembledDocument]:
    """The four documents of a coalition, built by hand (see the module docstring).

    *add*/*drop*: clause ids to add to / remove from the declaration; *without_signatures_of*:
    party ids whose signature lines are left out; *countersign*: force the countersignature line
    on or off (default: as the assembler does); *omit*: document kinds not assembled.
    """
    data = sheet.data
    clause_ids = [c for c in declared_clauses(data) if c not in drop] + list(add)
    lines = [s for s in signature_lines(data) if s.party_id not in without_signatures_of]
    if countersign is None:
        countersign = bool(gmina_money(data)) and bool(data.get("treasurer"))
    if countersign:
        gmina = next(p for p in data["parties"] if p["kind"] == "gmina")
        treasurer = data.get("treasurer") or {"name": "Jan Skarbnik", "function": "Skarbnik Gminy"}
        lines.append(
            Signatory(
                gmina["id"],
                gmina["name"],
                treasurer["name"],
                treasurer["function"],
                role="countersignature",
            )
        )
    documents = {
        "preliminary": document(
            "preliminary", ["preliminary.intent"], signature_lines(data, kinds=("gmina",))
        ),
        "declaration": document("declaration", clause_ids, lines),
        "action_plan": document("action_plan", ["plan.actions"]),
        "evaluation_forms": document("evaluation_forms", ["forms.quarterly"]),
    }
    return {kind: doc for kind, doc in documents.items() if kind not in omit}
