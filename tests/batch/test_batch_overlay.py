"""A regional overlay changes a clause: exactly the coalitions that use it are rebuilt, the
others are checked clause by clause and left alone, and the report says what changed where."""

from __future__ import annotations

import json

import pytest

from tests.batch.conftest import (
    manifest_mtimes,
    overlay_clause,
    report,
    rows_by_sheet,
    run_batch,
    sheet,
    with_gmina_money,
    without_gmina_money,
    write_cohort,
)
from tests.helpers import ROOT

CENTRAL_BUDGET = (ROOT / "clause_library" / "financing" / "budget.pl.txt").read_text(
    encoding="utf-8"
)
PAYING = {"a.yaml": with_gmina_money(sheet(1)), "b.yaml": with_gmina_money(sheet(2))}
NOT_PAYING = {"c.yaml": without_gmina_money(sheet(3)), "d.yaml": without_gmina_money(sheet(4))}


@pytest.fixture
def built(tmp_path):
    cohort = write_cohort(tmp_path / "kohorta", {**PAYING, **NOT_PAYING})
    out = tmp_path / "out"
    code, _ = run_batch(cohort, "-o", out, "--format", "docx")
    assert code == 0
    return cohort, out


def regional_budget(root):
    """The overlay's financing.budget: the central clause in a new version and wording (it
    applies only where the gmina contributes money)."""
    version = int(
        next(line for line in CENTRAL_BUDGET.splitlines() if line.startswith("version:")).split(
            ":"
        )[1]
    )
    text = CENTRAL_BUDGET.replace(f"version: {version}", f"version: {version + 1}")
    text = text.replace(
        "środki finansowe w łącznej kwocie",
        "środki finansowe, zgodnie z uchwałą budżetową, w łącznej kwocie",
    )
    en = (ROOT / "clause_library" / "financing" / "budget.en.txt").read_text(encoding="utf-8")
    (root / "financing").mkdir(parents=True)
    (root / "financing" / "budget.pl.txt").write_text(text, encoding="utf-8")
    (root / "financing" / "budget.en.txt").write_text(
        en.replace(f"version: {version}", f"version: {version + 1}"), encoding="utf-8"
    )
    return root, version


def test_a_replaced_clause_rebuilds_exactly_the_coalitions_that_use_it(tmp_path, built):
    cohort, out = built
    overlay, version = regional_budget(tmp_path / "wbp")
    before = manifest_mtimes(out)

    code, _ = run_batch(cohort, "-o", out, "--format", "docx", "--library", overlay)

    assert code == 0
    rows = rows_by_sheet(out)
    assert {n: rows[n]["status"] for n in rows} == {
        "a.yaml": "built",
        "b.yaml": "built",
        "c.yaml": "skipped-unchanged",
        "d.yaml": "skipped-unchanged",
    }
    assert (
        rows["c.yaml"]["reason"] == "zmieniona biblioteka klauzul; klauzule tej koalicji bez zmian"
    )
    change = {
        "clause": "financing.budget",
        "change": f"v{version} (central) → v{version + 1} (wbp)",
    }
    assert rows["a.yaml"]["clause_changes"] == [change]
    folders = sorted([rows["a.yaml"]["folder"], rows["b.yaml"]["folder"]])
    assert report(out)["clause_changes"] == [{**change, "coalitions": 2, "folders": folders}]
    # the skipped ones' documents were not touched; their manifests now name the new library
    for name in ("c.yaml", "d.yaml"):
        folder = out / rows[name]["folder"]
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert [layer["name"] for layer in manifest["library"]["layers"]] == ["wbp", "central"]
        assert (folder / "deklaracja-partnerstwa.docx").stat().st_mtime_ns <= before[
            rows[name]["folder"]
        ]

    # a third run with the same overlay does nothing at all
    again = manifest_mtimes(out)
    run_batch(cohort, "-o", out, "--format", "docx", "--library", overlay)
    assert {r["status"] for r in rows_by_sheet(out).values()} == {"skipped-unchanged"}
    assert {r["reason"] for r in rows_by_sheet(out).values()} == {"dane wejściowe bez zmian"}
    assert manifest_mtimes(out) == again


def test_an_unrelated_new_clause_rebuilds_nothing(tmp_path, built):
    cohort, out = built
    overlay = overlay_clause(
        tmp_path / "wbp", "goal_menu.fishing", "cel: rozwój wędkarstwa", documents=("goal_menu",)
    )

    run_batch(cohort, "-o", out, "--format", "docx", "--library", overlay)

    assert {r["status"] for r in rows_by_sheet(out).values()} == {"skipped-unchanged"}


def test_a_new_clause_every_declaration_selects_rebuilds_all(tmp_path, built):
    cohort, out = built
    overlay = overlay_clause(
        tmp_path / "wbp",
        "local.contact",
        "ust. Strony wymieniają informacje pocztą elektroniczną.",
        order=905,
    )

    run_batch(cohort, "-o", out, "--format", "docx", "--library", overlay)

    rows = rows_by_sheet(out).values()
    assert {r["status"] for r in rows} == {"built"}
    assert all(
        r["clause_changes"] == [{"clause": "local.contact", "change": "added (v1, wbp)"}]
        for r in rows
    )
