"""What the cohort report shows of a coalition (its facts, each rule's status) and of an error
(one line per problem, each with its place)."""

from __future__ import annotations

import traceback
from decimal import Decimal
from pathlib import Path

from deedgen.batch.rows import MAX_ERRORS_PER_ROW
from deedgen.exceptions import DeedgenError, OutputError, Problem
from deedgen.social import is_social_action


def coalition_facts(sheet, report) -> dict:
    """Counts, money and each rule's status of a validated sheet (*report*: its compliance
    report, or None when the check could not run)."""
    data = sheet.data
    actions = data.get("actions") or []
    money = sum(
        (
            Decimal(c["amount"])
            for c in data.get("contributions") or []
            if c.get("amount") is not None
        ),
        Decimal(0),
    )
    replaced = [p for p in sheet.warnings if p.code == "cohort_mentor"]
    notices = [p for p in sheet.warnings if p.code != "cohort_mentor"]
    facts = {
        "terc": data["gmina"]["terc"],
        "gmina": data["gmina"]["name"],
        "coalition": data["coalition"]["name"],
        "parties": len(data.get("parties") or []),
        "actions": len(actions),
        "social_actions": sum(1 for action in actions if is_social_action(action)),
        "money": f"{money:.2f}",
        "warnings": len(sheet.warnings),
        "mentor": (data.get("mentor") or {}).get("name"),
        "mentor_email": (data.get("mentor") or {}).get("email"),
        "notices": [p.describe("pl") for p in notices][:MAX_ERRORS_PER_ROW],
        "mentor_replaced": next((p.message("pl") for p in replaced), None),
    }
    if report is not None:
        facts.update(rule_statuses(report))
    return facts


def rule_statuses(report) -> dict:
    failed, warned = set(report.failed_rules), set(report.warned_rules)
    return {
        "compliant": report.compliant,
        "rules": {
            rule.id: "fail" if rule.id in failed else "warning" if rule.id in warned else "pass"
            for rule in report.ruleset.rules
        },
    }


def describe_error(error: BaseException) -> list[str]:
    """An error as the report's lines: its problems one per line (each with its place), else
    its message line by line — a rule file's message names the file and line of each mistake."""
    problems = [
        p for p in getattr(error, "problems", ()) or () if isinstance(p, Problem) and p.is_error
    ]
    if problems:
        lines = [p.describe("pl") for p in problems]
    elif isinstance(error, DeedgenError):
        lines = [line.strip() for line in error.format_message().splitlines() if line.strip()]
    elif isinstance(error, OSError) and error.errno:  # the disk, not a bug
        folder = Path(error.filename).parent if error.filename else "OUTDIR/.deedgen-batch"
        lines = [OutputError.from_os(error, folder).format_message()]
    else:
        lines = [f"błąd wewnętrzny deedgen (internal error): {type(error).__name__}: {error}"]
    return lines[:MAX_ERRORS_PER_ROW]


def internal_traceback(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))[-4000:]


def refusal_lines(report) -> list[str]:
    """Why a coalition that fails the funding conditions was not built: the failed rules, then
    each failure's message."""
    failures = [f"{f.rule_id}: {f.message('pl')}" for f in report.failures()]
    if not failures:
        return []
    failing = set(report.failed_rules)
    failed = ", ".join(rule.id for rule in report.ruleset.rules if rule.id in failing)
    return [
        f"nie spełnia warunków finansowania ({failed}); z opcją --draft powstanie projekt oznaczony PROJEKT",
        *failures,
    ]
