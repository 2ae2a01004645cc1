"""The cohort evaluation as plain rows: one per coalition, one per quarter of the cohort, and the
Polish words they need (plural forms from babel's CLDR rules, Polish alphabetical order). The
JSON, XLSX and HTML writers all read these rows, so the three say the same."""

from __future__ import annotations

from deedgen.evaluation.facts import (
    COALITION_LABELS,
    INVALID,
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    REPORT_LABELS,
    SUBMITTED,
    CoalitionEvaluation,
)

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_ORDER = {letter: index for index, letter in enumerate(POLISH_ALPHABET)}


def collation_key(text: str) -> tuple:
    """Sort key in Polish alphabetical order (ą after a, ł after l, ź and ż after z)."""
    folded = text.casefold()
    return tuple(_ORDER.get(ch, 100 + ord(ch)) for ch in folded), text


def coalition_row(c: CoalitionEvaluation) -> dict:
    quarters = [q for q in c.quarters if q.status in (SUBMITTED, LATE)]
    latest_year = max(c.social_by_year, default=None)
    return {
        "terc": c.terc,
        "gmina": c.gmina,
        "coalition": c.coalition,
        "sheet": c.sheet,
        "status": c.status,
        "status_label": COALITION_LABELS.get(c.status, c.status),
        "at_risk": c.at_risk,
        "risks": [r["text"] for r in c.risks],
        "risk_codes": [r["code"] for r in c.risks],
        "reports": c.reports,
        "due": sum(q.status != NOT_DUE for q in c.quarters),
        "missing": [q.quarter for q in c.quarters if q.status == MISSING],
        "late": [q.quarter for q in c.quarters if q.status == LATE],
        "invalid": [q.quarter for q in c.quarters if q.status == INVALID],
        "planned": sum(q.planned for q in c.quarters if q.status != NOT_DUE),
        "achieved": sum(q.achieved for q in quarters),
        "partial": sum(q.partial for q in quarters),
        "new": sum(q.new for q in quarters),
        "presentations_missing": [q.quarter for q in quarters if q.presentation is False],
        "social_year": latest_year,
        "social_delivered": len(c.social_by_year.get(latest_year, [])) if latest_year else 0,
        "social_ids": c.social_by_year.get(latest_year, []) if latest_year else [],
        "social_min": c.social_min,
        "social_required": c.social_required.get(latest_year, c.social_min)
        if latest_year
        else c.social_min,
        "errors": c.errors,
        "problems": c.problems,
        "changes": c.changes,
        "funding": c.funding,
        "quarters": [
            {
                "quarter": q.quarter,
                "status": q.status,
                "status_label": REPORT_LABELS[q.status],
                "report": q.report,
                "planned": q.planned,
                "achieved": q.achieved,
                "partial": q.partial,
                "not_done": q.not_done,
                "moved": q.moved,
                "new": q.new,
                "presentation": q.presentation,
                "social": list(q.social),
            }
            for q in c.quarters
        ],
        "annual": {str(year): facts for year, facts in c.annual.items()},
    }


def quarter_totals(rows: list[dict]) -> list[dict]:
    """Per quarter of the cohort: reports by status and micro-successes planned against done."""
    totals: dict[str, dict] = {}
    for row in rows:
        for q in row["quarters"]:
            t = totals.setdefault(
                q["quarter"],
                {"quarter": q["quarter"], **dict.fromkeys(REPORT_LABELS, 0)}
                | dict.fromkeys(("planned", "achieved", "partial", "not_done", "moved", "new"), 0),
            )
            t[q["status"]] += 1
            if q["status"] != NOT_DUE:
                t["planned"] += q["planned"]
            if q["status"] in (SUBMITTED, LATE):
                for key in ("achieved", "partial", "not_done", "moved", "new"):
                    t[key] += q[key]
    return [totals[key] for key in sorted(totals)]


def status_counts(rows: list[dict]) -> dict:
    counts = {status: 0 for status in (ON_TIME, LATE, INVALID, NOT_DUE)}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    counts["at_risk"] = sum(row["at_risk"] for row in rows)
    return counts


def sorted_rows(coalitions: list[CoalitionEvaluation]) -> list[dict]:
    rows = [coalition_row(c) for c in coalitions]
    rows.sort(key=lambda r: collation_key(r["gmina"] or r["sheet"]))
    return rows
