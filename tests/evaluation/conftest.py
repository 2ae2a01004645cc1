"""A synthetic cohort's quarter: the five coalitions of samples/cohort, their reports made with
``report init`` and filled by a librarian (tests/evaluation/librarian.py), evaluated once.

- Lipowiec (2604052): every report on time, the annual one too — on time, not at risk;
- Grabowa Wola Mała (2601043): 2026-Q3 prepared after its deadline, 2026-Q4 missing — late;
- Jaworówka Nowa (2601153): 2026-Q4 full of mistakes — invalid;
- Klonowa Wola (2601223): nothing achieved in 2026-Q3 and Q4, no presentations — at risk;
- Świerknik Wielka (2601092): its one due quarter on time.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from deedgen.evaluation.period import Period
from deedgen.evaluation.workbook import init_report
from tests.evaluation.librarian import add_row, fill_quarter, fill_year, set_column, set_form
from tests.helpers import SAMPLES

AS_OF = dt.date(2027, 1, 25)
COHORT = SAMPLES / "cohort" / "arkusze"
SHEETS = {
    "lipowiec": "2604052",
    "grabowa-wola-mala": "2601043",
    "jaworowka-nowa": "2601153",
    "klonowa-wola": "2601223",
    "swierknik-wielka": "2601092",
}
PESEL = "44051401359"  # a valid PESEL checksum (the example of the PESEL registry)


def blank(sheets: Path, name: str, period: str, folder: Path) -> Path:
    """The workbook report init writes, where the filled report will be (so the partner sheet's
    path it records stays right)."""
    out = folder / f"{name}-{period}.xlsx"
    return init_report(sheets / f"{name}.yaml", Period.parse(period), out, force=True)


def mistakes(book) -> None:
    """What goes wrong in a real report: a formula, a PESEL, an essay, an action not in the
    plan, a micro-success not in the plan and not marked new, a postponement without its quarter."""
    ws = book["Mikrosukcesy"]
    ws["G2"] = '=IF(1,"zrealizowane")'
    ws["K2"] = "brak"  # a partner id typed as a word
    set_form(book, "Raport", {"Sporządził(a)": f"Jan Kowalski, PESEL {PESEL}"})
    add_row(
        book,
        "Mikrosukcesy",
        {"Działanie (id)": "d99", "Kwartał": "2026-Q4", "Status": "zrealizowane"},
    )
    add_row(
        book,
        "Mikrosukcesy",
        {"Działanie (id)": "d1", "Kwartał": "2026-Q4", "Status": "przesunięte"},
    )
    add_row(book, "Zmiany planu", {"Rodzaj zmiany": "inna", "Opis zmiany": "x" * 5000})


def nothing_achieved(book) -> None:
    set_column(book, "Mikrosukcesy", "Status", "nie")


def make_reports(sheets: Path, reports: Path) -> list[Path]:
    """The cohort's reports as the module's docstring tells, filled in place in *reports*."""
    reports.mkdir(parents=True, exist_ok=True)

    def quarter(name, period, **options):
        path = blank(sheets, name, period, reports)
        return fill_quarter(path, path, **options)

    made = [quarter("lipowiec", period) for period in ("2026-Q2", "2026-Q3", "2026-Q4")]
    annual = blank(sheets, "lipowiec", "2026", reports)
    made.append(fill_year(annual, annual))
    made.append(quarter("grabowa-wola-mala", "2026-Q2"))
    made.append(quarter("grabowa-wola-mala", "2026-Q3", prepared_on=dt.date(2026, 11, 15)))
    made.append(quarter("jaworowka-nowa", "2026-Q2"))
    made.append(quarter("jaworowka-nowa", "2026-Q3"))
    made.append(quarter("jaworowka-nowa", "2026-Q4", edit=mistakes))
    for period in ("2026-Q3", "2026-Q4"):
        made.append(quarter("klonowa-wola", period, presentation=False, edit=nothing_achieved))
    made.append(quarter("swierknik-wielka", "2026-Q4"))
    return made


@pytest.fixture(scope="session")
def scenario(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("ewaluacja")
    sheets = root / "arkusze"
    shutil.copytree(COHORT, sheets)
    reports = root / "raporty"
    make_reports(sheets, reports)
    out = root / "wyniki"
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    args = [
        "evaluate",
        str(reports),
        "--cohort",
        str(sheets),
        "--as-of",
        AS_OF.isoformat(),
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(cli, args)
    data = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))
    rows = {row["terc"]: row for row in data["rows"]}
    return {"root": root, "as_of": AS_OF, "sheets": sheets, "reports": reports, "out": out,
            "result": result, "data": data, "rows": rows}  # fmt: skip
