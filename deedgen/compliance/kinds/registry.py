"""The registry of rule kinds and what every kind reads: :class:`Context` (the sheet, the
assembled documents, the library), :func:`ok` and :func:`fail` to say whether a condition is met,
and the few helpers several kinds share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import deedgen.compliance.params as param_types
from deedgen.compliance.messages import document_label
from deedgen.compliance.model import Issue, Place
from deedgen.document import AssembledDocument
from deedgen.sheet.quarters import quarter_of
from deedgen.sheet.validate import Sheet


@dataclass(frozen=True)
class RuleKind:
    """A registered rule kind: its name, its check and its declared parameters."""

    name: str
    check: Callable[[Context, dict], list[Issue]]
    params: dict[str, param_types.Param]
    summary: str  # the first line of the function's docstring


KINDS: dict[str, RuleKind] = {}


def rule_kind(name: str, **params: param_types.Param):
    """Register a rule kind under *name* with the parameters it requires."""

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        KINDS[name] = RuleKind(name=name, check=func, params=params, summary=summary)
        return func

    return register


@dataclass(frozen=True)
class Context:
    """What every rule kind reads: the validated sheet, the assembled documents, the library."""

    sheet: Sheet
    documents: Mapping[str, AssembledDocument]
    library: object | None = None  # deedgen.clauses.library.ClauseLibrary, when known

    @property
    def data(self) -> dict:
        return self.sheet.data

    def place(self, path: str | None = None, **ids) -> Place:
        """A place in the sheet: the data path, its location, and ids (party, action, clause…)."""
        location = self.sheet.locate(path) if path else None
        if location is not None and self.absent(path) and location == self.sheet.locate(()):
            # a missing section falls back to the file's first line, which would mislead: keep
            # the file only (a missing value inside a row keeps its row's line)
            location = type(location)(file=location.file, sheet=location.sheet)
        return Place(path=path, location=location, **ids)

    def absent(self, path: str) -> bool:
        """True when the sheet has no value (or null) at *path*."""
        from deedgen.sheet.validate import parse_path

        node = self.data
        for part in parse_path(path):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return True
        return node is None

    def parties(self):
        """(index, party) for every party, in sheet order."""
        return list(enumerate(self.data.get("parties") or []))

    def party_kind(self, party_id: str) -> str | None:
        return next(
            (party["kind"] for party in self.data["parties"] if party["id"] == party_id), None
        )

    def program_quarters(self) -> list[int]:
        coalition = self.data["coalition"]
        return list(
            range(quarter_of(coalition["period_start"]), quarter_of(coalition["period_end"]) + 1)
        )


def ok(code: str, **params) -> Issue:
    """The condition is met; *code* says how (message code, see compliance.messages)."""
    return Issue(True, code, params)


def fail(code: str, *places: Place, **params) -> Issue:
    """The condition is not met: what was found (*code*, *params*) and where to fix it."""
    return Issue(False, code, params, places)


def assembled_document(ctx: Context, kind: str) -> tuple[AssembledDocument | None, list[Issue]]:
    """The assembled document of *kind*, or the issue saying it was not assembled."""
    document = ctx.documents.get(kind)
    if document is None:
        return None, [fail("document_missing", Place(document=kind), document=document_label(kind))]
    return document, []


def signer_counts(document: AssembledDocument, role: str = "signature") -> dict[str, int]:
    counts: dict[str, int] = {}
    for signatory in document.signatories:
        if signatory.role == role:
            counts[signatory.party_id] = counts.get(signatory.party_id, 0) + 1
    return counts


def joined(items) -> str:
    return ", ".join(items)
