"""The documents did not change: every sample × pl/en × draft builds to the same DOCX parts and the
same PDF text as the snapshot in tests/reference/outputs/ (made before the design-step refactoring).

After a deliberate change of a clause or a template, regenerate with
    python -m tests.reference.snapshot
and review the diff of tests/reference/outputs/ before committing it.
"""

from __future__ import annotations

import difflib

import pytest

from tests.reference.snapshot import CASES, DRAFTS, OUTPUTS, build_snapshot, case_id

PARAMS = [(name, sheet, extra, draft) for name, sheet, extra in CASES for draft in DRAFTS]


@pytest.mark.parametrize(
    ("name", "sheet", "extra", "draft"), PARAMS, ids=[case_id(p[0], p[3]) for p in PARAMS]
)
def test_outputs_equal_reference(name, sheet, extra, draft):
    expected_dir = OUTPUTS / case_id(name, draft)
    result = build_snapshot(name, sheet, extra, draft)
    if isinstance(result, int):
        assert (expected_dir / "exit-code.txt").read_text().strip() == str(result)
        return
    expected = {p.name: p.read_text(encoding="utf-8") for p in expected_dir.iterdir()}
    assert sorted(result) == sorted(expected)
    for rel, text in result.items():
        if text != expected[rel]:
            diff = difflib.unified_diff(
                expected[rel].splitlines(), text.splitlines(), "reference", "now", lineterm="", n=1
            )
            pytest.fail(f"{rel} changed:\n" + "\n".join(list(diff)[:40]))
