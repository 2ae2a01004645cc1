"""Regenerate samples/ewaluacja/raporty — the sample cohort's filled reports:

    python -m tests.evaluation.make_samples

They are the reports the tests evaluate (tests/evaluation/conftest.py), made against
samples/cohort/arkusze; test_samples.py checks they still evaluate as samples/ewaluacja/README.md
says.
"""

from __future__ import annotations

import shutil

from tests.evaluation.conftest import COHORT, make_reports
from tests.helpers import SAMPLES

TARGET = SAMPLES / "ewaluacja" / "raporty"

if __name__ == "__main__":
    shutil.rmtree(TARGET, ignore_errors=True)
    for path in make_reports(COHORT, TARGET):
        print(path.relative_to(SAMPLES))
