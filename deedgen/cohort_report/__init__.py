"""The cohort report: ``summary.json``, ``summary.html`` and ``summary.xlsx`` in the batch's
output folder, one row per coalition.

A row says what happened to the coalition (``built``, ``draft``, ``skipped-unchanged``,
``failed``, or ``pending`` when an interrupted batch did not reach it), its compliance with each
funding rule (a column per rule: pass / fail / warning), its number of parties, actions and
social actions, the money its parties declare, links (relative to the report) to its documents
and bundle, and the errors of a failed one. The head says how many coalitions failed (the
batch's exit code is then 1). A last part lists the clause changes since the previous batch —
the effect of a regional overlay — and which coalitions they reached.

The page and the workbook list the rows by gmina in Polish alphabetical order (Łąka after
Lipowiec); ``summary.json`` keeps the cohort's order. A cohort workbook's mentor and remarks
(Uwagi) have their own columns, beside the reason of the build; a TERC code listed by two
coalitions is flagged on both rows and in the head.

The rows are streamed from the batch's spool (never all in memory) and every file is written
to a temporary name beside its place and renamed over it (:mod:`deedgen.fsutil`, with the
usual permissions), so a reader never sees half a report. The HTML page is in
:mod:`.html_page`, the workbook in :mod:`.workbook`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from deedgen.cohort_report.columns import STATUS_LABELS, polish_key
from deedgen.cohort_report.html_page import write_html
from deedgen.cohort_report.workbook import neutralize, write_xlsx
from deedgen.fsutil import atomic_write_with

__all__ = ["neutralize", "write_html", "write_json", "write_reports", "write_xlsx"]


def write_reports(outdir: Path, header: dict, spool, cohort=None) -> list[Path]:
    """Write the three reports from the rows of *spool* (a :class:`deedgen.batch.rows.RowSpool`);
    *cohort* (default: read again from ``header["cohort"]``) gives the workbook's remarks."""
    scan = _scan(spool.rows())
    changes = [
        {**c, "folders": sorted(f for f in c["folders"] if f)}
        for c in spool.clause_changes.values()
    ]
    changes.sort(key=lambda c: (c["clause"], c["change"]))
    context = {
        "header": header,
        "rules": scan["rules"],
        "counts": scan["counts"],
        "changes": changes,
        "duplicates": scan["duplicates"],
        "descriptions": _rule_descriptions(header),
    }
    remarks = _remarks(header, cohort)

    def rows(order=None):
        found = spool.rows() if order is None else _rows_in_order(spool, order)
        return (_with_cohort_facts(row, remarks, scan["duplicates"]) for row in found)

    writers = (
        ("summary.json", lambda path: write_json(path, context, rows())),
        ("summary.html", lambda path: write_html(path, context, rows(scan["order"]))),
        ("summary.xlsx", lambda path: write_xlsx(path, context, rows(scan["order"]))),
    )
    return [atomic_write_with(outdir / name, writer) for name, writer in writers]


def _scan(rows: Iterable[dict]) -> dict:
    """One pass over the rows: the rule columns, the counts, the TERC codes listed more than
    once ({terc: [sheet…]}) and the rows' order by gmina in Polish (then TERC, then sheet)."""
    rules: dict[str, None] = {}
    counts = dict.fromkeys(STATUS_LABELS, 0)
    tercs: dict[str, list[str]] = {}
    keys = []
    for row in rows:
        rules.update(dict.fromkeys(row.get("rules") or {}))
        counts[row["status"]] = counts.get(row["status"], 0) + 1
        if row.get("terc"):
            tercs.setdefault(str(row["terc"]), []).append(row.get("sheet") or "")
        name = row.get("gmina") or row.get("sheet") or ""
        keys.append((polish_key(name), str(row.get("terc") or ""), row["index"]))
    duplicates = {terc: sheets for terc, sheets in tercs.items() if len(sheets) > 1}
    order = [index for *_key, index in sorted(keys)]
    return {"rules": list(rules), "counts": counts, "duplicates": duplicates, "order": order}


def _rows_in_order(spool, order: list[int]) -> Iterator[dict]:
    """The spool's rows in *order* (row indexes), one line read at a time."""
    with open(spool.path, "rb") as reader:
        for index in order:
            reader.seek(spool.offsets[index])
            yield json.loads(reader.readline())


def _with_cohort_facts(row: dict, remarks: dict[int, str], duplicates: dict) -> dict:
    """The row with the workbook's remarks and, for a TERC listed twice, the other sheets."""
    extra = {}
    if remarks.get(row["index"]):
        extra["remarks"] = remarks[row["index"]]
    terc = str(row.get("terc") or "")
    if terc in duplicates:
        others = [s for s in duplicates[terc] if s != row.get("sheet")]
        extra["duplicate_terc"] = f"TERC {terc} powtarza się w kohorcie: także {', '.join(others)}"
    return {**row, **extra} if extra else row


def _remarks(header: dict, cohort) -> dict[int, str]:
    """Row index → the cohort workbook's remarks (Uwagi) on that coalition."""
    from deedgen.cohort import read_cohort
    from deedgen.exceptions import DeedgenError

    if cohort is None:
        source = Path(header.get("cohort") or "")
        if source.suffix.lower() != ".xlsx" or not source.is_file():
            return {}
        try:
            cohort = read_cohort(source)
        except DeedgenError:  # changed since the batch began: the report goes without remarks
            return {}
    return {index: entry.notes for index, entry in enumerate(cohort.entries) if entry.notes}


def _rule_descriptions(header: dict) -> dict[str, str]:
    """Rule id → its Polish description, from the batch's rule file (the tooltips)."""
    from deedgen.compliance.rules import load_rule_file
    from deedgen.exceptions import DeedgenError

    path = (header.get("rules") or {}).get("path")
    if not path:
        return {}
    try:
        rules = load_rule_file(Path(path))
    except (DeedgenError, OSError):
        return {}
    return {rule.id: rule.description.get("pl") or rule.id for rule in rules.rules}


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
