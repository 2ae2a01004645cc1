"""A coalition that hangs in a batch is stopped by the parent when it goes over the time limit,
reported failed with a Polish reason, and the others are built (issue 13). The hang is real: the
worker process is frozen with SIGSTOP the moment the build phase begins, as a worker stuck in a
system call or a LibreOffice that never answers would be."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

from deedgen.batch import BatchOptions, run_batch
from deedgen.batch.options import Progress
from deedgen.options import BuildOptions
from tests.helpers import SAMPLES

LIMIT = 3.0


class FreezeTheWorker(Progress):
    """Freezes the batch's worker process when the build phase starts (once)."""

    def __init__(self) -> None:
        self.frozen: list[int] = []
        # children of this process from before the batch are not the batch's workers
        self.others = {child.pid for child in multiprocessing.active_children()}

    def phase(self, name: str, total: int) -> None:
        if name == "build" and not self.frozen:
            for child in multiprocessing.active_children():
                if child.pid not in self.others:
                    os.kill(child.pid, signal.SIGSTOP)
                    self.frozen.append(child.pid)


def test_a_hanging_coalition_is_stopped_reported_and_the_batch_goes_on(tmp_path):
    cohort = tmp_path / "kohorta"
    cohort.mkdir()
    for name in ("lipowiec.yaml", "brzeziny-nowe.yaml"):
        shutil.copy(SAMPLES / name, cohort)
    options = BatchOptions(
        build=BuildOptions(formats=("docx",)), jobs=1, chunk=1, coalition_timeout=LIMIT
    )
    progress = FreezeTheWorker()

    started = time.monotonic()
    result = run_batch(cohort, tmp_path / "out", options, progress=progress)
    seconds = time.monotonic() - started

    assert progress.frozen, "the batch had no worker to freeze"
    assert result.counts.get("failed") == 1 and result.counts.get("built") == 1, result.counts
    assert result.exit_code == 1
    rows = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["rows"]
    failed = [row for row in rows if row["status"] == "failed"]
    assert "przekroczono limit czasu" in failed[0]["errors"][0]
    assert f"{LIMIT:g} s" in failed[0]["errors"][0]
    assert seconds < 60  # stopped, not waited for
    for pid in progress.frozen:  # the frozen worker was killed, not left behind
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or ") Z " in stat.read_text()


class KillTheWorker(FreezeTheWorker):
    """Kills the batch's worker process when the build phase starts (once), as the kernel's
    out-of-memory killer would; counts the build phase's progress events."""

    def __init__(self) -> None:
        super().__init__()
        self.built: list[str] = []

    def phase(self, name: str, total: int) -> None:
        self.name = name
        if name == "build" and not self.frozen:
            for child in multiprocessing.active_children():
                if child.pid not in self.others:
                    os.kill(child.pid, signal.SIGKILL)
                    self.frozen.append(child.pid)
            time.sleep(0.5)  # the pool sees its worker gone before the first chunk is sent

    def advance(self, event: dict) -> None:
        if self.name == "build":
            self.built.append(event["status"])


def test_a_killed_worker_is_replaced_and_its_coalitions_are_built(tmp_path):
    cohort = tmp_path / "kohorta"
    cohort.mkdir()
    for name in ("lipowiec.yaml", "brzeziny-nowe.yaml"):
        shutil.copy(SAMPLES / name, cohort)
    options = BatchOptions(build=BuildOptions(formats=("docx",)), jobs=1, chunk=1)
    progress = KillTheWorker()

    result = run_batch(cohort, tmp_path / "out", options, progress=progress)

    assert progress.frozen, "the batch had no worker to kill"
    assert result.counts.get("built") == 2 and result.exit_code == 0, result.counts
    # the new pool's progress reaches the batch (a new queue: the dead worker's may be stuck)
    assert progress.built == ["built", "built"]
