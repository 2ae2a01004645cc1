"""Assemble documents: select clauses, render them, number §/ust./pkt/lit., resolve references.

    python -m deedgen.assemble SHEET [--lang pl|en] [--library DIR …]

prints the assembled text of every document (a quick check for clause authors).

Order of work, per document: select the clauses whose condition holds (or their fallback), render
each body in the sandbox, parse the structure lines into units, number them, resolve every
``§[id#anchor]`` to the numbers the target got in *this* document, then punctuate enumerations.
Everything is resolved before anything is written.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.model import Clause
from deedgen.context import build_context
from deedgen.document import (
    DOCUMENT_ORDER,
    DOCUMENT_TITLES,
    AssembledDocument,
    Section,
    Signatory,
    Unit,
    UsedClause,
)
from deedgen.exceptions import ClauseError, Location, Problem, SheetInvalid
from deedgen.polish import NBSP, typography
from deedgen.sheet.validate import Sheet
from deedgen.templating import DATA_RE, evaluate_condition, render_body, unmark

MARKER = re.compile(r"^(ust|pkt|lit|tir|wsp)\.(?:\[([A-Za-z0-9_\-\ue000\ue001]+)\])?(?:\s+|$)(.*)$")
REFERENCE = re.compile(r"§\[([a-z0-9_.]+)(?:#([A-Za-z0-9_\-]+))?\]")
# Text ending in an abbreviation keeps its full stop: "31 grudnia 2026 r." + ";" → "r.;".
ABBREVIATION_END = re.compile(
    r"(?:\b(?:r|ust|pkt|lit|nr|np|tj|itd|itp|ok|godz|im|al|ul|os|zł|gr|tzw|m\.in|j\.s\.t)\.)$"
)
CHILD = {"ust": "pkt", "pkt": "lit", "lit": "tir"}


# --- parsing rendered clause text into a unit tree --------------------------------------------


@dataclass
class Node:
    kind: str  # "ust", "pkt", "lit", "tir"
    text: str = ""
    anchor: str | None = None
    children: list[Node] = field(default_factory=list)
    closing: str | None = None  # część wspólna (ust only)


def parse_units(text: str, clause: Clause, lang: str) -> list[Node]:
    """Turn rendered clause text (structure lines) into a tree of ustępy."""
    where = Location(file=clause.text(lang).path)
    usts: list[Node] = []
    stack: list[Node] = []  # the currently open ust / pkt / lit / tir
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        match = MARKER.match(line) if not line.startswith("\ue000") else None
        if not match:
            if not stack:
                node = Node("ust", line)
                usts.append(node)
                stack = [node]
            else:
                target = stack[-1]
                if target.kind == "ust" and target.closing is not None:
                    target.closing = f"{target.closing} {line}"
                else:
                    target.text = f"{target.text} {line}".strip()
            continue
        kind, rest = match.group(1), match.group(3).strip()
        anchor = unmark(match.group(2)) if match.group(2) else None  # may be built in a loop
        if kind == "ust":
            node = Node("ust", rest, anchor)
            usts.append(node)
            stack = [node]
        elif kind == "wsp":
            if not stack or not stack[0].children:
                raise ClauseError(
                    f"clause {clause.id}: 'wsp.' closes an enumeration, but no 'pkt.' precedes it: {unmark(line)!r}",
                    location=where,
                )
            stack[0].closing = rest
            stack = stack[:1]
        else:
            parent_kind = {"pkt": "ust", "lit": "pkt", "tir": "lit"}[kind]
            if kind == "pkt" and not stack:
                implicit = Node("ust", "")
                usts.append(implicit)
                stack = [implicit]
            depth = ["ust", "pkt", "lit", "tir"].index(parent_kind)
            if len(stack) <= depth or stack[depth].kind != parent_kind:
                raise ClauseError(
                    f"clause {clause.id}: '{kind}.' must follow a '{parent_kind}.': {unmark(line)!r}",
                    location=where,
                )
            parent = stack[depth]
            if parent.kind == "ust" and parent.closing is not None:
                raise ClauseError(
                    f"clause {clause.id}: a 'pkt.' after the 'wsp.' closing part: {unmark(line)!r}",
                    location=where,
                )
            node = Node(kind, rest, anchor)
            parent.children.append(node)
            stack = [*stack[: depth + 1], node]
    return usts


# --- numbering, references, punctuation -----------------------------------------------------


@dataclass(frozen=True)
class Address:
    section: int | None
    ust: int | None = None
    pkt: int | None = None
    lit: str | None = None


def letter(index: int) -> str:
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _register(anchors, clause_id, node, address, where):
    if node.anchor:
        key = (clause_id, node.anchor)
        if key in anchors:
            raise ClauseError(
                f"clause {clause_id}: anchor [{node.anchor}] is used twice", location=where
            )
        anchors[key] = address


def number_anchors(clause_id: str, usts: list[Node], section: int | None, where) -> dict:
    anchors: dict = {}
    single = len(usts) == 1
    for u, ust in enumerate(usts, 1):
        ust_no = None if single else u
        _register(anchors, clause_id, ust, Address(section, ust_no), where)
        for p, pkt in enumerate(ust.children, 1):
            _register(anchors, clause_id, pkt, Address(section, ust_no, p), where)
            for li, lit in enumerate(pkt.children):
                _register(anchors, clause_id, lit, Address(section, ust_no, p, letter(li)), where)
    return anchors


UNIT_NAMES = {"pl": ("ust.", "pkt", "lit."), "en": ("para.", "point", "letter")}


def format_address(target: Address, here: int | None, lang: str = "pl") -> str:
    """§ 4 ust. 2 pkt 3 lit. a (just "ust. 2 pkt 3" inside § 4); English: § 4 para. 2 point 3."""
    ust, pkt, lit = UNIT_NAMES[lang]
    parts = []
    if target.section != here or (target.ust is None and target.pkt is None):
        parts.append(f"§{NBSP}{target.section}")
    if target.ust is not None:
        parts.append(f"{ust}{NBSP}{target.ust}")
    if target.pkt is not None:
        parts.append(f"{pkt}{NBSP}{target.pkt}")
    if target.lit is not None:
        parts.append(f"{lit}{NBSP}{target.lit}")
    return " ".join(parts)


def resolve_references(
    text: str,
    *,
    clause: Clause,
    here: int | None,
    sections: dict,
    anchors: dict,
    kind: str,
    lang: str,
) -> str:
    """Replace ``§[id#anchor]`` outside partner data with the target's numbers."""

    def substitute(match: re.Match) -> str:
        target_id, anchor = match.group(1), match.group(2)
        where = Location(file=clause.text(lang).path)
        if target_id not in sections:
            raise ClauseError(
                f"clause {clause.id} refers to §[{target_id}{'#' + anchor if anchor else ''}], but clause "
                f"{target_id} is not in the {kind} document (no layer has it, or its condition excluded it)",
                location=where,
            )
        if sections[target_id] is None:
            raise ClauseError(
                f"clause {clause.id} refers to {target_id}, which has no § number (a slot section)",
                location=where,
            )
        if anchor is None:
            return format_address(
                Address(sections[target_id]), here if here != sections[target_id] else None, lang
            )
        if (target_id, anchor) not in anchors:
            known = sorted(a for c, a in anchors if c == target_id)
            raise ClauseError(
                f"clause {clause.id} refers to §[{target_id}#{anchor}]: clause {target_id} has no anchor "
                f"[{anchor}] (anchors: {', '.join(known) or 'none'})",
                location=where,
            )
        return format_address(anchors[(target_id, anchor)], here, lang)

    if "§[" not in text:
        return text
    pieces, last = [], 0
    for data in DATA_RE.finditer(text):
        pieces.append(REFERENCE.sub(substitute, text[last : data.start()]))
        pieces.append(data.group())
        last = data.end()
    pieces.append(REFERENCE.sub(substitute, text[last:]))
    return "".join(pieces)


def punctuate(text: str, ending: str) -> str:
    """Give an enumeration item its ending; the author's own final ; , . are replaced."""
    text = text.rstrip()
    if ABBREVIATION_END.search(text):
        return text if ending == "." else text + ending
    text = re.sub(r"[;,.]+$", "", text).rstrip()
    return text + ending


def flatten(usts: list[Node], resolve) -> tuple[Unit, ...]:
    units: list[Unit] = []
    single = len(usts) == 1

    def items(nodes: list[Node], kind: str, parent_end: str) -> None:
        separator = ";" if kind == "pkt" else ","
        for i, node in enumerate(nodes):
            last = i == len(nodes) - 1
            end = parent_end if last else separator
            label = {"pkt": f"{i + 1})", "lit": f"{letter(i)})", "tir": "–"}[kind]
            text = resolve(node.text)
            if node.children:
                units.append(Unit(kind, label, unmark(text), node.anchor))
                items(node.children, CHILD[kind], end)
            else:
                units.append(Unit(kind, label, unmark(punctuate(text, end)), node.anchor))

    for u, ust in enumerate(usts, 1):
        label = "" if single else f"{u}."
        if ust.text or not ust.children:
            units.append(Unit("ust", label, unmark(resolve(ust.text)), ust.anchor))
        elif label:
            units.append(Unit("ust", label, "", ust.anchor))
        if ust.children:
            items(ust.children, "pkt", "" if ust.closing is not None else ".")
        if ust.closing is not None:
            units.append(Unit("wsp", "", "– " + unmark(resolve(ust.closing)).lstrip("–— ")))
    return tuple(Unit(u.kind, u.label, typography(u.text), u.anchor) for u in units)


# --- documents ----------------------------------------------------------------------------------


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


def assemble_document(
    kind: str, library: ClauseLibrary, context: dict, lang: str, extra_used=()
) -> AssembledDocument:
    clauses = select_clauses(library, kind, context, lang)
    trees = []
    for clause in clauses:
        rendered = render_clause(clause, context, lang)
        trees.append((clause, parse_units(rendered, clause, lang)))

    numbered = kind in ("preliminary", "declaration")
    numbers: dict[str, int | None] = {}
    anchors: dict = {}
    counter = 0
    for clause, usts in trees:
        number = None
        if numbered and not clause.slot:
            counter += 1
            number = counter
        numbers[clause.id] = number
        anchors.update(
            number_anchors(clause.id, usts, number, Location(file=clause.text(lang).path))
        )

    sections = []
    for clause, usts in trees:
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
            )

        sections.append(
            Section(
                clause_id=clause.id,
                title=clause.text(lang).title,
                units=flatten(usts, resolve),
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


def signatories(kind: str, context: dict, lang: str) -> tuple[Signatory, ...]:
    if kind == "declaration":
        parties = context["parties"]
    elif kind == "preliminary":
        parties = [context["gmina_party"]]
    else:
        return ()
    lines = [
        Signatory(
            party_id=p["id"], party_name=p["name"], person=r["name"], function=_function(p, r, lang)
        )
        for p in parties
        for r in p["representatives"]
    ]
    treasurer = context["treasurer"]
    if kind == "declaration" and context["gmina_contributes_money"] and treasurer:
        gmina = context["gmina_party"]
        lines.append(
            Signatory(
                party_id=gmina["id"],
                party_name=gmina["name"],
                person=treasurer["name"],
                function=treasurer["function"],
                role="countersignature",
            )
        )
    return tuple(lines)


def _function(party: dict, representative: dict, lang: str) -> str:
    """The signatory's function; a school's director signs under the executive's power of attorney."""
    power = party.get("power_of_attorney")
    if party["kind"] != "school" or not power:
        return representative["function"]
    from deedgen.polish import format_date

    if lang == "pl":
        return f"{representative['function']}, z pełnomocnictwa nr {power['number']} z dnia {format_date(power['date'], lang)}"
    return f"{representative['function']}, under power of attorney no. {power['number']} of {format_date(power['date'], lang)}"


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
    for kind in kinds:
        extra = goal_provenance if kind == "declaration" else ()
        documents[kind] = assemble_document(kind, library, context, lang, extra)
    return documents


def main(argv=None) -> None:
    import click

    from deedgen.clauses.library import load_library
    from deedgen.sheet.validate import read_sheet

    @click.command()
    @click.argument("sheet")
    @click.option("--lang", default="pl", type=click.Choice(["pl", "en"]))
    @click.option("--library", "libraries", multiple=True)
    def run(sheet, lang, libraries):
        documents = assemble_documents(read_sheet(sheet), load_library(libraries), lang)
        for document in documents.values():
            click.echo(f"===== {document.title} =====")
            click.echo(document.plain_text())
            for s in document.signatories:
                click.echo(f"  [{s.role}] {s.party_name}: {s.person}, {s.function}")
            click.echo()

    run(argv)


if __name__ == "__main__":
    main()
