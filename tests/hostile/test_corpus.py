"""The hostile-input corpus (issue 13), one test per case of ``cases/*.json``: sheet cells
(characters, values), whole YAML/JSON documents, XLSX structures, clause files, output paths.
Each case says what the user must see — the exit code, a Polish message, its place — and the
runner adds what every case must hold: no traceback, nothing written when refused."""

from __future__ import annotations

import pytest

from tests.hostile.corpus import assert_outcome, load_cases, run_case

CASES = load_cases()


def test_the_corpus_has_at_least_250_cases_in_every_class():
    classes = {kind for kind, _ in CASES}
    assert len(CASES) >= 250
    assert {
        "sheet_characters",
        "sheet_values",
        "documents",
        "xlsx",
        "clauses",
        "outputs",
    } <= classes


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[f"{k}:{c['id']}" for k, c in CASES])
def test_hostile_case(tmp_path, case):
    assert_outcome(run_case(tmp_path, case), case["expect"])
