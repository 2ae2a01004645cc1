"""Lint a clause's condition and text against the sample sheets: the condition must compile and
evaluate, and the clause must render on every sample it applies to.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateSyntaxError

from deedgen.clauses.data_model import DataModel
from deedgen.clauses.findings import clause_finding, clause_problem, from_error
from deedgen.clauses.front_matter import meta_line
from deedgen.clauses.jinja_errors import render_error_message
from deedgen.clauses.lint_template import ast_findings
from deedgen.clauses.messages import Said, both, said
from deedgen.clauses.model import Clause
from deedgen.exceptions import ClauseError, Location, Problem
from deedgen.template_limits import RenderLimit


def condition_findings(clause: Clause, model: DataModel) -> list[Problem]:
    from deedgen.templating import environment

    path, line = clause.source, meta_line(clause.source, "condition")
    env = environment("pl")
    try:
        env.compile_expression(clause.condition)
        ast = env.parse("{{ (" + clause.condition + ") }}")
    except TemplateSyntaxError as exc:
        return [
            clause_finding(
                "condition",
                said("condition_syntax", condition=clause.condition, error=exc.message),
                path,
                line,
                clause,
            )
        ]
    findings = [
        clause_problem(
            code=f.code if f.code != "placeholder" else "condition",
            message=said("condition_name", message=both(f)),
            location=Location(file=path, line=line),
            severity=f.severity,
            clause_id=clause.id,
        )
        for f in ast_findings(ast, model, clause, path, lambda _: line)
    ]
    if any(f.is_error for f in findings):
        return findings
    for sheet, lang, context in model.samples:
        try:
            env.compile_expression(clause.condition, undefined_to_none=False)(**context)
        except Exception as exc:  # noqa: BLE001 - anything a condition raises is reported
            message = render_error_message(exc, clause.condition, 1, context, condition=True)
            if message is None and isinstance(exc, RenderLimit):  # its English too
                message = Said(str(exc), exc.english)
            message = message or getattr(exc, "message", None) or str(exc)
            findings.append(
                clause_finding(
                    "condition",
                    said(
                        "condition_fails",
                        condition=clause.condition,
                        sheet=Path(sheet).name,
                        lang=lang,
                        message=message,
                    ),
                    path,
                    line,
                    clause,
                )
            )
            break
    return findings


def render_findings(clause: Clause, model: DataModel, texts_ok: dict[str, bool]) -> list[Problem]:
    """Render every language on every sample where the condition holds (and parse the structure
    lines the way the assembler does)."""
    from deedgen.assemble import parse_units, render_clause

    findings: list[Problem] = []
    reported: set = set()
    env_condition = _condition_function(clause)
    for sheet, lang, context in model.samples:
        text = clause.texts.get(lang)
        if text is None or not texts_ok.get(lang):
            continue
        try:
            if env_condition is not None and not env_condition(**context):
                continue
        except Exception:  # noqa: BLE001 - already reported by the condition check
            continue
        try:
            rendered = render_clause(clause, context, lang)
            if "goal_menu" not in clause.documents:
                parse_units(rendered, clause, lang)
        except ClauseError as error:
            code = "sandbox" if "sandbox" in error.message else "render"
            finding = from_error(error, code=code, clause_id=clause.id)
            if (finding.message(), finding.location) in reported:
                continue  # the same failure on another sample sheet
            reported.add((finding.message(), finding.location))
            findings.append(
                clause_problem(
                    code=finding.code,
                    message=said(
                        "on_sample", message=both(finding), sheet=Path(sheet).name, lang=lang
                    ),
                    location=finding.location,
                    clause_id=clause.id,
                )
            )
    return findings


def _condition_function(clause: Clause):
    if not clause.condition:
        return None
    from deedgen.templating import environment

    try:
        return environment("pl").compile_expression(clause.condition, undefined_to_none=False)
    except TemplateSyntaxError:
        return None
