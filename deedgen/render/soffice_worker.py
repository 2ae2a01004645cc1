"""One slot of a :class:`~deedgen.render.pdf.PdfConverter`: a private LibreOffice profile and at
most one ``soffice.bin`` process at a time, watched for progress, killed with its whole process
group when it hangs, when the converter closes and at interpreter exit (see the
:mod:`deedgen.render.pdf` docstring for why the process is started the way it is)."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deedgen.exceptions import ConversionError, OutputError
from deedgen.fsutil import die_with_parent_command

if TYPE_CHECKING:
    from deedgen.render.pdf import PdfConverter

RESTART_EXIT_CODE = 81  # soffice.bin asks its launcher to restart it (first start of a profile)

POLL_SECONDS = 0.05

MAX_CRASH_ATTEMPTS = 2  # a document being converted when LibreOffice crashed is tried once more


@dataclass(frozen=True)
class ConversionResult:
    """The outcome for one input: the PDF written, or why there is none."""

    source: Path
    pdf: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.pdf is not None


@dataclass
class _Run:
    """One soffice call: which sources got a PDF, and how the process ended."""

    done: list[Path]
    returncode: int | None
    timed_out: bool
    stderr: str = ""


class SofficeWorker:
    """One pool slot: a private profile, and at most one soffice process at a time."""

    def __init__(self, converter: PdfConverter, home: Path) -> None:
        self.converter = converter
        self.home = home
        self.profile = home / "profile"
        self.outdir = home / "out"
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def convert(self, sources: list[Path], target: Path) -> list[ConversionResult]:
        """Convert ``sources`` into ``target`` with as few soffice calls as the documents allow:
        one, unless a document hangs or crashes LibreOffice."""
        results: list[ConversionResult] = []
        attempts = dict.fromkeys(sources, 0)
        pending = list(sources)
        fresh_profile_restarts = 0
        while pending and not self.converter.closed:
            run = self._run(pending)
            results += [self._deliver(source, target) for source in run.done]
            if run.returncode == RESTART_EXIT_CODE and not run.done and fresh_profile_restarts < 3:
                fresh_profile_restarts += 1  # the profile was just set up; now it converts
                self.converter._count("profile_setups")
                continue
            # LibreOffice works through its list in order: documents before the last PDF it wrote
            # were skipped (unreadable); the one after it is the one it was busy with.
            last_done = max((pending.index(source) for source in run.done), default=-1)
            skipped = [source for source in pending[: last_done + 1] if source not in run.done]
            results += [ConversionResult(source, error=_load_error(run)) for source in skipped]
            pending = pending[last_done + 1 :]
            if not pending:
                break
            if not run.timed_out and run.returncode == 0:  # finished, so the rest failed to load
                results += [ConversionResult(source, error=_load_error(run)) for source in pending]
                break
            culprit = pending.pop(0)
            attempts[culprit] += 1
            if run.timed_out:
                self.converter._count("timeouts")
                reason = f"LibreOffice produced no PDF within {self.converter.timeout:g} s"
                results.append(ConversionResult(culprit, error=reason))
            else:
                self.converter._count("crashes")
                if attempts[culprit] < MAX_CRASH_ATTEMPTS:
                    pending.insert(0, culprit)  # the crash may not be its fault: once more
                else:
                    reason = f"LibreOffice crashed ({_describe_exit(run.returncode)})"
                    results.append(ConversionResult(culprit, error=reason))
        finished = {r.source for r in results}
        unfinished = [source for source in sources if source not in finished]
        results += [ConversionResult(source, error="cancelled") for source in unfinished]
        return results

    def _deliver(self, source: Path, target: Path) -> ConversionResult:
        """Move a finished PDF out of the worker's folder (the next call empties it)."""
        destination = target / f"{source.stem}.pdf"
        try:
            shutil.move(self.outdir / destination.name, destination)
        except OSError as e:
            raise OutputError(f"cannot write {destination}: {e}") from e
        return ConversionResult(source, pdf=destination)

    def _run(self, sources: list[Path]) -> _Run:
        """One soffice call over ``sources``, watched for progress; the process is gone after."""
        shutil.rmtree(self.outdir, ignore_errors=True)
        self.outdir.mkdir(parents=True)
        self.home.mkdir(parents=True, exist_ok=True)
        expected = {source: self.outdir / f"{source.stem}.pdf" for source in sources}
        stderr_path = self.home / "stderr.txt"
        with open(stderr_path, "wb") as stderr:
            process = self._start(sources, stderr)
            done: list[Path] = []
            timeout = self.converter.timeout
            deadline = time.monotonic() + self.converter.startup_timeout + timeout
            timed_out = False
            try:
                while True:
                    returncode = process.poll()
                    new = [
                        source
                        for source in sources
                        if source not in done and _complete_pdf(expected[source])
                    ]
                    if new:
                        done += new
                        deadline = time.monotonic() + timeout
                    if returncode is not None or self.converter.closed:
                        break
                    if time.monotonic() > deadline:
                        timed_out = True
                        break
                    time.sleep(POLL_SECONDS)
            finally:
                self.kill()  # the group: nothing the call started may survive it
        if timed_out or returncode not in (0, None):
            # a PDF may have been half-written when the process died
            done = [source for source in done if _complete_pdf(expected[source])]
        else:
            done = [source for source in sources if _complete_pdf(expected[source])]
        done.sort(key=sources.index)
        text = stderr_path.read_text(errors="replace")
        return _Run(done, None if timed_out else process.returncode, timed_out, text)

    def _start(self, sources: list[Path], stderr) -> subprocess.Popen:
        soffice = self.converter.soffice
        command = [
            str(soffice.binary),
            profile_arg(self.profile),
            "--headless",
            "--invisible",
            "--norestore",  # a killed run leaves recovery data; never try to restore it
            "--nologo",
            "--nodefault",
            "--convert-to",
            self.converter.filter,
            "--outdir",
            str(self.outdir),
            *map(str, sources),
        ]
        command, preexec = die_with_parent_command(command) if soffice.direct else (command, None)
        with self._lock:
            if self.converter.closed:
                raise ConversionError("this PdfConverter is closed")
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group, so one killpg reaches all
                preexec_fn=preexec,
                cwd=self.home,
            )
            _LIVE_GROUPS.add(self._process.pid)
        self.converter._count("processes")
        return self._process

    def kill(self) -> None:
        """Kill the current soffice process group, if any, and reap the process."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        _kill_group(process.pid)
        _LIVE_GROUPS.discard(process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


_LIVE_GROUPS: set[int] = set()  # process groups of running soffice calls, for the atexit hook


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


@atexit.register
def _kill_leftovers() -> None:
    for pgid in list(_LIVE_GROUPS):
        _kill_group(pgid)


def profile_arg(profile: Path) -> str:
    return f"-env:UserInstallation={profile.absolute().as_uri()}"


def _complete_pdf(path: Path) -> bool:
    """True when ``path`` is a PDF written to the end (LibreOffice writes it in place)."""
    try:
        with open(path, "rb") as pdf:
            pdf.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in pdf.read()
    except OSError:
        return False


def _load_error(run: _Run) -> str:
    if "could not be loaded" in run.stderr:
        return "LibreOffice could not load the document (corrupt, or not a DOCX)"
    return "LibreOffice wrote no PDF for the document"


def _describe_exit(returncode: int | None) -> str:
    if returncode is not None and returncode < 0:
        return f"killed by {signal.Signals(-returncode).name}"
    return f"exit code {returncode}"
