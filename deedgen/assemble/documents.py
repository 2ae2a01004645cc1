"""Documents from clauses: select the clauses whose condition holds (or their fallback), render
each body in the sandbox, parse, number, resolve references and punctuate (see
:mod:`deedgen.assemble`)."""

from __future__ import annotations

import functools

from deedgen.assemble.numbering import flatten, number_anchors
from deedgen.assemble.references import resolve_references
from deedgen.assemble.signatories import signatories
from deedgen.assemble.units import Node, parse_units
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.model import Clause
from deedgen.context import build_context
from deedgen.document import (
    ANNEXES,
    DOCUMENT_ORDER,
    DOCUMENT_TITLES,
    NUMBERED_DOCUMENTS,
    AssembledDocument,
    Section,
    Unit,
    UsedClause,
    applies,
)
from deedgen.exceptions import Location, Problem, SheetInvalid
from deedgen.sheet.validate import Sheet
from deedgen.template_weight import remembered_weights
from deedgen.templating import evaluate_condition, render_body, unmark


def render_clause(clause: Clause, context: dict, lang: str) -> str:
    """A clause's body in *lang*, rendered in the sandbox (structure lines not yet parsed)."""
    text = clause.text(lang)
    return render_body(
        text.body, context, lang=lang, path=text.path, body_line=text.body_line, clause_id=clause.id
    )


def select_clauses(library: ClauseLibrary, kind: str, context: dict, lang: str) -> list[Clause]:
    """Clauses of document *kind* whose condition holds (a clause's fallback takes its place)."""
    chosen: list[Clause] = []
    seen: set[str] = set()
    for clause in library.for_document(kind):
        picked = clause
        if clause.condition and not evaluate_condition(
            clause.condition, context, lang=lang, path=clause.source, clause_id=clause.id
        ):
            picked = library.get(clause.fallback) if clause.fallback else None
            if (
                picked is not None
                and picked.condition
                and not evaluate_condition(
                    picked.condition, context, lang=lang, path=picked.source, clause_id=picked.id
                )
            ):
                picked = None
        if picked is not None and picked.id not in seen:
            seen.add(picked.id)
            chosen.append(picked)
    return chosen


def used(clause: Clause, lang: str) -> UsedClause:
    text = clause.text(lang)
    return UsedClause(
        id=clause.id,
        version=clause.version,
        layer=clause.layer,
        source=text.path,
        sha256=text.sha256,
        lang=lang,
    )


# A clause renders to the same text for many coalitions (a third of the central clauses use no
# data at all, others differ by a name or a count): its parsed tree, and — without a
# cross-reference to resolve — its numbered units, are made once per text. The trees are shared
# and only read; a text that fails to parse raises each time (an error is never cached).


@functools.lru_cache(maxsize=8192)
def _shared_tree(rendered: str, clause: Clause, lang: str) -> list[Node]:
    return parse_units(rendered, clause, lang)


@functools.lru_cache(maxsize=8192)
def _plain_units(rendered: str, clause: Clause, lang: str) -> tuple[Unit, ...]:
    """The units of a text with no ``§[…]``: resolving its references would change nothing."""
    return flatten(_shared_tree(rendered, clause, lang), _unchanged)


def _unchanged(text: str) -> str:
    return text


def _numbers(trees, numbered: bool, lang: str) -> tuple[dict[str, int | None], dict]:
    """Each clause's § number (None: no §, or a document without §§) and every anchor's
    address."""
    numbers: dict[str, int | None] = {}
    anchors: dict = {}
    counter = 0
    for clause, _rendered, usts in trees:
        number = None
        if numbered and not clause.slot:
            counter += 1
            number = counter
        numbers[clause.id] = number
        anchors.update(
            number_anchors(clause.id, usts, number, Location(file=clause.text(lang).path))
        )
    return numbers, anchors


def assemble_document(
    kind: str, library: ClauseLibrary, context: dict, lang: str, extra_used=(), outer=None
) -> AssembledDocument:
    """Document *kind*; *outer*: the declaration's § numbers by clause id, which an annex's
    references to the declaration's clauses print („§ 2 Deklaracji”)."""
    clauses = select_clauses(library, kind, context, lang)
    trees = []
    for clause in clauses:
        rendered = render_clause(clause, context, lang)
        trees.append((clause, rendered, _shared_tree(rendered, clause, lang)))

    numbers, anchors = _numbers(trees, kind in NUMBERED_DOCUMENTS, lang)
    sections = []
    for clause, rendered, usts in trees:
        here = numbers[clause.id]

        def resolve(value, clause=clause, here=here):
            return resolve_references(
                value,
                clause=clause,
                here=here,
                sections=numbers,
                anchors=anchors,
                kind=kind,
                lang=lang,
                marked=True,
                outer=outer,
            )

        sections.append(
            Section(
                clause_id=clause.id,
                title=clause.text(lang).title,
                units=flatten(usts, resolve)
                if "§[" in rendered
                else _plain_units(rendered, clause, lang),
                number=here,
                slot=clause.slot,
            )
        )
    return AssembledDocument(
        kind=kind,
        lang=lang,
        title=DOCUMENT_TITLES[kind][lang],
        sections=tuple(sections),
        clauses=tuple(used(c, lang) for c in clauses) + tuple(extra_used),
        signatories=signatories(kind, context, lang),
        context=context,
    )


def render_goals(
    sheet: Sheet, library: ClauseLibrary, context: dict, lang: str
) -> tuple[list[str], list[UsedClause]]:
    """The texts of the goals the sheet chose from the goals menu."""
    chosen = (sheet.data.get("goals") or {}).get("chosen") or []
    menu = {c.id: c for c in library.clauses.values() if "goal_menu" in c.documents}
    problems, texts, provenance = [], [], []
    for i, goal_id in enumerate(chosen):
        clause = menu.get(goal_id)
        if clause is None:
            path = ("goals", "chosen", i)
            problems.append(
                Problem(
                    path=f"goals.chosen[{i}]",
                    code="goal_unknown",
                    params={"found": goal_id, "expected": ", ".join(sorted(menu))},
                    location=sheet.locate(path),
                )
            )
            continue
        rendered = render_clause(clause, context, lang)
        texts.append(unmark(" ".join(rendered.split())).rstrip(";,."))
        provenance.append(used(clause, lang))
    if problems:
        raise SheetInvalid(sheet.source, problems)
    return texts, provenance


def assemble_documents(
    sheet: Sheet, library: ClauseLibrary, lang: str = "pl", kinds=DOCUMENT_ORDER
) -> dict[str, AssembledDocument]:
    """Assemble every document of a coalition, fully resolved, in memory."""
    # One context serves every document: the sandbox is immutable, so no template can change
    # what the next one sees.
    context = build_context(sheet.data, lang)
    goals, goal_provenance = render_goals(sheet, library, context, lang)
    context["chosen_goals"] = goals
    documents = {}
    with remembered_weights(context):  # the context is final from here on
        for kind in kinds:
            if not applies(kind, context):
                continue  # the declarations of support: only a coalition with supporters has them
            extra = goal_provenance if kind == "declaration" else ()
            outer = None
            if kind in ANNEXES:
                declaration = documents.get("declaration") or assemble_document(
                    "declaration", library, context, lang, goal_provenance
                )
                outer = declaration_numbers(declaration)
            documents[kind] = assemble_document(kind, library, context, lang, extra, outer)
    return documents


def declaration_numbers(declaration: AssembledDocument) -> dict[str, int | None]:
    """The declaration's § number of each of its clauses (None: an unnumbered section)."""
    return {section.clause_id: section.number for section in declaration.sections}
