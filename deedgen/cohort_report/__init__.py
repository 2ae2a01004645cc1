"""The cohort report: ``summary.json``, ``summary.html`` and ``summary.xlsx`` in the batch's
output folder, one row per coalition.

A row says what happened to the coalition (``built``, ``draft``, ``skipped-unchanged``,
``failed``, or ``pending`` when an interrupted batch did not reach it), its compliance with each
funding rule (a column per rule: pass / fail / warning), its number of parties, actions and
social actions, the money its parties declare, links (relative to the report) to its documents
and bundle, and the errors of a failed one. The head says how many coalitions failed (the
batch's exit code is then 1). A last part lists the clause changes since the previous batch —
the effect of a regional overlay — and which coalitions they reached.

The rows are streamed from the batch's spool (never all in memory) and every file is written
to a temporary name beside its place and renamed over it (:mod:`deedgen.fsutil`, with the
usual permissions), so a reader never sees half a report. The HTML page is in
:mod:`.html_page`, the workbook in :mod:`.workbook`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from deedgen.cohort_report.columns import STATUS_LABELS
from deedgen.cohort_report.html_page import write_html
from deedgen.cohort_report.workbook import neutralize, write_xlsx
from deedgen.fsutil import atomic_write_with

__all__ = ["neutralize", "write_html", "write_json", "write_reports", "write_xlsx"]


def write_reports(outdir: Path, header: dict, spool) -> list[Path]:
    """Write the three reports from the rows of *spool* (a :class:`deedgen.batch.rows.RowSpool`)."""
    rules, counts = _rule_columns_and_counts(spool.rows())
    changes = [
        {**c, "folders": sorted(f for f in c["folders"] if f)}
        for c in spool.clause_changes.values()
    ]
    changes.sort(key=lambda c: (c["clause"], c["change"]))
    context = {"header": header, "rules": rules, "counts": counts, "changes": changes}
    writers = (
        ("summary.json", lambda path: write_json(path, context, spool.rows())),
        ("summary.html", lambda path: write_html(path, context, spool.rows())),
        ("summary.xlsx", lambda path: write_xlsx(path, context, spool.rows())),
    )
    return [atomic_write_with(outdir / name, writer) for name, writer in writers]


def _rule_columns_and_counts(rows: Iterable[dict]) -> tuple[list[str], dict[str, int]]:
    rules: dict[str, None] = {}
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        rules.update(dict.fromkeys(row.get("rules") or {}))
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return list(rules), counts


def write_json(path: Path, context: dict, rows: Iterator[dict]) -> None:
    head = {
        **context["header"],
        "counts": context["counts"],
        "rules": context["rules"],
        "clause_changes": [_change_summary(c) for c in context["changes"]],
    }
    with open(path, "w", encoding="utf-8") as out:
        text = json.dumps(head, ensure_ascii=False, indent=1)
        out.write(text[:-2] + ',\n "rows": [\n')  # the header object stays open for the rows
        for number, row in enumerate(rows):
            out.write(
                ("" if number == 0 else ",\n") + json.dumps(row, ensure_ascii=False, default=str)
            )
        out.write("\n ]\n}\n")


def _change_summary(change: dict) -> dict:
    return {
        "clause": change["clause"],
        "change": change["change"],
        "coalitions": len(change["folders"]),
        "folders": change["folders"],
    }
