"""Regenerate samples/ewaluacja — the sample cohort's filled reports (raporty/) and the cohort
workbook naming them in its column Raport (kohorta.xlsx):

    python -m tests.evaluation.make_samples

They are the reports the tests evaluate (tests/evaluation/conftest.py), made against
samples/cohort/arkusze; test_samples.py checks they still evaluate as samples/ewaluacja/README.md
says, and that none of them was prepared from an older version of its sheet (run this again after
editing a sheet).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from deedgen.cohort import read_cohort, write_workbook
from tests.evaluation.conftest import COHORT, make_reports
from tests.helpers import SAMPLES

TARGET = SAMPLES / "ewaluacja" / "raporty"


def cohort_workbook(reports: Path = TARGET) -> Path:
    """samples/cohort/kohorta.xlsx with each coalition's reports in the column Raport, written
    beside the reports' folder (the sheets and layers are the sample cohort's)."""
    folder = reports.parent
    cohort = read_cohort(SAMPLES / "cohort" / "kohorta.xlsx")
    rows = []
    for entry in cohort.entries:
        name = entry.sheet.stem
        named = sorted(p for p in reports.iterdir() if p.stem.startswith(f"{name}-2"))
        rows.append({
            "sheet": Path("..", "cohort", entry.label).as_posix(),
            "mentor": entry.mentor["name"] if entry.mentor else None,
            "mentor_email": entry.mentor["email"] if entry.mentor else None,
            "notes": entry.notes,
            "report": [p.relative_to(folder).as_posix() for p in named],
        })  # fmt: skip
    layers = [Path("..", layer.relative_to(SAMPLES)).as_posix() for layer in cohort.settings.layers]
    return write_workbook(
        folder / "kohorta.xlsx",
        rows,
        edition=cohort.settings.edition,
        bw=cohort.settings.bw,
        layers=layers,
    )


if __name__ == "__main__":
    shutil.rmtree(TARGET, ignore_errors=True)
    for path in make_reports(COHORT, TARGET):
        print(path.relative_to(SAMPLES))
    print(cohort_workbook().relative_to(SAMPLES))
