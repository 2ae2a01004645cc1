"""``deedgen evaluate``: read a folder of filled report workbooks, match each to its coalition's
partner sheet by the gmina's TERC code, check it, and evaluate every coalition.

The coalitions are those of ``--cohort`` (a folder of partner sheets or a cohort workbook, as
``deedgen batch`` reads them) — a coalition without a report is then *late* once its report is
due — or, without a cohort, the partner sheets the reports name (the path ``report init``
recorded, relative to the report). Workbooks and sheets are read in parallel worker processes;
only compact records travel back.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.evaluation import layout as lay
from deedgen.evaluation.checks import check_lateness, check_report
from deedgen.evaluation.facts import INVALID, LATE, CoalitionEvaluation, evaluate_coalition
from deedgen.evaluation.planned import Plan, plan_of
from deedgen.evaluation.reader import FilledReport, read_report
from deedgen.exceptions import DeedgenError, InputError

PARALLEL_FROM = 24  # fewer files are read in this process: a pool costs more than it saves
DEFAULT_SOCIAL_MIN = 2


@dataclass
class EvaluationRun:
    source: Path
    as_of: dt.date
    coalitions: list[CoalitionEvaluation]
    unmatched: list[dict] = field(default_factory=list)  # {"file", "problems", "problems_en"}
    cohort: Path | None = None

    @property
    def exit_code(self) -> int:
        from deedgen.exceptions import EXIT_INVALID_INPUT, EXIT_NOT_COMPLIANT, EXIT_OK

        if self.unmatched or any(c.status == INVALID for c in self.coalitions):
            return EXIT_INVALID_INPUT
        if any(c.status == LATE or c.at_risk for c in self.coalitions):
            return EXIT_NOT_COMPLIANT
        return EXIT_OK


def report_files(folder: Path) -> list[Path]:
    """Every report workbook and report PDF under *folder* (Office lock files and hidden files
    skipped)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: nie ma takiego folderu z raportami")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in (".xlsx", ".pdf")
        and p.is_file()
        and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
    )


def evaluate_reports(
    folder: str | Path,
    *,
    cohort: str | Path | None = None,
    as_of: dt.date | None = None,
    jobs: int | None = None,
    rules: str | Path | None = None,
) -> EvaluationRun:
    """Evaluate the reports in *folder* (see the module's description); *rules* is a funding
    rule file (default: each sheet's edition's)."""
    folder = Path(folder).resolve()
    as_of = as_of or dt.date.today()
    files = report_files(folder)
    with _Pool(len(files), jobs) as pool:
        reports = pool.map(_read_report_safe, files)
        sheets = _cohort_sheets(cohort) if cohort else _named_sheets(reports)
        plans = dict(zip(sheets, pool.map(_read_plan_safe, sheets), strict=True))
    by_terc = {p.terc: p for p in plans.values() if isinstance(p, Plan)}
    grouped: dict[str, list[FilledReport]] = {}
    unmatched = []
    for report in reports:
        plan = by_terc.get(report.terc) if report.period else None
        if plan is None:
            if report.valid and report.terc:
                report.add("no_sheet", lay.INFO.name, None, found=report.terc)
            unmatched.append(_unmatched(report))
            continue
        if report.period is not None:
            check_report(report, plan)
            check_lateness(report, plan)
        grouped.setdefault(plan.terc, []).append(report)
    coalitions = [
        _coalition(sheet, plan, grouped, as_of, folder, rules) for sheet, plan in plans.items()
    ]
    coalitions.sort(key=lambda c: (c.terc, c.sheet))
    return EvaluationRun(folder, as_of, coalitions, unmatched, Path(cohort) if cohort else None)


def _coalition(sheet: Path, plan, grouped: dict, as_of: dt.date, folder: Path, rules_path):
    label = _label(sheet, folder)
    if not isinstance(plan, Plan):
        return CoalitionEvaluation(
            terc="",
            gmina="",
            coalition="",
            sheet=label,
            status=INVALID,
            problems=[pl for pl, _en in plan],
            problems_en=[en for _pl, en in plan],
            errors=len(plan),
        )
    rules = _rules(Path(rules_path) if rules_path else None, plan.edition)
    result = evaluate_coalition(plan, grouped.get(plan.terc, []), as_of, _social_min(rules), label)
    if rules is not None:
        result.funding = reported_findings(result, rules, as_of)
    return result


def _label(path: Path, folder: Path) -> str:
    import os

    return Path(os.path.relpath(path, folder)).as_posix()


def _unmatched(report: FilledReport) -> dict:
    return {
        "file": report.source.name,
        "terc": report.terc,
        "problems": [p.describe("pl") for p in report.problems],
        "problems_en": [p.describe("en") for p in report.problems],
    }


