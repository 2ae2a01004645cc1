"""Links, the user's own files and a failing disk (issue 13): a symbolic link that leaves a clause
layer or that sits in deedgen's batch state folder is refused and never followed; a build or a
batch never deletes what the user keeps in OUTDIR; a full or read-only disk during a batch gives a
Polish message, leaves nothing half-written and no lock that blocks the next run."""

from __future__ import annotations

import contextlib
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.batch.conftest import run_batch
from tests.build.test_write_faults import unwritable
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import SAMPLES, build_file_tree

SHEET = str(SAMPLES / "lipowiec.yaml")
SECRET = "TAJNE-SPOZA-WARSTWY"


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def assert_clear(code: int, output: str, expected_code: int, *fragments: str) -> None:
    assert code == expected_code, output
    assert "Traceback" not in output, output
    for fragment in fragments:
        assert fragment in output, output


def outside_clause(tmp_path):
    files = clause_pair("team.secret", f"ust. {SECRET}.", order=150)
    return build_file_tree(tmp_path / "poza-warstwa", files)


# -- clause layers ------------------------------------------------------------------------------


def layer_with_link(tmp_path, kind: str):
    outside = outside_clause(tmp_path)
    region = overlay(tmp_path, "wbp-region", clause_pair("team.own", "ust. Własna.", order=160))
    if kind == "file":
        (region / "team" / "secret.pl.txt").symlink_to(outside / "team" / "secret.pl.txt")
        (region / "team" / "secret.en.txt").symlink_to(outside / "team" / "secret.en.txt")
        return region, region / "team" / "secret.pl.txt"
    if kind == "english-only":
        (region / "team" / "own.en.txt").unlink()
        (region / "team" / "own.en.txt").symlink_to(outside / "team" / "secret.en.txt")
        return region, region / "team" / "own.en.txt"
    (region / "linked").symlink_to(outside / "team", target_is_directory=True)
    return region, region / "linked"


@pytest.mark.parametrize("kind", ["file", "english-only", "folder"])
def test_clause_lint_refuses_a_link_that_leaves_the_layer(tmp_path, kind):
    region, link = layer_with_link(tmp_path, kind)

    code, output = invoke("clause", "lint", region)

    assert_clear(code, output, 2, f"{link}:1:", "dowiązanie symboliczne prowadzi poza warstwę")
    assert SECRET not in output


@pytest.mark.parametrize("kind", ["file", "english-only", "folder"])
def test_build_refuses_a_link_that_leaves_the_layer_and_writes_nothing(tmp_path, kind):
    region, link = layer_with_link(tmp_path, kind)
    out = tmp_path / "out"

    code, output = invoke("build", SHEET, "--library", region, "-o", out, "--format", "docx")

    assert_clear(code, output, 2, f"{link.name}:1:", "dowiązanie symboliczne")
    assert not out.exists()


def test_a_link_inside_its_layer_is_read(tmp_path):
    """The control case: a link whose target stays in the layer is an ordinary file."""
    region = overlay(tmp_path, "wbp-region", {})
    build_file_tree(region / ".wzorce", clause_pair("team.secret", f"ust. {SECRET}.", order=150))
    (region / "team").mkdir()
    for lang in ("pl", "en"):
        (region / "team" / f"secret.{lang}.txt").symlink_to(
            region / ".wzorce" / "team" / f"secret.{lang}.txt"
        )

    code, output = invoke("clause", "lint", region)

    assert "symlink" not in output, output
    assert "błędy: 0" in output, output


# -- the batch's state folder -------------------------------------------------------------------


@pytest.fixture
def cohort(tmp_path):
    folder = tmp_path / "kohorta"
    folder.mkdir()
    shutil.copy(SAMPLES / "lipowiec.yaml", folder)
    return folder


def plant(out, victim, where: str):
    """A link in OUTDIR/.deedgen-batch pointing at the *victim* folder (or file)."""
    state = out / ".deedgen-batch"
    if where == "state":
        out.mkdir()
        state.symlink_to(victim, target_is_directory=True)
    elif where == "lock":
        state.mkdir(parents=True)
        (state / "lock").symlink_to(victim / "ofiara.txt")
    else:
        state.mkdir(parents=True)
        (state / "work").symlink_to(victim, target_is_directory=True)


