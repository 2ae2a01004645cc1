"""One coalition's evaluation: what its reports say per quarter and per year, its status (on
time, late, invalid) and the reasons it is at risk. Pure functions of the plan, the reports
(already read and checked) and the day of the evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from deedgen.evaluation import layout as lay
from deedgen.evaluation.period import Period, quarter_index, quarter_period
from deedgen.evaluation.planned import Plan
from deedgen.evaluation.reader import FilledReport
from deedgen.social import is_social_action

# Report statuses of one period, and the coalition statuses built from them.
SUBMITTED, LATE, INVALID, MISSING, NOT_DUE = "submitted", "late", "invalid", "missing", "not_due"
REPORT_LABELS = {
    SUBMITTED: "złożony w terminie",
    LATE: "złożony po terminie",
    INVALID: "z błędami",
    MISSING: "brak raportu",
    NOT_DUE: "przed terminem",
}
ON_TIME = "on_time"
COALITION_LABELS = {
    ON_TIME: "terminowo",
    LATE: "spóźniona",
    INVALID: "błędne dane",
    NOT_DUE: "przed terminem",
}
COALITION_LABELS_EN = {
    ON_TIME: "on time",
    LATE: "late",
    INVALID: "invalid data",
    NOT_DUE: "not yet due",
}


@dataclass
class QuarterFacts:
    quarter: str
    status: str  # one of REPORT_LABELS
    report: str | None = None  # the report's file name
    planned: int = 0
    achieved: int = 0  # zrealizowane
    partial: int = 0  # częściowo
    not_done: int = 0  # nie, or a planned micro-success without a row
    moved: int = 0  # przesunięte
    new: int = 0  # achieved (fully or partly) but not in the plan
    presentation: bool | None = None
    social: tuple[str, ...] = ()  # social actions with a micro-success achieved (fully or partly)

    @property
    def any_achieved(self) -> bool:
        return self.achieved + self.partial + self.new > 0


@dataclass
class CoalitionEvaluation:
    terc: str
    gmina: str
    coalition: str
    sheet: str
    status: str
    quarters: list[QuarterFacts] = field(default_factory=list)
    annual: dict = field(default_factory=dict)  # year → facts of the annual report
    social_by_year: dict = field(default_factory=dict)  # year → sorted social action ids
    social_min: int = 2  # the funding condition's minimum
    social_required: dict = field(default_factory=dict)  # year → min(minimum, social actions run)
    risks: list[dict] = field(default_factory=list)  # {"code", "text", "text_en"}
    problems: list[str] = field(default_factory=list)  # every report problem, described
    problems_en: list[str] = field(default_factory=list)  # the same, in English
    errors: int = 0
    reports: list[str] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)  # proposed plan changes
    funding: list[dict] = field(default_factory=list)  # findings of reported-facts rules
    plan: Plan | None = field(default=None, repr=False)
    sources: list[FilledReport] = field(default_factory=list, repr=False)  # the valid reports

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)


def quarter_facts(plan: Plan, quarter: str, report: FilledReport | None, due: bool) -> QuarterFacts:
    planned = [m for m in plan.micro if m.quarter == quarter]
    if report is None:
        return QuarterFacts(quarter, MISSING if due else NOT_DUE, planned=len(planned))
    facts = QuarterFacts(quarter, SUBMITTED, report.source.name, planned=len(planned))
    if not report.valid:
        facts.status = INVALID
        return facts
    if report.info.get("prepared_on") and report.info["prepared_on"] > report.period.deadline():
        facts.status = LATE
    rows = [r for r in report.tables.get(lay.MICRO.name, []) if r.get("quarter") == quarter]
    _count_rows(facts, plan, rows)
    facts.not_done += sum(
        1
        for m in planned
        if not any(r.get("action") == m.action and not r.get("new") for r in rows)
    )
    facts.presentation = report.info.get("presentation_held")
    return facts


def _count_rows(facts: QuarterFacts, plan: Plan, rows) -> None:
    social = set()
    for row in rows:
        status = row.get("status")
        if row.get("new"):
            facts.new += status in lay.ACHIEVED
        elif status == "zrealizowane":
            facts.achieved += 1
        elif status == "częściowo":
            facts.partial += 1
        elif status == "przesunięte":
            facts.moved += 1
        else:
            facts.not_done += 1
        action = plan.actions.get(row.get("action"))
        addresses = (action and (action.get("problem") or "").strip()) or row.get("problem")
        if status in lay.ACHIEVED and addresses and action:
            social.add(action["id"])
    facts.social = tuple(sorted(social))


def evaluate_coalition(
    plan: Plan, reports: list[FilledReport], as_of: dt.date, social_min: int, sheet_label: str
) -> CoalitionEvaluation:
    """The evaluation of one coalition from its (checked) reports."""
    by_period = {r.period.name: r for r in sorted(reports, key=lambda r: r.source.name)}
    result = CoalitionEvaluation(
        plan.terc, plan.gmina, plan.coalition, sheet_label, NOT_DUE, social_min=social_min
    )
    result.plan = plan
    result.sources = [r for r in reports if r.valid and r.period is not None]
    for quarter in plan.active_quarters():
        due = quarter_period(quarter).deadline() <= as_of
        if due or quarter in by_period:
            result.quarters.append(quarter_facts(plan, quarter, by_period.get(quarter), due))
    years = sorted({int(q[:4]) for q in plan.active_quarters()})
    for year in years:
        annual = by_period.get(str(year))
        due = Period(year).deadline(plan.evaluation_month) <= as_of
        if annual is not None or due:
            result.annual[year] = annual_facts(annual, due)
    _social_by_year(result, plan, by_period)
    _describe_reports(result, reports)
    result.status = coalition_status(result)
    result.risks = risks(result, plan, as_of)
    return result


def annual_facts(report: FilledReport | None, due: bool) -> dict:
    if report is None:
        return {"status": MISSING if due else NOT_DUE}
    facts = {"status": SUBMITTED if report.valid else INVALID, "report": report.source.name}
    if not report.valid:
        return facts
    if report.info.get("prepared_on") and report.info["prepared_on"] > report.period.deadline():
        facts["status"] = LATE
    goals = [r.get("progress") for r in report.tables.get(lay.GOALS.name, [])]
    delivered = [r.get("delivered") for r in report.tables.get(lay.CONTRIBUTIONS.name, [])]
    facts["goals"] = {p: goals.count(p) for p in lay.GOAL_PROGRESS}
    facts["contributions"] = {d: delivered.count(d) for d in lay.DELIVERED}
    facts["sustainability"] = dict(report.forms.get(lay.SUSTAINABILITY.name, {}))
    facts["conclusions"] = dict(report.forms.get(lay.CONCLUSIONS.name, {}))
    return facts


def _social_by_year(result: CoalitionEvaluation, plan: Plan, by_period: dict) -> None:
    years: dict[int, set] = {}
    for facts in result.quarters:
        years.setdefault(int(facts.quarter[:4]), set()).update(facts.social)
    for report in by_period.values():
        period = report.period
        if period.annual and report.valid:
            for quarter in period.quarters:
                years.setdefault(period.year, set()).update(
                    quarter_facts(plan, quarter, report, True).social
                )
    result.social_by_year = {year: sorted(ids) for year, ids in sorted(years.items())}


def _describe_reports(result: CoalitionEvaluation, reports: list[FilledReport]) -> None:
    for report in sorted(reports, key=lambda r: r.source.name):
        result.reports.append(report.source.name)
        result.errors += sum(p.severity == "error" for p in report.problems)
        for lang, lines in (("pl", result.problems), ("en", result.problems_en)):
            lines.extend(
                f"{'✗' if p.severity == 'error' else '!'} {p.describe(lang)}"
                for p in report.problems
            )
        if report.valid:
            for row in report.tables.get(lay.CHANGES.name, []):
                change = {
                    k: row.get(k) for k in ("action", "change", "description", "from_quarter")
                }
                result.changes.append({**change, "period": report.period.name})


def coalition_status(result: CoalitionEvaluation) -> str:
    statuses = [q.status for q in result.quarters] + [a["status"] for a in result.annual.values()]
    if INVALID in statuses:
        return INVALID
    if LATE in statuses or MISSING in statuses:
        return LATE
    return ON_TIME if any(s == SUBMITTED for s in statuses) else NOT_DUE


def risks(result: CoalitionEvaluation, plan: Plan, as_of: dt.date) -> list[dict]:
    """Why the coalition is at risk, each reason with its code, its Polish text and English."""
    found = []
    seen = [q for q in result.quarters if q.status in (SUBMITTED, LATE, MISSING)]
    for first, second in zip(seen, seen[1:], strict=False):
        consecutive = quarter_index(second.quarter) == quarter_index(first.quarter) + 1
        if consecutive and not first.any_achieved and not second.any_achieved:
            text = f"brak mikrosukcesu w dwóch kolejnych kwartałach: {first.quarter} i {second.quarter}"
            text_en = f"no micro-success in two consecutive quarters: {first.quarter} and {second.quarter}"
            found.append({"code": "no_micro_two_quarters", "text": text, "text_en": text_en})
            break
    missing = [
        q.quarter
        for q in result.quarters
        if q.status in (SUBMITTED, LATE) and q.presentation is False
    ]
    if missing:
        text = "brak kwartalnej prezentacji mikrosukcesów: " + ", ".join(missing)
        text_en = "no quarterly presentation of micro-successes: " + ", ".join(missing)
        found.append({"code": "no_presentation", "text": text, "text_en": text_en})
    for year in sorted({int(q[:4]) for q in plan.active_quarters()}):
        closed = Period(year).end < as_of or any(
            q.quarter == f"{year}-Q4" and q.status in (SUBMITTED, LATE) for q in result.quarters
        )
        delivered = len(result.social_by_year.get(year, []))
        required = result.social_required[year] = min(
            result.social_min, len(social_running(plan, year))
        )
        if closed and delivered < required:
            text = (
                f"działania społeczne zrealizowane w {year} r.: {delivered} z wymaganych {required}"
            )
            text_en = f"social actions delivered in {year}: {delivered} of the {required} required"
            found.append({"code": "social_behind", "text": text, "text_en": text_en, "year": year})
    return found


def social_running(plan: Plan, year: int) -> list[str]:
    """The plan's social actions that run in *year*."""
    return [a["id"] for a in plan.actions_in(Period(year)) if is_social_action(a)]
