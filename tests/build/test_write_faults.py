"""Writing fails: a folder that cannot be written, a disk that fills up mid-build, a build killed
mid-way. Each time the user reads which folder and why, in Polish, with no traceback, and the
previous outputs stay exactly as they were."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys

from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.fsutil import STAGING_MARKER
from tests.helpers import ROOT, SAMPLES

SHEET = str(SAMPLES / "lipowiec.yaml")


def build_docx(outdir, *extra):
    return CliRunner().invoke(cli, ["build", SHEET, "-o", str(outdir), "--format", "docx", *extra])


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@contextlib.contextmanager
def unwritable(folder):
    """*folder* made unwritable for this process, root included (an immutable folder)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_output_inside_a_folder_that_cannot_be_written(tmp_path):
    locked = tmp_path / "zamkniety"
    locked.mkdir()
    with unwritable(locked):
        result = build_docx(locked / "out")
    assert result.exit_code == 2
    assert "nie można zapisać dokumentów w folderze" in result.output
    assert str(locked) in result.output and "brak uprawnień do zapisu" in result.output
    assert "Traceback" not in result.output
    assert list(locked.iterdir()) == []


def test_an_existing_output_that_cannot_be_written_is_kept(tmp_path):
    out = tmp_path / "out"
    assert build_docx(out).exit_code == 0
    before = snapshot(out)
    with unwritable(out):
        result = build_docx(out, "--lang", "both")
    assert result.exit_code == 2, result.output
    assert "nie można zapisać dokumentów" in result.output and "Traceback" not in result.output
    assert snapshot(out) == before
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def _small_file_limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_000, 16_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_disk_that_fills_up_during_a_rebuild_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    assert build_docx(out).exit_code == 0
    before = snapshot(out)
    run = subprocess.run(
        [sys.executable, "-m", "deedgen", "build", SHEET, "-o", str(out), "--format", "docx"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_small_file_limit,
    )
    assert run.returncode == 2, run.stderr
    assert f"nie można zapisać dokumentów w folderze {out}" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(out) == before
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_the_next_build_removes_what_a_killed_build_left_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.Popen(["true"])
    dead.wait()
    killed = tmp_path / ".out.k1ll3d00"  # a build killed by SIGKILL left its staging folder
    killed.mkdir()
    (killed / "deklaracja-partnerstwa.docx").write_bytes(b"half")
    (killed / STAGING_MARKER).write_text(f"{dead.pid} 12345")
    running = tmp_path / ".out.runn1ng0"  # a build still running into the same folder
    running.mkdir()
    from deedgen.fsutil import _process_stamp

    (running / STAGING_MARKER).write_text(_process_stamp(os.getpid()))
    users = tmp_path / ".out.moje-dan"  # the user's own hidden folder with a look-alike name
    users.mkdir()
    (users / "wazne.txt").write_text("moje")
    assert build_docx(out).exit_code == 0
    assert not killed.exists()
    assert running.is_dir()
    assert (users / "wazne.txt").read_text() == "moje"
    assert STAGING_MARKER not in os.listdir(out)


def test_a_first_build_has_no_marker_and_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        assert build_docx(tmp_path / "out").exit_code == 0
    finally:
        os.umask(old)
    out = tmp_path / "out"
    assert STAGING_MARKER not in os.listdir(out)
    assert oct(out.stat().st_mode & 0o777) == "0o755"
    assert {oct(p.stat().st_mode & 0o777) for p in out.iterdir()} == {"0o644"}


def test_an_interrupt_while_the_staging_folder_is_made_leaves_nothing(tmp_path, monkeypatch):
    """A batch worker's Ctrl-C landing between mkdtemp and the marker left an unmarked hidden
    folder that no later run would dare remove; the interrupt now waits until the folder is
    marked, then the build stops and removes it."""
    from deedgen import fsutil
    from deedgen.pipeline import write

    def make_then_interrupted(outdir):
        staging = fsutil.make_staging(outdir)
        fsutil.interrupt()  # what the worker's SIGINT handler calls
        return staging

    monkeypatch.setattr(write, "make_staging", make_then_interrupted)
    result = build_docx(tmp_path / "out")

    assert result.exit_code != 0 and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == []  # no staging folder, no output folder
