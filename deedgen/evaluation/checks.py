"""A filled report checked on its own (required values, the presentation's details, postponed
micro-successes) and against the coalition's plan: a reported micro-success must be planned for
its action and quarter, or be marked as new; actions and partners must exist in the sheet."""

from __future__ import annotations

from deedgen.evaluation import layout as lay
from deedgen.evaluation.period import Period, quarter_index, quarter_period
from deedgen.evaluation.planned import Plan
from deedgen.evaluation.reader import FilledReport


def check_report(report: FilledReport, plan: Plan) -> None:
    """Add every problem of *report* (read without its own errors) to ``report.problems``."""
    period = report.period
    if report.terc != plan.terc:
        cell = report.form_cells[lay.INFO.name].get("terc")
        report.add("other_coalition", lay.INFO.name, cell, found=report.terc, expected=plan.terc)
        return
    _check_required(report, period)
    _check_info(report, plan, period)
    _check_micro(report, plan, period)
    _check_references(report, plan)


def _check_required(report: FilledReport, period: Period) -> None:
    for layout in lay.sheets_for(period.annual):
        if layout.form:
            if layout.name not in report.forms:
                continue  # the missing sheet is reported already
            values, cells = report.forms[layout.name], report.form_cells[layout.name]
            for col in layout.columns:
                if col.required and col.key not in values and not _was_wrong(report, layout, col):
                    report.add("required", layout.name, cells.get(col.key), col.key)
            continue
        for row in report.tables.get(layout.name, []):
            for col in layout.columns:
                cell = row.cells.get(col.key)
                missing = col.required and row.get(col.key) is None and cell is not None
                if missing and not _cell_reported(report, layout.name, cell):
                    report.add("required", layout.name, cell, col.key)


def _was_wrong(report: FilledReport, layout: lay.SheetLayout, col: lay.Col) -> bool:
    cell = report.form_cells[layout.name].get(col.key)
    return cell is not None and _cell_reported(report, layout.name, cell)


def _cell_reported(report: FilledReport, sheet: str, cell: str) -> bool:
    return any(
        p.location and p.location.sheet == sheet and p.location.cell == cell
        for p in report.problems
    )


def _check_info(report: FilledReport, plan: Plan, period: Period) -> None:
    info, cells = report.info, report.form_cells[lay.INFO.name]
    kind = info.get("kind")
    expected = lay.KIND_ANNUAL if period.annual else lay.KIND_QUARTERLY
    if kind is not None and kind.casefold() != expected:
        report.add("wrong_kind", lay.INFO.name, cells.get("kind"), found=kind, period=period.name)
    if info.get("sheet_sha256") and info["sheet_sha256"] != plan.sheet_sha256:
        report.add("sheet_changed", lay.INFO.name, cells.get("sheet_sha256"), severity="warning")
    if info.get("presentation_held") and not (
        info.get("presentation_date") and info.get("presentation_audience")
    ):
        where = cells.get("presentation_date") or cells.get("presentation_held")
        report.add("presentation_details", lay.INFO.name, where, severity="warning")


def _check_micro(report: FilledReport, plan: Plan, period: Period) -> None:
    sheet = lay.MICRO.name
    seen: dict[tuple[str, str], str] = {}
    known = ", ".join(plan.actions) or "—"
    for row in report.tables.get(sheet, []):
        action, quarter = row.get("action"), row.get("quarter")
        cell = row.cells.get
        if action is not None and action not in plan.actions:
            report.add("unknown_action", sheet, cell("action"), found=action, expected=known)
            continue
        if action is None or quarter is None:
            continue
        if quarter not in period.quarters:
            expected = ", ".join(period.quarters)
            report.add("outside_period", sheet, cell("quarter"), found=quarter, expected=expected)
            continue
        key = (action, quarter)
        if key in seen and not row.get("new"):
            report.add(
                "duplicate_micro",
                sheet,
                cell("action"),
                action=action,
                quarter=quarter,
                first=seen[key],
            )
        seen.setdefault(key, cell("action"))
        if row.get("new"):
            if not row.get("description"):
                report.add("new_needs_description", sheet, cell("description"))
        elif plan.planned(action, quarter) is None:
            report.add(
                "not_planned", sheet, cell("new") or cell("action"), action=action, quarter=quarter
            )
        _check_status(report, row, quarter)
    for micro in plan.micro_in(period):
        if (micro.action, micro.quarter) not in seen:
            report.add(
                "planned_missing",
                sheet,
                None,
                action=micro.action,
                quarter=micro.quarter,
                severity="warning",
            )


def _check_status(report: FilledReport, row, quarter: str) -> None:
    sheet, cell = lay.MICRO.name, row.cells.get
    status, moved = row.get("status"), row.get("moved_to")
    if status == "przesunięte":
        if moved is None:
            if not _cell_reported(report, sheet, cell("moved_to") or ""):
                report.add("moved_to_required", sheet, cell("moved_to") or cell("status"))
        elif quarter_index(moved) <= quarter_index(quarter):
            report.add("moved_backwards", sheet, cell("moved_to"), found=moved, quarter=quarter)
    day = row.get("date")
    if day is not None and status in lay.ACHIEVED and not quarter_period(quarter).contains(day):
        report.add(
            "date_outside",
            sheet,
            cell("date"),
            found=day.isoformat(),
            quarter=quarter,
            severity="warning",
        )


def _check_references(report: FilledReport, plan: Plan) -> None:
    known = ", ".join(plan.parties) or "—"
    for row in report.tables.get(lay.MICRO.name, []):
        for party in _split(row.get("partners")):
            if party not in plan.parties:
                report.add(
                    "unknown_party",
                    lay.MICRO.name,
                    row.cells.get("partners"),
                    found=party,
                    expected=known,
                )


def _split(text: str | None) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def check_lateness(report: FilledReport, plan: Plan) -> bool:
    """True (and a warning) when the report was prepared after its deadline."""
    period, prepared = report.period, report.info.get("prepared_on")
    deadline = period.deadline(plan.evaluation_month)
    if prepared is None or prepared <= deadline:
        return False
    cell = report.form_cells[lay.INFO.name].get("prepared_on")
    report.add(
        "prepared_late",
        lay.INFO.name,
        cell,
        found=prepared.isoformat(),
        deadline=deadline.isoformat(),
        severity="warning",
    )
    return True