@pytest.mark.parametrize("where", ["state", "lock", "work"])
def test_a_link_in_the_batch_state_folder_is_refused_and_the_target_kept(tmp_path, cohort, where):
    victim = tmp_path / "cudzy-folder"
    victim.mkdir()
    (victim / "ofiara.txt").write_text("ważne dane")
    (victim / "work").mkdir()
    (victim / "work" / "wazne.txt").write_text("moje")
    out = tmp_path / "out"
    plant(out, victim, where)

    code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q")

    assert_clear(code, output, 2, "jest dowiązaniem symbolicznym", ".deedgen-batch")
    assert (victim / "ofiara.txt").read_text() == "ważne dane"
    assert (victim / "work" / "wazne.txt").read_text() == "moje"
    assert sorted(p.name for p in out.iterdir()) == [".deedgen-batch"]


# -- the user's own files in OUTDIR -------------------------------------------------------------

USERS_OWN = {
    ".moje-dane.abcd1234/wazne.txt": "moje",  # a hidden folder shaped like a staging folder
    ".deedgen-batch-kopia/notatka.txt": "kopia",
    ".notatki.txt": "notatki",
    ".out.moje1234/plik.txt": "obok",
}


def plant_users_files(out):
    build_file_tree(out, {k: v for k, v in USERS_OWN.items() if not k.startswith(".out.")})
    build_file_tree(out.parent, {k: v for k, v in USERS_OWN.items() if k.startswith(".out.")})


def assert_users_files_kept(out):
    for rel, text in USERS_OWN.items():
        base = out.parent if rel.startswith(".out.") else out
        assert (base / rel).read_text() == text, rel


def test_a_build_never_deletes_the_users_hidden_files(tmp_path):
    out = tmp_path / "out"
    plant_users_files(out)

    code, output = invoke("build", SHEET, "-o", out, "--format", "docx")
    assert_clear(code, output, 0)
    code, output = invoke("build", SHEET, "-o", out, "--format", "docx", "--lang", "both")

    assert_clear(code, output, 0)
    assert_users_files_kept(out)


def test_a_batch_never_deletes_the_users_hidden_files(tmp_path, cohort):
    out = tmp_path / "out"
    plant_users_files(out)

    for _ in range(2):
        code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q", "--force")
        assert_clear(code, output, 0)

    assert_users_files_kept(out)


# -- a full or read-only disk during a batch ------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder, size: str):
    """A tmpfs of *size* mounted on *folder* (deedgen's tests run as root in their container)."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def assert_nothing_half_written(out):
    for folder in out.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert (folder / "manifest.json").is_file(), folder  # a complete build, or none
    state = out / ".deedgen-batch"
    assert not state.exists() or sorted(p.name for p in state.iterdir()) == ["lock"]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


@pytest.mark.parametrize(
    ("size", "expected_code"),
    [("12k", 2), ("90k", 1)],
    ids=["full-before-the-first-document", "full-during-the-documents"],
)
def test_a_full_disk_during_a_batch(tmp_path, cohort, size, expected_code):
    shutil.copy(SAMPLES / "brzeziny-nowe.yaml", cohort)
    with small_disk(tmp_path / "dysk", size) as disk:
        out = disk / "out"
        code, output = run_batch(cohort, "-o", out, "--format", "docx")

        assert_clear(code, output, expected_code, "brak miejsca na dysku")
        assert "internal error" not in output
        assert_nothing_half_written(out)
    # The same output folder on a disk with room: no stale lock, the next run builds.
    out = tmp_path / "out"
    code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q")
    assert_clear(code, output, 0)


def test_a_full_disk_leaves_no_lock_that_blocks_the_next_run(tmp_path, cohort):
    with small_disk(tmp_path / "dysk", "12k") as disk:
        out = disk / "out"
        first, _ = run_batch(cohort, "-o", out, "--format", "docx", "-q")
        for leftover in [p for p in out.iterdir() if p.name != ".deedgen-batch"]:
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        subprocess.run(["mount", "-o", "remount,size=2m", str(disk)], check=True)
        code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q")

    assert first == 2
    assert_clear(code, output, 0)


def test_a_read_only_output_folder_during_a_batch(tmp_path, cohort):
    out = tmp_path / "out"
    code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q")
    assert_clear(code, output, 0)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    with unwritable(out):
        code, output = run_batch(cohort, "-o", out, "--format", "docx", "-q", "--force")

    assert_clear(code, output, 2, f"w folderze {out}: brak uprawnień do zapisu")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
