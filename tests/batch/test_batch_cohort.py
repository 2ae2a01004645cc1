"""A cohort with good, non-compliant, invalid and broken sheets: the right folders, report rows
and exit code; a rerun skips what did not change."""

from __future__ import annotations

import json

import pytest

from tests.batch.conftest import (
    assert_no_leftovers,
    coalition_folders,
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
from tests.helpers import SAMPLES

GOOD_A = sheet(1)
GOOD_B = with_gmina_money(sheet(2))
BROKEN = without_gmina_money(sheet(3))  # the overlay below breaks a reference for this one only


@pytest.fixture
def cohort(tmp_path):
    return write_cohort(
        tmp_path / "kohorta",
        {
            "a-dobra.yaml": GOOD_A,
            "b-dobra.yaml": GOOD_B,
            "c-niezgodna.yaml": SAMPLES / "niezgodna.yaml",
            "d-bledy.yaml": SAMPLES / "bledy.yaml",
            "e-zepsuta.yaml": BROKEN,
        },
    )


@pytest.fixture
def broken_reference(tmp_path):
    """A local clause, selected for one gmina only, that refers to a clause its document lacks."""
    return overlay_clause(
        tmp_path / "lokalne",
        "local.note",
        "ust. Zgodnie z §[financing.budget#amount] gmina przekazuje środki.",
        condition=f'gmina.terc == "{BROKEN["gmina"]["terc"]}"',
        order=900,
    )


def test_every_coalition_gets_a_row_and_failures_do_not_stop_the_others(
    tmp_path, cohort, broken_reference
):
    out = tmp_path / "out"
    code, output = run_batch(cohort, "-o", out, "--format", "docx", "--library", broken_reference)

    assert code == 1  # coalitions failed: three, as the output and the report say
    assert "nie zbudowano 3 z 5 koalicji (kod wyjścia 1)" in output
    assert "coalitions failed" not in output  # one language: Polish unless --lang en
    rows = rows_by_sheet(out)
    assert {name: row["status"] for name, row in rows.items()} == {
        "a-dobra.yaml": "built",
        "b-dobra.yaml": "built",
        "c-niezgodna.yaml": "failed",
        "d-bledy.yaml": "failed",
        "e-zepsuta.yaml": "failed",
    }
    # only the built ones have a folder, named from TERC and gmina
    assert coalition_folders(out) == sorted(
        rows[n]["folder"] for n in ("a-dobra.yaml", "b-dobra.yaml")
    )
    assert rows["a-dobra.yaml"]["folder"].startswith(GOOD_A["gmina"]["terc"] + "-gmina-")
    # the invalid sheet: every error with its place, validated before anything was built
    errors = rows["d-bledy.yaml"]["errors"]
    assert any(e.startswith("d-bledy.yaml:") and "(coalition.place)" in e for e in errors)
    assert len(errors) > 5
    # the non-compliant one: which rules failed, and each rule as a column
    refused = rows["c-niezgodna.yaml"]
    assert "social-actions" in refused["errors"][0] and "--draft" in refused["errors"][0]
    assert (
        refused["rules"]["social-actions"] == "fail"
        and refused["rules"]["library-and-gmina"] == "pass"
    )
    # the broken reference names the clause it breaks in
    assert any(
        "local.note" in e and "financing.budget" in e for e in rows["e-zepsuta.yaml"]["errors"]
    )
    # facts of a built coalition
    built = rows["b-dobra.yaml"]
    assert built["parties"] == len(GOOD_B["parties"]) and built["actions"] == len(GOOD_B["actions"])
    money = sum(float(c["amount"]) for c in GOOD_B["contributions"] if "amount" in c)
    assert float(built["money"]) == pytest.approx(money)
    assert built["compliant"] is True and set(built["rules"].values()) <= {"pass", "warning"}
    assert {d["kind"] for d in built["documents"]} == {
        "preliminary",
        "declaration",
        "action_plan",
        "evaluation_forms",
    }
    for document in built["documents"]:
        assert (out / document["docx"]).is_file() and "pdf" not in document
    assert {p.name for p in out.iterdir()} >= {"summary.json", "summary.html", "summary.xlsx"}
    assert report(out)["counts"] == {
        "built": 2,
        "draft": 0,
        "skipped-unchanged": 0,
        "failed": 3,
        "pending": 0,
    }
    assert_no_leftovers(out)


def test_draft_builds_the_non_compliant_one_marked(tmp_path, cohort):
    out = tmp_path / "out"
    code, _ = run_batch(cohort, "-o", out, "--format", "docx", "--draft")

    assert code == 1  # the invalid sheet
    row = rows_by_sheet(out)["c-niezgodna.yaml"]
    assert row["status"] == "draft" and row["draft"] is True
    manifest = json.loads((out / row["folder"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is True


def test_rerun_skips_the_unchanged_and_rebuilds_the_changed(tmp_path, cohort):
    out = tmp_path / "out"
    run_batch(cohort, "-o", out, "--format", "docx")
    before = manifest_mtimes(out)

    code, _ = run_batch(cohort, "-o", out, "--format", "docx")
    rows = rows_by_sheet(out)
    assert code == 1  # the non-compliant and the invalid one fail again
    assert rows["a-dobra.yaml"]["status"] == rows["e-zepsuta.yaml"]["status"] == "skipped-unchanged"
    assert rows["a-dobra.yaml"]["parties"] == len(GOOD_A["parties"])  # facts kept from the manifest
    assert manifest_mtimes(out) == before  # nothing rewritten

    changed = dict(GOOD_A, coalition={**GOOD_A["coalition"], "place": "Nowe Miejsce"})
    write_cohort(cohort, {"a-dobra.yaml": changed})
    run_batch(cohort, "-o", out, "--format", "docx")
    rows = rows_by_sheet(out)
    assert (
        rows["a-dobra.yaml"]["status"] == "built"
        and rows["a-dobra.yaml"]["reason"] == "zmieniony arkusz"
    )
    assert rows["b-dobra.yaml"]["status"] == "skipped-unchanged"

    run_batch(cohort, "-o", out, "--format", "docx", "--force")
    assert {
        r["status"]
        for n, r in rows_by_sheet(out).items()
        if n not in ("c-niezgodna.yaml", "d-bledy.yaml")
    } == {"built"}
    assert_no_leftovers(out)


def test_other_options_rebuild(tmp_path, cohort):
    out = tmp_path / "out"
    run_batch(cohort, "-o", out, "--format", "docx")
    run_batch(cohort, "-o", out, "--format", "docx", "--lang", "both")
    row = rows_by_sheet(out)["a-dobra.yaml"]
    assert row["status"] == "built" and row["reason"] == "zmienione opcje"
    assert {d["lang"] for d in row["documents"]} == {"pl", "en"}


def test_exit_codes():
    from pathlib import Path

    from deedgen.batch import BatchResult

    assert BatchResult(Path("."), {"built": 3, "failed": 0}, []).exit_code == 0
    assert BatchResult(Path("."), {"skipped-unchanged": 3}, []).exit_code == 0
    assert BatchResult(Path("."), {"built": 2, "failed": 7}, []).exit_code == 1
    assert BatchResult(Path("."), {"failed": 250}, []).exit_code == 1
    assert BatchResult(Path("."), {"failed": 3}, [], interrupted=True).exit_code == 130


def test_a_broken_clause_library_stops_the_batch_before_any_coalition(tmp_path, cohort):
    broken = tmp_path / "zepsute"
    (broken / "local").mkdir(parents=True)
    (broken / "local" / "x.pl.txt").write_text(
        "---\nid: local.x\n---\nust. Tekst.\n", encoding="utf-8"
    )
    out = tmp_path / "out"

    code, output = run_batch(cohort, "-o", out, "--format", "docx", "--library", broken)

    assert code == 2
    assert "the batch cannot start" in output and "clause library" in output
    assert coalition_folders(out) == [] and not (out / "summary.json").exists()


def test_pdf_output_without_libreoffice(tmp_path, cohort, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on PATH
    code, output = run_batch(cohort, "-o", tmp_path / "out", "--pdf-engine", "libreoffice")
    assert code == 3 and "LibreOffice" in output
