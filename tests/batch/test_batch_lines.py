"""What the batch prints at the end of triage and of the run: the counts say what happened —
"unchanged" only for coalitions built before and skipped because nothing changed; a row that
fails at triage (a missing or twice-listed sheet) is counted as failed, in the triage line,
the final line and the exit code."""

from __future__ import annotations

from deedgen.cohort import write_workbook
from tests.batch.conftest import report, run_batch, sheet, write_cohort


def lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_rows_failing_at_triage_are_failed_not_unchanged(tmp_path):
    write_cohort(tmp_path / "arkusze", {f"{n}.yaml": sheet(i) for i, n in enumerate("abc", 1)})
    rows = [{"sheet": f"arkusze/{n}.yaml"} for n in "abc"]
    rows += [{"sheet": "arkusze/brak.yaml"}, {"sheet": "arkusze/a.yaml"}]  # missing; twice
    workbook = tmp_path / "kohorta.xlsx"
    write_workbook(workbook, rows, edition="2026", bw="WBP w Kielcach")
    out = tmp_path / "out"
    code, first = run_batch(workbook, "-o", out, "--format", "docx")
    assert code == 1, first

    code, output = run_batch(workbook, "-o", out, "--format", "docx")

    assert code == 1, output  # two coalitions cannot be built: that is a failure, every run
    printed = lines(output)
    assert printed[0] == (
        "bez zmian 3 z 5 koalicji; nie zbudowano 2 (brak arkusza, arkusz nieczytelny lub podany "
        "dwa razy); do sprawdzenia 0 (3 of 5 coalitions unchanged; 2 failed (sheet missing, "
        "unreadable or listed twice); 0 to check)"
    )
    assert printed[1].startswith("bez zmian 3, nie zbudowano 2 — ")
    assert printed[2].startswith("nie zbudowano 2 z 5 koalicji (kod wyjścia 1)")
    assert report(out)["counts"] == {
        "built": 0,
        "draft": 0,
        "skipped-unchanged": 3,
        "failed": 2,
        "pending": 0,
    }


def test_a_built_coalition_whose_sheet_is_gone_is_failed_not_unchanged(tmp_path):
    write_cohort(tmp_path / "arkusze", {"a.yaml": sheet(1), "b.yaml": sheet(2)})
    workbook = tmp_path / "kohorta.xlsx"
    rows = [{"sheet": "arkusze/a.yaml"}, {"sheet": "arkusze/b.yaml"}]
    write_workbook(workbook, rows, edition="2026", bw="WBP w Kielcach")
    out = tmp_path / "out"
    code, first = run_batch(workbook, "-o", out, "--format", "docx")
    assert code == 0, first
    assert "zbudowano 2 — " in first
    (tmp_path / "arkusze" / "b.yaml").unlink()  # its folder and manifest are still in OUTDIR

    code, output = run_batch(workbook, "-o", out, "--format", "docx")

    assert code == 1, output
    printed = lines(output)
    assert printed[0].startswith("bez zmian 1 z 2 koalicji; nie zbudowano 1 (brak arkusza")
    assert printed[1].startswith("bez zmian 1, nie zbudowano 1 — ")
    statuses = [row["status"] for row in report(out)["rows"]]
    assert statuses == ["skipped-unchanged", "failed"]
