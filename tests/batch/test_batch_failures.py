"""What a batch does with inputs it cannot use: a sheet naming an edition whose rule file is
broken fails only that coalition; an unusable OUTDIR stops the batch with exit 2; every file
the batch writes has the usual permissions."""

from __future__ import annotations

import os
import re
import stat

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.exceptions import EXIT_CODES
from deedgen.resources import FUNDING_RULES as RULES_DIR
from tests.batch.conftest import (
    coalition_folders,
    report,
    rows_by_sheet,
    run_batch,
    sheet,
    write_cohort,
)
from tests.helpers import ROOT


@pytest.fixture
def broken_edition():
    """A program edition whose rule file names an unknown rule kind; (edition, that line)."""
    edition = f"zepsuta-{os.getpid()}"
    lines = (RULES_DIR / "2026.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("kind:"))
    lines[number] = lines[number].split("kind:")[0] + "kind: no_such_kind"
    path = RULES_DIR / f"{edition}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield edition, number + 1
    path.unlink()


def test_a_sheet_naming_an_edition_with_a_broken_rule_file_fails_alone(tmp_path, broken_edition):
    edition, line = broken_edition
    cohort = write_cohort(
        tmp_path / "kohorta",
        {
            "a.yaml": sheet(1),
            "b-zepsuta.yaml": sheet(2, coalition__edition=edition),
            "c.yaml": sheet(3),
        },
    )
    out = tmp_path / "out"

    code, output = run_batch(cohort, "-o", out, "--format", "docx")

    assert code == 1, output
    rows = rows_by_sheet(out)
    assert {name: row["status"] for name, row in rows.items()} == {
        "a.yaml": "built",
        "b-zepsuta.yaml": "failed",
        "c.yaml": "built",
    }
    errors = rows["b-zepsuta.yaml"]["errors"]
    assert any(f"{edition}.yaml:{line}" in e and "no_such_kind" in e for e in errors), errors
    assert "traceback" not in rows["b-zepsuta.yaml"]  # deedgen's own error, not a crash
    assert report(out)["counts"]["failed"] == 1 and report(out)["exit_code"] == 1
    assert len(coalition_folders(out)) == 2


def test_an_output_path_that_is_a_file_is_invalid_input(tmp_path):
    cohort = write_cohort(tmp_path / "kohorta", {"a.yaml": sheet(1)})
    target = tmp_path / "plik.txt"
    target.write_text("not a folder", encoding="utf-8")

    code, output = run_batch(cohort, "-o", target, "--format", "docx")

    assert code == 2, output  # invalid input, as the exit-code table and README say
    assert f"folder wyjściowy {target} jest plikiem, a nie folderem" in output
    assert "not a folder" in output and "Traceback" not in output
    assert target.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kohorta", "plik.txt"]


def test_an_output_folder_inside_a_file_is_invalid_input(tmp_path):
    cohort = write_cohort(tmp_path / "kohorta", {"a.yaml": sheet(1)})
    blocker = tmp_path / "plik.txt"
    blocker.write_text("not a folder", encoding="utf-8")

    code, output = run_batch(cohort, "-o", blocker / "out", "--format", "docx")

    assert code == 2, output
    assert f"nie można utworzyć folderu wyjściowego {blocker / 'out'}" in output
    assert "Traceback" not in output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_readme_and_help_give_the_batch_exit_codes_of_the_table():
    """README's batch line and `batch --help` name the codes of deedgen.exceptions, no other."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("| `deedgen batch "))
    exits = line[line.index("Exit 0") :]
    codes = {int(code) for code in re.findall(r"(?:Exit|,) (\d+) ", exits)}
    assert codes == {0, 1, 2, 3, 130}, line
    assert codes <= {code for code, _pl, _en in EXIT_CODES}
    assert "2 cohort/library/rules/OUTDIR unusable" in line
    help_text = CliRunner().invoke(cli, ["batch", "--help", "--lang", "en"]).output
    assert "2 when the cohort, the clause library, the rules" in " ".join(help_text.split())


def test_every_file_the_batch_writes_gets_the_usual_permissions(tmp_path):
    cohort = write_cohort(tmp_path / "kohorta", {"a.yaml": sheet(1), "b.yaml": sheet(2)})
    out = tmp_path / "out"
    previous = os.umask(0o022)
    try:
        code, output = run_batch(cohort, "-o", out, "--format", "docx")
    finally:
        os.umask(previous)

    assert code == 0, output
    written = [out / name for name in ("summary.json", "summary.html", "summary.xlsx")]
    written += [out / folder / "manifest.json" for folder in coalition_folders(out)]
    written += [p for folder in coalition_folders(out) for p in (out / folder).glob("*.docx")]
    assert len(written) == 3 + 2 + 8
    modes = {str(p.relative_to(out)): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert set(modes.values()) == {"0o644"}, modes


def test_the_report_honours_a_stricter_umask(tmp_path):
    """The report is written by the batch process itself, so its umask applies (the workers
    keep the umask of the forkserver that started them)."""
    cohort = write_cohort(tmp_path / "kohorta", {"a.yaml": sheet(1)})
    out = tmp_path / "out"
    previous = os.umask(0o027)
    try:
        code, output = run_batch(cohort, "-o", out, "--format", "docx")
    finally:
        os.umask(previous)

    assert code == 0, output
    for name in ("summary.json", "summary.html", "summary.xlsx"):
        assert oct(stat.S_IMODE((out / name).stat().st_mode)) == "0o640", name
