"""Write the cohort evaluation: ``ewaluacja.json`` (for programs), ``ewaluacja.xlsx`` (for the
operator's spreadsheets) and ``ewaluacja.html`` (:mod:`.page`), each written atomically.

Text cells of the XLSX that a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``
or a tab/CR/LF first) get a leading apostrophe and are stored as text: a report's remarks are
the librarian's words, and must never run in the operator's spreadsheet."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from deedgen import __version__
from deedgen.evaluation.page import render_page
from deedgen.evaluation.summary import quarter_totals, sorted_rows, status_counts
from deedgen.fsutil import atomic_write_text, atomic_write_with

OUTPUT_NAMES = ("ewaluacja.json", "ewaluacja.html", "ewaluacja.xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_outputs(run, outdir: Path) -> list[Path]:
    """The three files of *run* (an :class:`~deedgen.evaluation.cohort.EvaluationRun`)."""
    rows = sorted_rows(run.coalitions)
    totals = quarter_totals(rows)
    counts = status_counts(rows)
    head = {
        "source": str(run.source),
        "cohort": str(run.cohort) if run.cohort else None,
        "as_of": run.as_of.isoformat(),
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "deedgen_version": __version__,
        "coalitions": len(rows),
        "counts": counts,
        "unmatched": run.unmatched,
        "exit_code": run.exit_code,
    }
    outdir.mkdir(parents=True, exist_ok=True)
    document = {**head, "quarters": totals, "rows": rows}
    atomic_write_text(
        outdir / "ewaluacja.json", json.dumps(document, ensure_ascii=False, indent=1, default=str)
    )
    atomic_write_text(outdir / "ewaluacja.html", render_page(head, rows, totals, counts))
    atomic_write_with(outdir / "ewaluacja.xlsx", lambda p: _write_xlsx(p, head, rows, totals))
    return [outdir / name for name in OUTPUT_NAMES]


def neutralize(value):
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


COALITION_COLUMNS = (
    ("status_label", "Status", 14),
    ("terc", "TERC", 10),
    ("gmina", "Gmina", 24),
    ("coalition", "Koalicja", 36),
    ("due", "Raporty wymagane", 10),
    ("missing", "Brakujące", 18),
    ("late", "Po terminie", 18),
    ("invalid", "Z błędami", 18),
    ("planned", "Mikrosukcesy zaplanowane", 12),
    ("achieved", "Zrealizowane", 12),
    ("partial", "Częściowo", 10),
    ("new", "Nowe", 8),
    ("presentations_missing", "Brak prezentacji", 18),
    ("social_delivered", "Działania społeczne", 10),
    ("social_min", "Minimum", 8),
    ("at_risk", "Zagrożona", 10),
    ("risks", "Powody zagrożenia", 60),
    ("problems", "Błędy i uwagi", 80),
    ("sheet", "Arkusz partnerów", 30),
)
QUARTER_COLUMNS = (
    ("quarter", "Kwartał"),
    ("submitted", "Złożone w terminie"),
    ("late", "Po terminie"),
    ("invalid", "Z błędami"),
    ("missing", "Brak"),
    ("planned", "Zaplanowane"),
    ("achieved", "Zrealizowane"),
    ("partial", "Częściowo"),
    ("moved", "Przesunięte"),
    ("not_done", "Niezrealizowane"),
    ("new", "Nowe"),
)


def _write_xlsx(path: Path, head: dict, rows: list[dict], totals: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Koalicje"
    bold = Font(bold=True)
    sheet.append([label for _k, label, _w in COALITION_COLUMNS])
    for index, (_k, _label, width) in enumerate(COALITION_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = bold
    for row in rows:
        values = [row[key] for key, _l, _w in COALITION_COLUMNS]
        values[COALITION_COLUMNS.index(("at_risk", "Zagrożona", 10))] = (
            "tak" if row["at_risk"] else "nie"
        )
        _append(sheet, values)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COALITION_COLUMNS))}{len(rows) + 1}"
    quarters = book.create_sheet("Kwartały")
    quarters.append([label for _k, label in QUARTER_COLUMNS])
    for t in totals:
        _append(quarters, [t[k] for k, _l in QUARTER_COLUMNS])
    _changes_sheet(book.create_sheet("Zmiany planu"), rows)
    about = book.create_sheet("Ewaluacja")
    for label, key in (("Raporty", "source"), ("Kohorta", "cohort"), ("Stan na", "as_of"),
                       ("Wygenerowano", "generated"), ("deedgen", "deedgen_version"),
                       ("Koalicji", "coalitions"), ("Kod wyjścia", "exit_code")):  # fmt: skip
        _append(about, [label, head[key]])
    for item in head["unmatched"]:
        _append(about, ["Raport bez koalicji", item["file"], item["problems"]])
    for ws in (quarters, about):
        for cell in ws[1]:
            cell.font = bold
    book.save(path)


def _changes_sheet(ws, rows: list[dict]) -> None:
    ws.append(["TERC", "Gmina", "Okres", "Działanie", "Rodzaj zmiany", "Opis", "Od kwartału"])
    for row in rows:
        for c in row["changes"]:
            _append(
                ws,
                [
                    row["terc"],
                    row["gmina"],
                    c["period"],
                    c["action"],
                    c["change"],
                    c["description"],
                    c["from_quarter"],
                ],
            )


def _append(ws, values) -> None:
    ws.append([neutralize(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula
