"""The assembled document: what ``assemble`` produces and renderers and checks consume.

It is plain, frozen data — numbered sections and units with their final text, the clauses used
(for the manifest), and the signature lines — so the DOCX renderer, the compliance check and the
tests all read the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOCUMENT_TITLES = {
    "preliminary": {
        "pl": "Wstępna deklaracja współpracy",
        "en": "Preliminary cooperation declaration",
    },
    "declaration": {"pl": "Deklaracja partnerstwa", "en": "Partnership declaration"},
    "action_plan": {"pl": "Plan działań koalicji", "en": "Action plan of the coalition"},
    "evaluation_forms": {"pl": "Formularze ewaluacji", "en": "Evaluation forms"},
    "support": {"pl": "Deklaracje poparcia", "en": "Declarations of support"},
}
# The order documents are built, bundled and listed in; file names use the Polish slugs.
DOCUMENT_ORDER = ("preliminary", "declaration", "action_plan", "evaluation_forms", "support")
# The documents whose clauses are numbered § 1, § 2 …; the others are annexes with tables.
NUMBERED_DOCUMENTS = ("preliminary", "declaration", "support")
# The annexes of the partnership declaration and their numbers ("Załącznik nr 1").
ANNEXES = {"action_plan": 1, "evaluation_forms": 2, "support": 3}
# The documents the signable bundle holds: the declaration first, then its annexes.
BUNDLED_DOCUMENTS = ("declaration", *ANNEXES)
# The bundled documents with signature lines: the Parties', and the supporting groups' members'.
SIGNED_DOCUMENTS = ("declaration", "support")
DOCUMENT_SLUGS = {
    "preliminary": "wstepna-deklaracja",
    "declaration": "deklaracja-partnerstwa",
    "action_plan": "plan-dzialan",
    "evaluation_forms": "formularze-ewaluacji",
    "support": "deklaracje-poparcia",
}


# The documents only some coalitions have (see :func:`applies`).
OPTIONAL_DOCUMENTS = ("support",)


def bundled(documents) -> tuple[str, ...]:
    """The kinds of *documents* (a mapping by kind) the bundle holds, in the bundle's order."""
    return tuple(kind for kind in BUNDLED_DOCUMENTS if kind in documents)


def applies(kind: str, context: dict) -> bool:
    """Whether a coalition has document *kind*: the declarations of support (annex 3) only when
    an informal group supports the Coalition without being a Party; every other one always."""
    if kind == "support":
        return bool(context["supporters"])
    return True


# The line every page of a translated document carries: the Polish text is the one signed.
TRANSLATION_NOTICES = {
    "en": "Translation from Polish — for information; in case of discrepancy the Polish text prevails",
}


@dataclass(frozen=True)
class Reference:
    """A cross-reference in a unit's text: ``text[start:end]`` is the resolved address of the
    target („§ 5 ust. 2”, or „ust. 2” inside § 5), which the DOCX renderer turns into fields."""

    start: int
    end: int
    target: tuple  # (section, ust, pkt, lit) of the target; None for a level it has not
    local: bool = False  # the § number is left out (a reference inside its own §)


@dataclass(frozen=True)
class Unit:
    """One numbered unit of a clause: ustęp, punkt, litera, tiret, część wspólna, or plain text."""

    kind: str  # "ust", "pkt", "lit", "tir", "wsp", "text"
    label: str  # "1.", "1)", "a)", "–", "" (unnumbered)
    text: str  # final text, punctuation included
    anchor: str | None = None
    references: tuple[Reference, ...] = ()

    @property
    def level(self) -> int:
        return {"ust": 0, "text": 0, "pkt": 1, "wsp": 0, "lit": 2, "tir": 3}[self.kind]


@dataclass(frozen=True)
class Section:
    """A clause as placed in the document: a § (number) or an unnumbered slot section."""

    clause_id: str
    title: str
    units: tuple[Unit, ...]
    number: int | None = None  # § number; None for unnumbered sections (slots)
    slot: str | None = None

    @property
    def heading(self) -> str:
        return f"§ {self.number}" if self.number is not None else ""


@dataclass(frozen=True)
class UsedClause:
    """Provenance of a clause in a document (for the manifest and the review annex)."""

    id: str
    version: int
    layer: str
    source: str  # the file of the language variant used
    sha256: str
    lang: str


@dataclass(frozen=True)
class Signatory:
    """One signature line of the signature block."""

    party_id: str
    party_name: str
    person: str
    function: str
    role: str = "signature"  # "signature" or "countersignature" (the skarbnik's kontrasygnata)


@dataclass(frozen=True)
class AssembledDocument:
    kind: str
    lang: str
    title: str
    sections: tuple[Section, ...]
    clauses: tuple[UsedClause, ...]
    signatories: tuple[Signatory, ...] = ()
    context: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def translation_notice(self) -> str:
        """The translation notice of the document's language („” for the Polish original)."""
        return TRANSLATION_NOTICES.get(self.lang, "")

    @property
    def clause_ids(self) -> set[str]:
        return {c.id for c in self.clauses}

    @property
    def has_countersignature(self) -> bool:
        return any(line.role == "countersignature" for line in self.signatories)

    def section(self, clause_id: str) -> Section | None:
        return next((section for section in self.sections if section.clause_id == clause_id), None)

    def plain_text(self) -> str:
        """The clauses as plain text, one unit per line (for checks and debugging)."""
        lines = []
        for section in self.sections:
            if section.number is not None:
                lines.append(f"{section.heading}. {section.title}")
            for unit in section.units:
                indent = "  " * unit.level
                lines.append(
                    f"{indent}{unit.label} {unit.text}".rstrip()
                    if unit.label
                    else f"{indent}{unit.text}"
                )
        return "\n".join(lines)
