"""Plan one coalition's build in memory: select and assemble the clauses, check the funding
conditions, render every DOCX — nothing is written (mkdocs' "first gather all, then write").

    load → validate → select clauses → assemble → check → render DOCX   (here, in memory)
    convert PDF → package → manifest → move into place                   (deedgen.pipeline.write)

Everything that can fail on bad input (the sheet, the clauses, references, the rules, the check)
fails here, before a single file is touched. The studio previews a plan; ``build`` writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import ClauseLibrary
from deedgen.compliance.check import ComplianceReport, run_check
from deedgen.compliance.rules import RuleSet, load_rule_file, rules_path_for
from deedgen.document import AssembledDocument
from deedgen.exceptions import NotCompliant
from deedgen.manifest import clause_record, sha256_bytes
from deedgen.naming import output_name
from deedgen.options import BuildOptions
from deedgen.render.docx import render_docx
from deedgen.sheet.validate import Sheet


@dataclass(frozen=True)
class RenderedDocx:
    """One document rendered to DOCX bytes, with what the manifest records of it."""

    kind: str
    lang: str
    title: str
    data: bytes
    clauses: tuple[dict, ...]  # manifest.clause_record of each clause used

    @property
    def name(self) -> str:
        return output_name(self.kind, self.lang, "docx")

    @property
    def pdf_name(self) -> str:
        return output_name(self.kind, self.lang, "pdf")

    @cached_property
    def sha256(self) -> str:
        return sha256_bytes(self.data)


@dataclass(frozen=True)
class BuildPlan:
    """A coalition assembled, checked and rendered to DOCX, in memory; ``write`` makes files."""

    sheet: Sheet
    options: BuildOptions
    library: ClauseLibrary
    documents: Mapping[str, Mapping[str, AssembledDocument]]  # lang → kind → document
    report: ComplianceReport
    docx: tuple[RenderedDocx, ...]  # in order: language, then DOCUMENT_ORDER

    @property
    def draft(self) -> bool:
        """Built although the funding conditions fail (only with ``--draft``)."""
        return not self.report.compliant

    @property
    def coalition(self) -> str:
        return self.sheet.data["coalition"]["name"]

    def findings(self, lang: str) -> list[str]:
        """What a draft appends to its documents: each failed funding condition, in *lang*."""
        return findings_of(self.report, lang)


def findings_of(report: ComplianceReport, lang: str) -> list[str]:
    return [f.message(lang) for f in report.failures()] if not report.compliant else []


def resolve_rules(sheet: Sheet, options: BuildOptions) -> RuleSet:
    """The rule set of ``--rules``, else the one of the sheet's program edition."""
    if options.rules is not None:
        return load_rule_file(options.rules)
    return load_rule_file(rules_path_for(sheet.data["coalition"]["edition"]))


def check_conditions(sheet: Sheet, library: ClauseLibrary, rules: RuleSet) -> ComplianceReport:
    """The funding conditions of a coalition alone: its Polish documents assembled and checked,
    nothing rendered (what validation as you type needs: a third of a whole plan's time)."""
    return run_check(sheet, assemble_documents(sheet, library, "pl"), library=library, rules=rules)


def plan(
    sheet: Sheet,
    options: BuildOptions | None = None,
    *,
    library: ClauseLibrary | None = None,
    rules: RuleSet | None = None,
) -> BuildPlan:
    """Assemble every document in every language, check the funding conditions and render the
    DOCX bytes. A caller that builds many coalitions passes the *library* and *rules* it loaded
    once; otherwise they come from *options*. Raises NotCompliant for a coalition that fails the
    conditions, unless ``options.draft``."""
    options = options or BuildOptions()
    library = library if library is not None else options.library.load()
    rules = rules if rules is not None else resolve_rules(sheet, options)
    documents = {lang: assemble_documents(sheet, library, lang) for lang in options.langs}
    polish = documents.get("pl") or assemble_documents(sheet, library, "pl")
    report = run_check(sheet, polish, library=library, rules=rules)
    if not report.compliant and not options.draft:
        raise NotCompliant(report.to_text("pl"), report=report)
    draft = not report.compliant
    rendered = []
    for lang, docs in documents.items():
        # a draft: every page is marked, the findings appended
        findings = findings_of(report, lang)
        for kind, document in docs.items():  # the coalition's own, in DOCUMENT_ORDER
            data = render_docx(
                document, draft=draft, findings=findings, template_dir=options.template_dir
            )
            records = tuple(clause_record(c, library) for c in document.clauses)
            rendered.append(RenderedDocx(kind, lang, document.title, data, records))
    return BuildPlan(sheet, options, library, documents, report, tuple(rendered))
