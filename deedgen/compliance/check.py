"""Evaluate a rule set against a coalition: the validated sheet plus its assembled documents.

``run_check`` is the one entry point, for ``deedgen check`` and for ``deedgen build`` (which
refuses a non-compliant coalition, or marks a draft). It returns a :class:`ComplianceReport`:
plain data that renders as text, Markdown or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from deedgen.compliance.kinds import KINDS, Context
from deedgen.compliance.messages import Bilingual
from deedgen.compliance.model import Finding
from deedgen.compliance.rules import Rule, RuleSet, rules_for
from deedgen.document import AssembledDocument
from deedgen.sheet.validate import Sheet


@dataclass(frozen=True)
class ComplianceReport:
    """The outcome of checking one coalition against one rule set."""

    ruleset: RuleSet
    findings: tuple[Finding, ...]
    coalition: str
    edition: str  # the sheet's program edition
    source: str  # the partner sheet's file
    sheet_warnings: int = 0  # warnings of sheet validation (`deedgen validate` lists them)
    notes: tuple[Bilingual, ...] = ()

    @property
    def compliant(self) -> bool:
        """True when no rule of severity error is broken."""
        return not any(finding.status == "fail" for finding in self.findings)

    @property
    def ruleset_version(self) -> int:
        return self.ruleset.version

    @property
    def ruleset_sha256(self) -> str:
        return self.ruleset.sha256

    @property
    def ruleset_path(self) -> str:
        return self.ruleset.path

    def failures(self) -> list[Finding]:
        """The findings of error rules not met: what blocks funding (a draft lists them)."""
        return self.by_status("fail")

    def by_status(self, status: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.status == status]

    def rule_ids(self, status: str) -> list[str]:
        """Ids of the rules with findings of *status*, in rule-file order, each once."""
        return list(
            dict.fromkeys(finding.rule_id for finding in self.findings if finding.status == status)
        )

    @property
    def failed_rules(self) -> list[str]:
        return self.rule_ids("fail")

    @property
    def warned_rules(self) -> list[str]:
        return self.rule_ids("warning")

    @property
    def passed_rules(self) -> list[str]:
        return self.rule_ids("pass")

    def summary(self, lang: str = "pl") -> str:
        """One line: the verdict and the rules not met (for NotCompliant and logs)."""
        from deedgen.compliance.report import verdict_line

        return verdict_line(self, lang)

    def as_dict(self) -> dict:
        from deedgen.compliance.report import as_dict

        return as_dict(self)

    def to_json(self) -> str:
        from deedgen.manifest import pretty_json

        return pretty_json(self.as_dict()).decode("utf-8").rstrip("\n")

    def to_text(self, lang: str = "pl") -> str:
        from deedgen.compliance.report import to_text

        return to_text(self, lang)

    def to_markdown(self, lang: str = "pl") -> str:
        from deedgen.compliance.report import to_markdown

        return to_markdown(self, lang)


def run_check(
    sheet: Sheet,
    documents: Mapping[str, AssembledDocument],
    rules_path: Path | None = None,
    *,
    library=None,
    rules: RuleSet | None = None,
) -> ComplianceReport:
    """Check a coalition against the funding conditions.

    The rule set is *rules* if given, else the file *rules_path*, else the rule set of the
    sheet's program edition (``schemas/funding-rules/<coalition.edition>.yaml``). *library*
    (the clause library the documents were assembled from) lets the report explain why a
    required clause is missing.
    """
    edition = sheet.data["coalition"]["edition"]
    if rules is None:  # a batch passes the rule set it loaded once
        rules = rules_for(rules_path, edition)
    context = Context(sheet=sheet, documents=documents, library=library)
    findings = [finding for rule in rules.rules for finding in evaluate_rule(rule, context)]
    notes = []
    if rules.edition != edition:
        notes.append(
            Bilingual(
                f"Uwaga: reguły edycji {rules.edition}, a arkusz dotyczy edycji {edition}.",
                f"Note: the rules are for edition {rules.edition}, the sheet is for edition {edition}.",
            )
        )
    return ComplianceReport(
        ruleset=rules,
        findings=tuple(findings),
        coalition=sheet.name,
        edition=edition,
        source=sheet.source,
        sheet_warnings=len(sheet.warnings),
        notes=tuple(notes),
    )


def evaluate_rule(rule: Rule, context: Context) -> list[Finding]:
    """The findings of one rule: one per issue, or one passing finding."""
    try:
        issues = KINDS[rule.kind].check(context, rule.params)
    except Exception as exc:  # a bug in a kind: name the rule, keep the cause
        raise RuntimeError(f"rule '{rule.id}' (kind {rule.kind}) failed: {exc}") from exc
    failing = [issue for issue in issues if not issue.ok]
    if failing:
        status = "fail" if rule.severity == "error" else "warning"
        chosen = failing
    else:
        status, chosen = "pass", (issues[:1] or [None])
    findings = []
    for issue in chosen:
        findings.append(
            Finding(
                rule_id=rule.id,
                kind=rule.kind,
                severity=rule.severity,
                status=status,
                code=issue.code if issue else "rule_met",
                params=issue.params if issue else {},
                places=issue.places if issue else (),
                description=rule.description,
                hint=rule.hint,
            )
        )
    return findings


def check_sheet_file(
    sheet_path: str | Path,
    *,
    rules_path: str | Path | None = None,
    library_selection=None,
    lang: str = "pl",
) -> ComplianceReport:
    """``deedgen check`` as a function: read and validate the sheet, load the rules, assemble the
    documents in *lang*, evaluate. Raises :class:`SheetInvalid`, :class:`RulesError`,
    :class:`ClauseError` on bad input (exit code 2)."""
    from deedgen.assemble import assemble_documents
    from deedgen.sheet.validate import read_sheet

    sheet = read_sheet(sheet_path)
    # the rules before the documents: a broken rule file is reported without assembling anything
    rules = rules_for(rules_path, sheet.data["coalition"]["edition"])
    if library_selection is None:
        from deedgen.clauses.library import load_library

        library = load_library()
    else:
        library = library_selection.load()
    documents = assemble_documents(sheet, library, lang)
    return run_check(sheet, documents, library=library, rules=rules)
