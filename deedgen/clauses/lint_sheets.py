"""Lint the documents each sheet would get: every clause its declaration, action plan and forms
would hold, rendered for that sheet, with every ``§[id#anchor]`` checked against the numbers and
anchors of *that* document.

A reference to a clause whose condition is false for some coalitions passes the static check
(the clause exists) and fails the build of those coalitions; this check names them. Each sheet
(and language) is assembled once, the way :func:`deedgen.assemble.documents.assemble_document`
does it, but a failing clause is recorded and left out instead of stopping the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from deedgen.assemble.numbering import number_anchors
from deedgen.assemble.references import REFERENCE
from deedgen.assemble.units import parse_units
from deedgen.clauses.data_model import DataModel
from deedgen.clauses.findings import ERROR, clause_problem, from_error
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.messages import Said, both, said
from deedgen.clauses.model import Clause
from deedgen.document import ANNEXES, DOCUMENT_ORDER, NUMBERED_DOCUMENTS, applies
from deedgen.exceptions import ClauseError, Location, Problem
from deedgen.templating import DATA_RE, evaluate_condition, render_body

DOCUMENT_NAMES = {  # the Polish in the genitive ("nie ma w deklaracji partnerskiej")
    "preliminary": Said("deklaracji wstępnej", "preliminary declaration"),
    "declaration": Said("deklaracji partnerskiej", "partnership declaration"),
    "action_plan": Said("planu działań", "action plan"),
    "evaluation_forms": Said("formularzy ewaluacji", "evaluation forms"),
    "support": Said("deklaracji poparcia", "declarations of support"),
}


@dataclass(frozen=True)
class SheetFailure:
    """One way a clause breaks one sheet's build (the same failure on several sheets is one
    finding naming them all)."""

    code: str
    message: Said
    location: Location | None
    clause_id: str


def cohort_samples(cohort) -> tuple[list[tuple[str, str, dict]], list[Said]]:
    """The sample contexts of a cohort's sheets (pl and en) with what the cohort workbook sets in
    them (the mentor it assigns), as ``batch`` builds them; and a note for each row it skips."""
    from deedgen.cohort import apply_overrides
    from deedgen.context import build_context
    from deedgen.exceptions import DeedgenError
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet

    workbook = cohort.source if cohort.source.is_file() else None
    samples, notes = [], []
    for entry in cohort.entries:
        if entry.problem:
            why = entry.problem
            if hasattr(why, "en"):  # a cohort row's reason, in both languages
                why = Said(str(why), why.en)
            notes.append(said("lint_skipped_row", sheet=entry.label, why=why))
            continue
        try:
            raw = load_sheet(entry.sheet)
            apply_overrides(raw, entry, cohort.settings, workbook)
            data = validate_sheet(raw).data
        except DeedgenError:
            notes.append(said("lint_skipped_sheet", sheet=entry.label, path=entry.sheet))
            continue
        goals = ["(cel z menu celów)"]  # the goals' own texts are rendered on their own
        samples += [
            (str(entry.sheet), lang, build_context(data, lang, chosen_goals=goals))
            for lang in ("pl", "en")
        ]
    return samples, notes


def sheet_label(sheet: str, context: dict) -> str:
    """``Gmina Lipowiec (lipowiec.yaml)``: how a mentor recognises the coalition."""
    gmina = (context.get("gmina") or {}).get("name")
    name = Path(sheet).name
    return f"{gmina} ({name})" if gmina else name


def sheet_findings(
    library: ClauseLibrary, model: DataModel, quiet: frozenset[str] = frozenset()
) -> list[Problem]:
    """Every failure the build of the sample sheets would hit, one finding per failure, naming
    the coalitions it breaks. *quiet*: clauses whose render failures the static checks already
    reported (a syntax error, a name the data lacks)."""
    broken: dict[SheetFailure, list[str]] = {}
    for sheet, lang, context in model.samples:
        label = sheet_label(sheet, context)
        for failure in _document_failures(library, context, lang):
            if failure.code in ("render", "sandbox") and failure.clause_id in quiet:
                continue
            labels = broken.setdefault(failure, [])
            if label not in labels:
                labels.append(label)
    total = len({sheet for sheet, _, _ in model.samples})
    return [
        clause_problem(
            failure.code,
            said(
                "breaks_coalitions",
                message=failure.message,
                count=len(labels),
                total=total,
                labels=", ".join(labels),
            ),
            failure.location,
            ERROR,
            failure.clause_id,
        )
        for failure, labels in broken.items()
    ]


def edit_failures(
    clause_id: str, edited: ClauseLibrary, library: ClauseLibrary, model: DataModel
) -> list[Problem]:
    """What an edit of *clause_id* (*library* → *edited*) breaks in the sample sheets' documents:
    the clause itself (rendering, its references), and references of other clauses that held
    before (an anchor the edit removed)."""
    after = sheet_findings(edited, model)
    if all(f.subject == clause_id for f in after):
        return after
    before = {(f.code, f.message(), f.location) for f in sheet_findings(library, model)}
    return [
        f
        for f in after
        if f.subject == clause_id or (f.code, f.message(), f.location) not in before
    ]


def never_rendered(library: ClauseLibrary, model: DataModel) -> list[str]:
    """Ids of document clauses no sample sheet selects (their condition is false for every
    sheet), so no sheet rendered them."""
    if not model.samples:
        return []
    selected: set[str] = set()
    for _, lang, context in model.samples:
        for kind in (kind for kind in DOCUMENT_ORDER if applies(kind, context)):
            selected.update(c.id for c in _select(library, kind, context, lang))
    return sorted(
        c.id
        for c in library.clauses.values()
        if c.id not in selected and set(c.documents) & set(DOCUMENT_ORDER)
    )


def _document_failures(library: ClauseLibrary, context: dict, lang: str) -> Iterator[SheetFailure]:
    declaration: dict = {}  # the declaration's § numbers: an annex's references may name them
    for kind in (kind for kind in DOCUMENT_ORDER if applies(kind, context)):
        trees = []  # (clause, rendered text or None when it failed, its ustępy)
        for clause in _select(library, kind, context, lang):
            if lang not in clause.texts:  # the "language" finding's business; numbered still
                trees.append((clause, None, []))
                continue
            text = clause.texts[lang]
            try:
                rendered = render_body(
                    text.body,
                    context,
                    lang=lang,
                    path=text.path,
                    body_line=text.body_line,
                    clause_id=clause.id,
                )
                trees.append((clause, rendered, parse_units(rendered, clause, lang)))
            except ClauseError as error:
                trees.append((clause, None, []))  # numbered still, so the others' numbers hold
                yield _failure(error, clause)
        outer = declaration if kind in ANNEXES else {}
        document = _Document(kind, library, {}, {}, set(), outer)
        for clause, rendered, usts in trees:
            try:
                document.number(clause, usts, lang, failed=rendered is None)
            except ClauseError as error:
                yield _failure(error, clause)
        if kind == "declaration":
            declaration = document.numbers
        for clause, rendered, _ in trees:
            if rendered is not None:
                yield from document.reference_failures(clause, rendered, lang)


def _failure(error: ClauseError, clause: Clause) -> SheetFailure:
    code = "sandbox" if "sandbox" in error.message else "render"
    problem = from_error(error, code=code, clause_id=clause.id)
    return SheetFailure(code, both(problem), problem.location, clause.id)


def _select(library: ClauseLibrary, kind: str, context: dict, lang: str) -> list[Clause]:
    """The clauses of *kind* for this context, as the assembler selects them (a condition that
    cannot be evaluated leaves its clause out: the "condition" finding reports it)."""

    def holds(clause: Clause) -> bool:
        if not clause.condition:
            return True
        try:
            return evaluate_condition(
                clause.condition, context, lang=lang, path=clause.source, clause_id=clause.id
            )
        except ClauseError:
            return False

    chosen, seen = [], set()
    for clause in library.for_document(kind):
        picked = clause if holds(clause) else library.clauses.get(clause.fallback or "")
        if picked is not None and picked is not clause and not holds(picked):
            picked = None
        if picked is not None and picked.id not in seen:
            seen.add(picked.id)
            chosen.append(picked)
    return chosen


@dataclass
class _Document:
    """The numbers and anchors one sheet's document gave its clauses."""

    kind: str
    library: ClauseLibrary
    numbers: dict
    anchors: dict
    failed: set  # clauses that did not render: references to them are not judged
    outer: dict  # an annex's: the declaration's § numbers, which its references may name

    def number(self, clause: Clause, usts: list, lang: str, *, failed: bool) -> None:
        number = None
        if self.kind in NUMBERED_DOCUMENTS and not clause.slot:
            number = sum(1 for n in self.numbers.values() if n is not None) + 1
        self.numbers[clause.id] = number
        if failed:
            self.failed.add(clause.id)
            return
        where = Location(file=clause.text(lang).path)
        self.anchors.update(number_anchors(clause.id, usts, number, where))

    def reference_failures(self, clause: Clause, rendered: str, lang: str):
        text = clause.text(lang)
        outside_data = DATA_RE.sub("", rendered)
        for match in REFERENCE.finditer(outside_data):
            target_id, anchor = match.group(1), match.group(2)
            if target_id not in self.library.clauses or target_id in self.failed:
                continue  # no layer has it: the static "reference" finding says so
            if target_id not in self.numbers and anchor is None and self.outer.get(target_id):
                continue  # a § of the declaration, named in its annex
            why = self._why_unresolved(target_id, anchor, lang)
            if why is None:
                continue
            code, reason = why
            where = Location(file=text.path, line=_line_of(match.group(0), text))
            message = said("written", written=match.group(0), reason=reason)
            yield SheetFailure(code, message, where, clause.id)

    def _why_unresolved(self, target_id: str, anchor: str | None, lang: str):
        target = self.library.clauses[target_id]
        document = DOCUMENT_NAMES.get(self.kind, self.kind)
        if target_id not in self.numbers:
            if self.kind not in target.documents:
                documents = ", ".join(target.documents)
                return "reference", said(
                    "target_elsewhere", target=target_id, documents=documents, document=document
                )
            if not target.condition:
                return "reference", said("target_absent", target=target_id, document=document)
            instead = ""
            if target.fallback and target.fallback in self.numbers:
                instead = said("instead", fallback=target.fallback)
            return "reference", said(
                "target_excluded",
                target=target_id,
                document=document,
                condition=target.condition,
                instead=instead,
            )
        if self.numbers[target_id] is None:
            return "reference", said("target_unnumbered", target=target_id, slot=target.slot)
        if anchor is not None and (target_id, anchor) not in self.anchors:
            known = ", ".join(sorted(a for c, a in self.anchors if c == target_id))
            return "anchor", said(
                "target_anchor",
                document=document,
                target=target_id,
                anchor=anchor,
                known=known or said("none"),
            )
        return None


def _line_of(written: str, text) -> int:
    """The file line where *written* (``§[id#anchor]``) stands in the clause text (the first
    reference to the same clause when the written form was built by template code)."""
    lines = text.body.split("\n")
    for needle in (written, written.split("#")[0].rstrip("]")):
        for offset, line in enumerate(lines):
            if needle in line:
                return text.body_line + offset
    return text.body_line
