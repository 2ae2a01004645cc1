"""Build the workspace's cohort from the studio: ``deedgen batch WORKSPACE -o out/kohorta``.

The batch runs in a child process: ``run_batch`` installs signal handlers, which only a
process's main thread may do, and a cohort is long work that must not hold the server. The
child reports the batch's progress events through a queue; a thread of the studio folds them
into :class:`CohortProgress`, which the page polls.

The server may run in several processes (``deedgen studio --workers``): "one build at a time"
is a lock file held while a build runs (``.deedgen-history/.cohort.lock``, released when the
process that started it ends, whatever way it ends), and the progress is a JSON file of the
workspace, so a page served by any process shows the build started by another.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.fsutil import atomic_write_text
from deedgen.studio.locks import FileLock, state_file

COHORT_FOLDER = "kohorta"
LOCK = ".cohort.lock"
PROGRESS = ".cohort-progress.json"
NICENESS = 10  # the build's processes yield the cores to the server's requests


@dataclass
class CohortProgress:
    """What the page shows of a cohort build while it runs and when it has ended."""

    running: bool = False
    phase: str = ""
    total: int = 0
    done: int = 0
    started: float = 0.0  # time.time(): the processes of one server share the wall clock
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
        elapsed = max(0.0, time.time() - self.started)
        return round(elapsed / self.done * (self.total - self.done))


class CohortJob:
    """At most one cohort build of a workspace at a time, across the server's processes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.outdir = root / "out" / COHORT_FOLDER
        self._lock = threading.Lock()

    @property
    def progress(self) -> CohortProgress:
        """The running build's progress, or the last build's outcome (whoever started it)."""
        progress = self._saved()
        if progress.running and not FileLock(state_file(self.root, LOCK)).held_elsewhere():
            progress = self._saved()  # read again: the build may have ended just now
            if progress.running:  # its process ended without saying so (killed with the server)
                progress.running = False
                progress.error = progress.error or "budowanie kohorty przerwane"
        return progress

    def _saved(self) -> CohortProgress:
        try:
            saved = json.loads(state_file(self.root, PROGRESS).read_text(encoding="utf-8"))
            return CohortProgress(**saved)
        except (OSError, ValueError, TypeError):
            return CohortProgress()

    def start(self) -> bool:
        """Start a build; False when one is already running."""
        lock = FileLock(state_file(self.root, LOCK))
        with self._lock:
            if not lock.acquire(blocking=False):
                return False
            progress = CohortProgress(running=True, started=time.time())
            self._save(progress)
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        process = context.Process(target=_build, args=(str(self.root), str(self.outdir), queue))
        try:
            process.start()
        except BaseException:
            progress.running, progress.error = False, "nie udało się uruchomić budowania"
            self._save(progress)
            lock.release()
            raise
        threading.Thread(
            target=self._follow, args=(process, queue, progress, lock), daemon=True
        ).start()
        return True

    def _save(self, progress: CohortProgress) -> None:
        text = json.dumps(dataclasses.asdict(progress), ensure_ascii=False)
        atomic_write_text(state_file(self.root, PROGRESS), text)

    def _follow(self, process, queue, progress: CohortProgress, lock: FileLock) -> None:
        try:
            self._fold(process, queue, progress)
            process.join(5)
        finally:
            progress.running = False
            self._save(progress)
            lock.release()

    def _fold(self, process, queue, progress: CohortProgress) -> None:
        """Fold the child's events into *progress*, saved after each, until it ends."""
        while True:
            try:
                kind, *payload = queue.get(timeout=1.0)
            except Exception:  # queue.Empty: still working, unless the child died
                if not process.is_alive():
                    progress.error = progress.error or "budowanie kohorty przerwane"
                    return
                continue
            if kind == "phase":
                progress.phase, progress.total, progress.done = payload[0], payload[1], 0
            elif kind == "advance":
                progress.done += 1
                progress.last = [payload[0], *progress.last][:5]
            elif kind in ("done", "error"):
                progress.counts = payload[0] if kind == "done" else None
                progress.error = payload[0] if kind == "error" else None
                return
            self._save(progress)

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
