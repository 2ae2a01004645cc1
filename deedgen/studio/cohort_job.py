"""Build the workspace's cohort from the studio: ``deedgen batch WORKSPACE -o out/kohorta``.

The batch runs in a child process: ``run_batch`` installs signal handlers, which only a
process's main thread may do, and a cohort is long work that must not hold the server. The
child reports the batch's progress events through a queue; a thread of the studio folds them
into :class:`CohortProgress`, which the page polls.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

COHORT_FOLDER = "kohorta"
NICENESS = 10  # the build's processes yield the cores to the server's requests


@dataclass
class CohortProgress:
    """What the page shows of a cohort build while it runs and when it has ended."""

    running: bool = False
    phase: str = ""
    total: int = 0
    done: int = 0
    started: float = 0.0
    last: list[str] = field(default_factory=list)  # the latest coalitions done, newest first
    error: str | None = None
    counts: dict | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def eta_seconds(self) -> int | None:
        if not self.running or not self.done or not self.total:
            return None
        elapsed = time.monotonic() - self.started
        return round(elapsed / self.done * (self.total - self.done))


class CohortJob:
    """At most one cohort build of a workspace at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.outdir = root / "out" / COHORT_FOLDER
        self.progress = CohortProgress()
        self._lock = threading.Lock()

    def start(self) -> bool:
        """Start a build; False when one is already running."""
        with self._lock:
            if self.progress.running:
                return False
            self.progress = CohortProgress(running=True, started=time.monotonic())
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        process = context.Process(target=_build, args=(str(self.root), str(self.outdir), queue))
        process.start()
        threading.Thread(target=self._follow, args=(process, queue), daemon=True).start()
        return True

    def _follow(self, process, queue) -> None:
        progress = self.progress
        while True:
            try:
                kind, *payload = queue.get(timeout=1.0)
            except Exception:  # queue.Empty: still working, unless the child died
                if not process.is_alive():
                    progress.error = progress.error or "budowanie kohorty przerwane"
                    break
                continue
            if kind == "phase":
                progress.phase, progress.total, progress.done = payload[0], payload[1], 0
            elif kind == "advance":
                progress.done += 1
                progress.last = [payload[0], *progress.last][:5]
            elif kind in ("done", "error"):
                progress.counts = payload[0] if kind == "done" else None
                progress.error = payload[0] if kind == "error" else None
                break
        process.join(5)
        progress.running = False

    def report(self) -> dict | None:
        """The last cohort report (summary.json), if a build has written one."""
        summary = self.outdir / "summary.json"
        if not summary.is_file():
            return None
        return json.loads(summary.read_text(encoding="utf-8"))


def _build(root: str, outdir: str, queue) -> None:
    """The child process: run the batch on the workspace folder, reporting through *queue*."""
    from deedgen.batch import BatchOptions, Progress, run_batch
    from deedgen.exceptions import DeedgenError
    from deedgen.fsutil import usable_cores
    from deedgen.options import BuildOptions
    from deedgen.studio.workspace import Workspace

    class QueueProgress(Progress):
        def phase(self, name: str, total: int) -> None:
            queue.put(("phase", name, total))

        def advance(self, event: dict) -> None:
            queue.put(("advance", f"{event.get('label', '')}: {event.get('status', '')}"))

    _lower_priority()
    try:
        # one core stays with the web server: the people editing keep a quick studio
        jobs = max(1, usable_cores() - 1)
        options = BatchOptions(build=BuildOptions(library=Workspace(root).library()), jobs=jobs)
        result = run_batch(root, outdir, options, progress=QueueProgress())
        queue.put(("done", dict(result.counts)))
    except DeedgenError as error:
        queue.put(("error", error.message))
    except Exception as error:  # noqa: BLE001 — the page must learn why the child stopped
        queue.put(("error", f"{type(error).__name__}: {error}"))


def _lower_priority() -> None:
    """The child and everything it starts (the batch's workers, LibreOffice, Typst inherit
    it) run at a lower priority than the server: a person waiting for a field's check comes
    before a document of the cohort."""
    import contextlib
    import os

    # not on POSIX, or not allowed: the same priority as the server
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICENESS)
