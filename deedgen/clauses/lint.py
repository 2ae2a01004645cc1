"""Lint a clause library: every layer, every file, each finding with its file and line.

What is checked (the ``code`` of each finding, explained in ``docs/mentor-guide.md``):

- ``syntax``: front matter and metadata (from the parser); ``jinja-syntax``: the template;
- ``structure``: structure lines (``ust.``/``pkt.``/``lit.``/``tir.``/``wsp.``) and anchors;
- ``placeholder``/``attribute``/``filter``: names the data does not provide (``deedgen.context``),
  attribute paths missing from the sample sheets, unknown filters or tests;
- ``reference``/``anchor``/``fallback``: ``§[id#anchor]`` and ``fallback`` that point nowhere;
- ``language``: a missing or out-of-date language variant; ``translation-review``: a translation
  flagged by ``clause edit``;
- ``duplicate-id``, ``locked-override``, ``locked-removal``, ``required-removal``, ``removal``:
  the layering rules (from :func:`~deedgen.clauses.library.collect_library`);
- ``condition``: a condition that cannot be compiled or evaluated on the sample sheets;
- ``sandbox``: template code the sandbox refuses (private attributes, ``import``/``include``,
  mutating methods); ``render``: a clause that fails to render on a sample sheet;
- ``reference``/``anchor`` (per sheet): each sample sheet's documents assembled once, every
  reference checked against the numbers and anchors that sheet's document gives
  (:mod:`deedgen.clauses.lint_sheets`), naming the coalitions a failure would break;
- ``rejected``: a draft ``clause edit`` kept aside (``NAME.pl.txt.rejected``), to review or remove
  with ``clause clean --rejected``; ``translation-stale``: a Polish text saved after its English
  one (in an overlay), so the translation may be older;
- ``requires``: a ``requires:`` entry naming data that does not exist; ``folder``: a clause in
  a folder that is not its category;
- ``defined-term``, ``leaked-marker``: the text the clauses produce on the sample sheets — a
  defined term used before its definition, defined twice or paraphrased, a structure marker
  printed in the text (:mod:`deedgen.clauses.lint_terms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.authoring import rejected_drafts
from deedgen.clauses.data_model import DataModel, data_model
from deedgen.clauses.findings import ERROR, WARNING, clause_finding, clause_problem
from deedgen.clauses.front_matter import meta_line
from deedgen.clauses.library import ClauseLibrary, collect_library
from deedgen.clauses.lint_branches import UntestedBranch, untested_branches
from deedgen.clauses.lint_render import condition_findings, render_findings
from deedgen.clauses.lint_sheets import never_rendered, sheet_findings
from deedgen.clauses.lint_structure import language_findings, reference_findings, structure_findings
from deedgen.clauses.lint_template import template_findings
from deedgen.clauses.lint_terms import term_findings
from deedgen.clauses.messages import Said, said
from deedgen.clauses.model import Clause
from deedgen.document import DOCUMENT_ORDER
from deedgen.exceptions import EXIT_INVALID_INPUT, EXIT_OK, Location, Problem

SLOTS = (
    "intro",
    "team",
    "actions",
    "calendar",
    "promotion",
    "evaluation",
    "quarterly_form",
    "annual_form",
)


# --- the report --------------------------------------------------------------------------------


@dataclass
class LintReport:
    findings: list[Problem] = field(default_factory=list)
    clauses: int = 0
    layers: tuple = ()
    samples: tuple[str, ...] = ()
    never_rendered: tuple[str, ...] = ()  # document clauses no sample sheet selects
    untested_branches: tuple[UntestedBranch, ...] = ()  # the {% if %} branches no sheet takes

    @property
    def errors(self) -> list[Problem]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def exit_code(self) -> int:
        return EXIT_INVALID_INPUT if self.errors else EXIT_OK

    def sorted(self) -> list[Problem]:
        def key(f: Problem):
            loc = f.location
            return (loc.file or "" if loc else "", (loc.line or 0) if loc else 0, f.code)

        return sorted(self.findings, key=key)


def lint_library(
    overlays: Sequence[str | Path] = (),
    central: Path | None = None,
    *,
    model: DataModel | None = None,
) -> LintReport:
    """Lint every layer of the library (overlays most specific first, then central)."""
    library, findings = collect_library(overlays, central)
    model = model or data_model()
    every = list(library.clauses.values()) + [
        c for chain in library.replaced.values() for c in chain
    ]
    seen: set[str] = set()
    quiet: set[str] = set()  # clauses whose static errors the sheet check would only repeat
    for clause in every:
        if clause.source in seen:
            continue
        seen.add(clause.source)
        visible = library.clauses.get(clause.id) is clause
        # A visible clause of a document is rendered by sheet_findings, in the document each
        # sample sheet gets; the rest (goals, replaced clauses) are rendered on their own.
        in_documents = visible and bool(set(clause.documents) & set(DOCUMENT_ORDER))
        own = lint_clause(clause, library, model, references=visible, render=not in_documents)
        if visible and any(f.is_error for f in own):
            quiet.add(clause.id)
        findings.extend(own)
    findings.extend(override_findings(library))
    findings.extend(sheet_findings(library, model, frozenset(quiet)))
    findings.extend(rejected_findings(library))
    if not any(f.is_error for f in findings):  # the documents assemble only from sound clauses
        findings.extend(term_findings(library, model))
    return LintReport(
        findings=_dedupe(findings),
        clauses=len(seen),
        layers=library.layers,
        samples=tuple(dict.fromkeys(s for s, _, _ in model.samples)),
        never_rendered=tuple(never_rendered(library, model)),
        untested_branches=tuple(untested_branches(library, model)),
    )


_BASE = re.compile(r"(?P<layer>\S+) v(?P<version>\d+)$")


def override_findings(library: ClauseLibrary) -> list[Problem]:
    """Overrides to review: one whose version is not above the clause it replaces, and one made
    on an older version of that clause (its last change entry's ``base`` says so)."""
    findings = []
    for clause_id in sorted(set(library.clauses) | set(library.replaced)):
        visible = library.clauses.get(clause_id)
        chain = ([visible] if visible else []) + list(library.replaced.get(clause_id, ()))
        for upper, lower in zip(chain, chain[1:], strict=False):
            line = meta_line(upper.source, "version")
            if upper.version <= lower.version:
                findings.append(
                    clause_finding(
                        "override-version",
                        said(
                            "override_version",
                            version=upper.version,
                            layer=lower.layer,
                            below=lower.version,
                        ),
                        upper.source,
                        line,
                        upper,
                        WARNING,
                    )
                )
            bases = [c.get("base") for c in upper.changes if isinstance(c, dict) and c.get("base")]
            match = _BASE.match(str(bases[-1])) if bases else None
            if match and (match["layer"], int(match["version"])) != (lower.layer, lower.version):
                findings.append(
                    clause_finding(
                        "stale-override",
                        said(
                            "stale_override",
                            base=bases[-1],
                            layer=lower.layer,
                            below=lower.version,
                            clause=clause_id,
                        ),
                        upper.source,
                        meta_line(upper.source, "changes"),
                        upper,
                        WARNING,
                    )
                )
    return findings


def rejected_findings(library: ClauseLibrary) -> list[Problem]:
    """A draft ``clause edit`` kept aside (``NAME.pl.txt.rejected``): review it or remove it."""
    return [
        clause_problem(
            "rejected",
            said("rejected"),
            Location(file=str(path)),
            WARNING,
        )
        for path in rejected_drafts(library.layers)
    ]


def _dedupe(findings: Iterable[Problem]) -> list[Problem]:
    out, seen = [], set()
    for finding in findings:
        key = (finding.code, finding.message(), finding.location)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


# --- one clause --------------------------------------------------------------------------------


def lint_clause(
    clause: Clause,
    library: ClauseLibrary,
    model: DataModel,
    *,
    references: bool = True,
    render: bool = True,
) -> list[Problem]:
    """Every finding about one clause (all its language files); *references*: also check its
    cross-references and fallback against *library* (the clause as visible there); *render*:
    render it on each sample where its condition holds (off where the sheets' documents are
    assembled instead: :func:`~deedgen.clauses.lint_sheets.sheet_findings`)."""
    findings: list[Problem] = []
    findings += _metadata_findings(clause, library, model, references)
    texts_ok = {}
    for lang, text in clause.texts.items():
        own = template_findings(clause, text, model) + structure_findings(clause, text)
        findings += own
        if references:
            findings += reference_findings(clause, text, library)
        texts_ok[lang] = not any(f.is_error for f in own)
    central = any(layer.central and layer.name == clause.layer for layer in library.layers)
    findings += language_findings(clause, check_saved_times=not central)
    if (
        render
        and all(texts_ok.values())
        and not any(f.is_error and f.code == "condition" for f in findings)
    ):
        findings += render_findings(clause, model, texts_ok)
    return findings


def _metadata_findings(
    clause: Clause, library: ClauseLibrary, model: DataModel, references: bool
) -> list[Problem]:
    path = clause.source
    findings: list[Problem] = []

    def add(code: str, key: str, message: Said, severity: str = ERROR) -> None:
        findings.append(clause_finding(code, message, path, meta_line(path, key), clause, severity))

    folder = Path(path).parent.name
    if folder != clause.category and Path(path).parent != Path(clause.layer_dir):
        message = said("folder", category=clause.category, folder=folder)
        add("folder", "category", message, WARNING)
    # In the action plan and the forms a slot names a place in the template; in the declarations
    # any slot just makes the section unnumbered (e.g. "head" for the comparition and preamble).
    templated = "/".join(sorted({"action_plan", "evaluation_forms"} & set(clause.documents)))
    if clause.slot is not None and templated and clause.slot not in SLOTS:
        message = said("slot", slot=clause.slot, templated=templated, slots=", ".join(SLOTS))
        add("syntax", "slot", message)
    if clause.condition and clause.condition.strip().lower() == "false":
        add("draft", "condition", said("draft"), WARNING)
    if clause.condition:
        findings += condition_findings(clause, model)
    if references and clause.fallback:
        target = library.clauses.get(clause.fallback)
        if target is None:
            key = "fallback_removed" if clause.fallback in library.removed else "fallback_missing"
            add("fallback", "fallback", said(key, fallback=clause.fallback))
        elif not set(target.documents) & set(clause.documents):
            elsewhere = ", ".join(target.documents)
            message = said("fallback_elsewhere", fallback=clause.fallback, documents=elsewhere)
            add("fallback", "fallback", message, WARNING)
        if not clause.condition:
            add("fallback", "fallback", said("fallback_unused"), WARNING)
    for entry in clause.requires:
        head = entry.split(".")[0].split("[")[0]
        if head not in model.names:
            add("requires", "requires", said("requires", entry=entry, head=head))
    return findings
