"""Interrupting a batch: a SIGKILL leaves no half-written file and no process behind, Ctrl-C
stops cleanly with a report; the next run builds only what is missing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from deedgen.manifest import sha256_file
from tests.batch.conftest import assert_no_leftovers, report, sheet, write_cohort
from tests.helpers import ROOT


def start_batch(log: Path, *args) -> subprocess.Popen:
    """``python -m deedgen batch …`` in a session of its own (so its processes can be found)."""
    command = [sys.executable, "-m", "deedgen", "batch", *map(str, args), "-q"]
    with open(log, "w") as stderr:
        return subprocess.Popen(
            command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=stderr
        )


def wait_for(condition, process: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(
                f"the batch ended (exit {process.returncode}) before it could be interrupted: {log.read_text()}"
            )
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail("timed out waiting for the batch")
        time.sleep(0.05)


def rerun_to_the_end(*args) -> None:
    """Run the same batch again, quietly, and expect it to finish with every coalition built."""
    rerun = subprocess.run(
        [sys.executable, "-m", "deedgen", "batch", *map(str, args), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr


def manifests(out: Path) -> list[Path]:
    return sorted(out.glob("[0-9]*/manifest.json"))


def processes() -> list[tuple[int, int, str]]:
    """(pid, session id, command line) of every process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            found.append((int(entry.name), int(fields[3]), cmdline))
    return found


def survivors(session: int, out: Path) -> list[str]:
    """Processes of the batch's session, and LibreOffice processes using its folder."""
    return [
        cmd
        for pid, sid, cmd in processes()
        if sid == session or ("soffice" in cmd and str(out) in cmd)
    ]


def soffice_busy(out: Path) -> bool:
    return any("soffice" in cmd and str(out) in cmd for _, _, cmd in processes())


def assert_whole(out: Path) -> None:
    """Every file outside the hidden scratch is whole: each coalition's manifest matches its
    files, every PDF ends, every DOCX is a readable ZIP; no temporary file anywhere visible."""
    for manifest_path in manifests(out):
        folder = manifest_path.parent
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for name in manifest["files"]:
            assert (folder / name).is_file(), f"{folder.name}/{name} listed but missing"
        for document in manifest["documents"]:
            for ext in ("docx", "pdf"):
                if ext in document:
                    assert sha256_file(folder / document[ext]) == document[f"{ext}_sha256"]
        for bundle in manifest["bundles"]:
            assert sha256_file(folder / bundle["file"]) == bundle["sha256"]
    for path in out.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(out).parts):
            continue
        assert not path.name.endswith((".part", ".tmp")), path
        if path.suffix == ".pdf":
            assert b"%%EOF" in path.read_bytes()[-1024:], path
        if path.suffix in (".docx", ".xlsx"):
            assert zipfile.ZipFile(path).testzip() is None, path


def test_a_killed_batch_leaves_nothing_half_done_and_resumes(tmp_path):
    small = {f"s{i}.yaml": sheet(i, parties=3, actions=2) for i in range(3)}
    cohort = write_cohort(tmp_path / "kohorta", small)
    out = tmp_path / "out"
    # the LibreOffice engine: its processes must die with the batch too
    args = (cohort, "-o", out, "--format", "all", "-j", "1", "--chunk", "1")
    args += ("--pdf-engine", "libreoffice")
    log = tmp_path / "batch.log"
    batch = start_batch(log, *args)

    # kill it when one coalition is done and LibreOffice is converting the next
    wait_for(lambda: manifests(out) and soffice_busy(out), batch, log)
    done_before = {p.parent.name for p in manifests(out)}
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait(timeout=30)

    deadline = time.monotonic() + 20
    while survivors(batch.pid, out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert survivors(batch.pid, out) == []  # workers and their LibreOffice died with it
    assert_whole(out)

    rerun_to_the_end(*args)
    rows = report(out)["rows"]
    assert {r["folder"] for r in rows if r["status"] == "skipped-unchanged"} == done_before
    assert len([r for r in rows if r["status"] == "built"]) == len(small) - len(done_before)
    for row in rows:
        assert row["bundles"] and all(Path(out / d["pdf"]).is_file() for d in row["documents"])
    assert_whole(out)
    assert_no_leftovers(out)


def test_ctrl_c_stops_cleanly_writes_the_report_and_the_rerun_finishes(tmp_path):
    cohort = write_cohort(tmp_path / "kohorta", {f"s{i:02d}.yaml": sheet(i) for i in range(24)})
    out = tmp_path / "out"
    args = (cohort, "-o", out, "--format", "docx", "-j", "1", "--chunk", "2")
    log = tmp_path / "batch.log"
    batch = start_batch(log, *args)

    wait_for(lambda: len(manifests(out)) >= 2, batch, log)
    batch.send_signal(signal.SIGINT)
    assert batch.wait(timeout=120) == 130

    interrupted = report(out)
    assert interrupted["interrupted"] is True
    statuses = [r["status"] for r in interrupted["rows"]]
    assert "pending" in statuses and statuses.count("built") >= 2
    assert_whole(out)
    assert_no_leftovers(out)

    rerun_to_the_end(*args)
    final = report(out)["rows"]
    built_before = {r["folder"] for r in interrupted["rows"] if r["status"] == "built"}
    assert {r["folder"] for r in final if r["status"] == "skipped-unchanged"} == built_before
    assert {r["status"] for r in final} <= {"built", "skipped-unchanged"} and len(final) == 24
