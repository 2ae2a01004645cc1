"""``deedgen evaluate``: read a folder of filled report workbooks (or the reports a cohort
workbook names), match each to its coalition's partner sheet, check it, and evaluate every
coalition.

The coalitions are those of the cohort workbook given as REPORTS, or of ``--cohort`` (a folder
of partner sheets or a cohort workbook, as ``deedgen batch`` reads them) — a coalition without a
report is then *late* once its report is due — or, without a cohort, the partner sheets the
reports name (the path ``report init`` recorded, relative to the report); see :mod:`.sources`.
Workbooks and sheets are read in parallel worker processes; only compact records travel back.
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
from deedgen.evaluation.sources import CohortRows, cohort_rows, named_sheets, report_files
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


def evaluate_reports(
    source: str | Path,
    *,
    cohort: str | Path | None = None,
    as_of: dt.date | None = None,
    jobs: int | None = None,
    rules: str | Path | None = None,
) -> EvaluationRun:
    """Evaluate the reports of *source*, a folder of reports or a cohort workbook naming them
    (see :mod:`.sources`); *rules* is a funding rule file (default: each sheet's edition's)."""
    source = Path(source).resolve()
    as_of = as_of or dt.date.today()
    listed = _listing(source, cohort)
    files = listed.files if listed is not None else report_files(source)
    with _Pool(len(files), jobs) as pool:
        reports = pool.map(_read_report_safe, files)
        if listed is not None:
            rows = listed
        else:
            rows = cohort_rows(cohort) if cohort else CohortRows(named_sheets(reports))
        plans = dict(zip(rows.sheets, pool.map(_read_plan_safe, rows.sheets), strict=True))
    plans.update(rows.invalid)
    grouped, unmatched = _match(reports, plans, listed.reports if listed else {})
    base = source.parent if listed is not None else source
    coalitions = []
    for sheet, plan in plans.items():
        coalition = _coalition(sheet, plan, grouped, as_of, base, rules)
        coalitions.append(_with_row_problems(coalition, rows.problems.get(sheet, [])))
    coalitions.sort(key=lambda c: (c.terc, c.sheet))
    if listed is not None and cohort is None:
        cohort = source
    return EvaluationRun(source, as_of, coalitions, unmatched, Path(cohort) if cohort else None)


def _listing(source: Path, cohort) -> CohortRows | None:
    """The cohort workbook *source* as the list of reports and coalitions; None for a folder."""
    if not source.is_file():
        return None
    if source.suffix.lower() != ".xlsx":
        raise InputError(
            f"{source.name}: podaj folder z raportami albo skoroszyt kohorty (.xlsx) z kolumną"
            " Raport"
        )
    if cohort is not None and Path(cohort).resolve() != source:
        raise InputError(
            f"{source.name}: skoroszyt kohorty wymienia już koalicje i ich raporty — pomiń"
            " --cohort albo podaj folder z raportami"
        )
    return cohort_rows(source, with_reports=True)


def _match(reports: list[FilledReport], plans: dict, row_of: dict[Path, Path]):
    """Each report checked against its coalition's plan and grouped by TERC: the coalition of
    the cohort row naming it, else the one of its TERC; the reports of no coalition apart."""
    by_terc = {p.terc: p for p in plans.values() if isinstance(p, Plan)}
    grouped: dict[str, list[FilledReport]] = {}
    unmatched = []
    for report in reports:
        plan = plans.get(row_of.get(report.source)) if report.period else None
        if not isinstance(plan, Plan):
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
    return grouped, unmatched


def _with_row_problems(coalition: CoalitionEvaluation, lines: list[tuple[str, str]]):
    """The coalition with what its cohort row gets wrong: invalid data, each line at its cell."""
    if lines:
        coalition.problems[:0] = [pl for pl, _en in lines]
        coalition.problems_en[:0] = [en for _pl, en in lines]
        coalition.errors += len(lines)
        coalition.status = INVALID
    return coalition


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
