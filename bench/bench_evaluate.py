"""Benchmark ``deedgen evaluate``: a national quarter of filled report workbooks.

    python bench/bench_evaluate.py [-n 2479] [-j 2] [--keep DIR]

Writes *n* synthetic partner sheets (``bench/synthetic.py``), a 2026-Q3 report workbook for each
(``report init``'s workbook, filled in memory as a librarian would: statuses, dates, the
presentation; every tenth late, every twentieth with a formula in a status cell), then times
the evaluation — reading and checking every workbook and sheet in worker processes, the
coalitions' statuses and risks — and writing ewaluacja.html / .xlsx / .json. Prints the figures,
the time extrapolated to the 2,479 gminas of Poland (eTERYT, 1 January 2025) and the peak memory
of the process tree. Target: a national quarter in ≤ 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import write_cohort  # noqa: E402

NATIONAL = 2479
QUARTER = "2026-Q3"
AS_OF = dt.date(2026, 11, 1)


def make_report(args: tuple[Path, Path, int]) -> Path:
    """One filled report workbook for the sheet, written to the folder."""
    from deedgen.evaluation.period import Period
    from deedgen.evaluation.planned import plan_of
    from deedgen.evaluation.workbook import build_report_workbook
    from deedgen.sheet.validate import read_sheet

    sheet, folder, index = args
    plan = plan_of(read_sheet(sheet))
    book = build_report_workbook(plan, Period.parse(QUARTER), f"../arkusze/{sheet.name}")
    late = index % 10 == 0
    form = book["Raport"]
    for row in form.iter_rows(min_row=2):
        label = str(row[0].value)
        if label.startswith("Data sporządzenia"):
            row[1].value = dt.date(2026, 11 if late else 10, 25 if late else 12)
        elif label.startswith("Prezentacja mikrosukcesów"):
            row[1].value = "NIE" if index % 7 == 0 else "TAK"
        elif label.startswith(("Data prezentacji", "Dla kogo")):
            row[1].value = dt.date(2026, 9, 20) if label.startswith("Data") else "mieszkańcy"
    micro = book["Mikrosukcesy"]
    statuses = ("zrealizowane", "częściowo", "zrealizowane", "nie")
    for number in range(2, micro.max_row + 1):
        if micro.cell(number, 1).value:
            micro.cell(number, 7).value = statuses[(index + number) % 4]
            micro.cell(number, 9).value = dt.date(2026, 8, 14)
    if index % 20 == 0:
        micro["G2"] = '=IF(1,"zrealizowane")'
    actions = book["Działania"]
    for number in range(2, actions.max_row + 1):
        actions.cell(number, 6).value = "zgodnie z planem"
    promotion = book["Promocja"]
    for number in range(2, promotion.max_row + 1):
        promotion.cell(number, 4).value = "TAK"
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / f"raport-{index:05d}.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=NATIONAL)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    root = Path(args.keep or tempfile.mkdtemp(prefix="bench-evaluate-"))
    sheets, reports, out = root / "arkusze", root / "raporty", root / "wyniki"
    reports.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    paths = write_cohort(sheets, args.count)
    with ProcessPoolExecutor(args.jobs) as pool:
        list(pool.map(make_report, [(p, reports, i) for i, p in enumerate(paths)], chunksize=16))
    generated = time.perf_counter() - start
    size = sum(p.stat().st_size for p in reports.iterdir()) / len(paths) / 1024
    print(
        f"generated {len(paths)} sheets and filled reports in {generated:.1f} s ({size:.0f} kB a workbook)"
    )

    from deedgen.evaluation.cohort import evaluate_reports
    from deedgen.evaluation.outputs import write_outputs

    start = time.perf_counter()
    run = evaluate_reports(reports, cohort=sheets, as_of=AS_OF, jobs=args.jobs)
    evaluated = time.perf_counter() - start
    start = time.perf_counter()
    write_outputs(run, out)
    written = time.perf_counter() - start
    total = evaluated + written
    per = total / len(paths) * 1000
    national = total / len(paths) * NATIONAL
    statuses: dict[str, int] = {}
    for coalition in run.coalitions:
        statuses[coalition.status] = statuses.get(coalition.status, 0) + 1
    at_risk = sum(c.at_risk for c in run.coalitions)
    own, children = peak_mib()
    print(
        f"evaluate {len(paths)} workbooks with -j {args.jobs}: {evaluated:.1f} s; outputs {written:.1f} s"
    )
    print(
        f"  {per:.1f} ms a coalition; national quarter ({NATIONAL}): {national:.0f} s (target ≤ 60 s)"
    )
    print(f"  statuses {statuses}, at risk {at_risk}, exit code {run.exit_code}")
    print(f"  ewaluacja.html {(out / 'ewaluacja.html').stat().st_size / 1024:.0f} kB")
    print(f"  peak memory: main {own:.0f} MiB, largest worker {children:.0f} MiB")
    print(f"  files in {root}")


if __name__ == "__main__":
    main()