def _cohort_sheets(cohort: str | Path) -> list[Path]:
    """The partner sheets of the cohort (a folder, a cohort workbook, or one partner sheet)."""
    from deedgen.cohort import SHEET_SUFFIXES, CohortInvalid, read_cohort

    path = Path(cohort)
    if path.is_file() and path.suffix.lower() in SHEET_SUFFIXES and path.suffix != ".xlsx":
        return [path.resolve()]
    try:
        entries = read_cohort(path).entries
    except CohortInvalid as error:  # evaluate's own exit code for unusable input
        raise InputError(error.format_message()) from None
    return [entry.sheet for entry in entries if entry.problem is None]


def _named_sheets(reports: list[FilledReport]) -> list[Path]:
    """The partner sheets the reports name, each once: the path beside the report (as report
    init recorded it), else from the working folder; sheets not found are left out."""
    found: dict[Path, None] = {}
    for report in reports:
        name = report.info.get("sheet")
        if not name:
            continue
        for candidate in (report.source.parent / name, Path(name)):
            if candidate.is_file():
                found.setdefault(candidate.resolve(), None)
                break
    return list(found)


def _read_report_safe(path: Path) -> FilledReport:
    try:
        if path.suffix.lower() == ".pdf":
            from deedgen.evaluation.pdf_reader import read_pdf_report

            return read_pdf_report(path)
        return read_report(path)
    except DeedgenError as error:
        report = FilledReport(source=path)
        report.add("unreadable", lay.INFO.name, None, found=error.format_message())
        return report


def _read_plan_safe(path: Path):
    """The sheet's plan, or the sheet's errors as (Polish, English) lines (an invalid sheet fails
    its coalition)."""
    from deedgen.exceptions import SheetInvalid
    from deedgen.sheet.validate import read_sheet

    try:
        return plan_of(read_sheet(path))
    except SheetInvalid as error:
        errors = [p for p in error.problems if p.severity == "error"]
        return [(f"✗ {p.describe('pl')}", f"✗ {p.describe('en')}") for p in errors]
    except (DeedgenError, OSError) as error:
        message = error.format_message() if isinstance(error, DeedgenError) else str(error)
        return [(f"✗ {path.name}: {message}",) * 2]


@functools.cache
def _rules(path: Path | None, edition: str):
    """The rule set of the --rules file or of the edition, with the reported-facts kind
    registered; None when there is none (the evaluation then uses the default minimum)."""
    from deedgen.compliance.rules import rules_for

    try:
        return rules_for(path, edition)
    except DeedgenError:
        return None


def _social_min(rules) -> int:
    """The funding condition's least number of social actions, from the rule set."""
    found = [r.params["min"] for r in rules.rules if r.kind == "social_actions"] if rules else []
    return max(found) if found else DEFAULT_SOCIAL_MIN


def reported_findings(coalition: CoalitionEvaluation, rules, as_of: dt.date) -> list[dict]:
    """The findings of the rule set's reported-facts rules for an evaluated coalition: the
    social actions delivered in each year that has ended."""
    from deedgen.compliance.check import evaluate_rule
    from deedgen.compliance.messages import render
    from deedgen.evaluation.funding import KIND, ReportedContext
    from deedgen.evaluation.period import Period
    from deedgen.sheet.validate import Sheet

    plan = coalition.plan
    delivered = {
        year: tuple(ids)
        for year, ids in coalition.social_by_year.items()
        if Period(year).end < as_of
    }
    sheet = Sheet(data=plan.data, source=str(plan.sheet))
    context = ReportedContext(sheet=sheet, documents={}, delivered=delivered)
    return [
        {
            "rule": rule.id,
            "severity": rule.severity,
            "status": finding.status,
            "message": render(finding.code, finding.params, "pl"),
        }
        for rule in rules.rules
        if rule.kind == KIND
        for finding in evaluate_rule(rule, context)
    ]


class _Pool:
    """Worker processes for many files, the calling process for a few."""

    def __init__(self, count: int, jobs: int | None) -> None:
        from deedgen.fsutil import usable_cores

        workers = self.workers = jobs or usable_cores()
        # never fork the caller: a process with threads (a test runner, a server using deedgen
        # as a library) can leave a forked child waiting forever on a lock held at the fork
        linux = sys.platform.startswith("linux")
        context = multiprocessing.get_context("forkserver" if linux else "spawn")
        if linux:  # the workers fork from a server that has imported the readers once
            context.set_forkserver_preload([__name__])
        self.executor = (
            ProcessPoolExecutor(max_workers=workers, mp_context=context)
            if workers > 1 and count >= PARALLEL_FROM
            else None
        )

    def map(self, func, items) -> list:
        items = list(items)
        if self.executor is None:
            return [func(item) for item in items]
        chunk = max(1, len(items) // (self.workers * 8))
        return list(self.executor.map(func, items, chunksize=chunk))

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
