"""DOCX → PDF with LibreOffice headless, a batch at a time.

Starting LibreOffice costs most of a second, converting a short document a fraction of it. So a
:class:`PdfConverter` splits a batch into one list per worker and each worker converts its whole
list in **one** ``soffice --convert-to pdf f1 f2 …`` call. Two such calls side by side on a
2-core machine are the fastest arrangement measured (see ``bench/bench_pdf.py``).

Each worker has its own LibreOffice profile in a private temporary folder, so a user's open
LibreOffice is never disturbed, and keeps it between calls, so later calls start warm.

No soffice process outlives the converter:

- ``soffice`` is a shell script that runs ``oosplash``, which runs ``soffice.bin`` as a child. We
  run ``soffice.bin`` directly (a fresh profile makes it exit with code 81 once, "restart me",
  which ``oosplash`` would otherwise handle), so the process we start is the one that converts;
- it runs in a process group of its own, which is killed on timeout, on :meth:`PdfConverter.close`,
  on an exception in the caller and at interpreter exit;
- on Linux it gets ``PR_SET_PDEATHSIG = SIGKILL`` (through util-linux ``setpriv``, else
  ``prctl``), so the kernel kills it even when the Python process itself is killed with SIGKILL.
  The signal follows the death of the *thread* that started soffice: each worker thread waits for
  its process, so the two end together.

A document that produces no PDF within ``timeout`` seconds is reported failed and the worker is
restarted for the rest; a LibreOffice crash gets the document being converted one more try.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from deedgen.exceptions import ConversionError, OutputError

SOFFICE_PACKAGE = "libreoffice-writer-nogui"  # the Debian package that provides headless Writer
RESTART_EXIT_CODE = 81  # soffice.bin asks its launcher to restart it (first start of a profile)
POLL_SECONDS = 0.05
PR_SET_PDEATHSIG = 1  # linux/prctl.h
MAX_CRASH_ATTEMPTS = 2  # a document being converted when LibreOffice crashed is tried once more


@dataclass(frozen=True)
class Soffice:
    """Where LibreOffice is: the launcher found on PATH and the binary that does the work."""

    launcher: Path  # e.g. /usr/bin/soffice (a shell script)
    binary: Path  # soffice.bin next to it, or the launcher itself where there is none

    @property
    def direct(self) -> bool:
        """True when we can run soffice.bin ourselves (and so own the converting process)."""
        return self.binary != self.launcher


def find_soffice(path: str | os.PathLike | None = None) -> Soffice:
    """Locate LibreOffice: ``path`` if given, else ``soffice`` or ``libreoffice`` on PATH.

    Raises :class:`ConversionError` naming the package to install when it is not there.
    """
    found = str(path) if path else shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not Path(found).exists():
        raise ConversionError(
            "LibreOffice (soffice) was not found on PATH; PDF output needs it. "
            f"Install it with: apt-get install {SOFFICE_PACKAGE}"
        )
    launcher = Path(found)
    binary = launcher.resolve().parent / "soffice.bin"
    return Soffice(launcher=launcher, binary=binary if binary.exists() else launcher)


def soffice_version(soffice: Soffice | None = None, *, timeout: float = 30) -> str:
    """LibreOffice's version line, e.g. ``LibreOffice 7.4.7.2 40(Build:2)``."""
    soffice = soffice or find_soffice()
    with tempfile.TemporaryDirectory(prefix="deedgen-lo-") as profile:
        try:
            done = subprocess.run(
                [str(soffice.binary), _profile_arg(Path(profile)), "--version"],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ConversionError(f"{soffice.binary} --version failed: {e}") from e
    return done.stdout.strip() or done.stderr.strip()


def export_filter(*, pdfa: bool = False, tagged: bool = True) -> str:
    """The ``--convert-to`` argument: Writer's PDF export with JSON filter options (LO ≥ 7.4).

    ``pdfa`` selects PDF/A-2b (``SelectPdfVersion`` 2), which also embeds every font and writes
    an sRGB output intent; ``tagged`` writes the structure tree screen readers need.
    """
    options: dict[str, dict[str, str]] = {
        "UseTaggedPDF": {"type": "boolean", "value": "true" if tagged else "false"},
    }
    if pdfa:
        options["SelectPdfVersion"] = {"type": "long", "value": "2"}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


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
class ConverterStats:
    """What a converter did so far (for benchmarks, logs and tests)."""

    processes: int = 0  # soffice processes started
    profile_setups: int = 0  # of which first starts of a fresh profile (exit at once, code 81)
    converted: int = 0
    failed: int = 0
    timeouts: int = 0
    crashes: int = 0


def raise_for_failures(results: Iterable[ConversionResult]) -> list[Path]:
    """The PDFs of ``results``, or one :class:`ConversionError` that lists every failure."""
    results = list(results)
    failures = [r for r in results if not r.ok]
    if failures:
        lines = [f"{len(failures)} of {len(results)} documents could not be converted to PDF:"]
        lines += [f"  - {r.source.name}: {r.error}" for r in failures]
        raise ConversionError("\n".join(lines))
    return [r.pdf for r in results if r.pdf is not None]


class PdfConverter:
    """A pool of LibreOffice workers converting DOCX files to PDF; use it as a context manager.

    ``workers`` defaults to one per available core; ``timeout`` is the number of seconds a
    document may take, and ``startup_timeout`` what LibreOffice may take on top of that to start
    (for the first document of each soffice call); ``pdfa`` writes PDF/A-2b; ``tagged`` writes
    tagged (accessible) PDF; ``soffice`` overrides the LibreOffice found on PATH; ``workdir`` is
    where the private profiles go (default: the system temp dir).
    """

    def __init__(
        self,
        workers: int | None = None,
        timeout: float = 60,
        *,
        startup_timeout: float = 30,
        pdfa: bool = False,
        tagged: bool = True,
        soffice: str | os.PathLike | None = None,
        workdir: str | os.PathLike | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.soffice = find_soffice(soffice)
        self.workers = max(1, workers or _available_cores())
        self.timeout = float(timeout)
        self.startup_timeout = float(startup_timeout)
        self.filter = export_filter(pdfa=pdfa, tagged=tagged)
        self.stats = ConverterStats()
        self._stats_lock = threading.Lock()
        self._busy = threading.Lock()  # the workers' folders serve one convert() at a time
        self._root = Path(tempfile.mkdtemp(prefix="deedgen-lo-", dir=workdir))
        self._slots = [_Worker(self, self._root / f"worker-{i}") for i in range(self.workers)]
        self._closed = False

    def __enter__(self) -> PdfConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def convert(
        self, sources: Sequence[str | os.PathLike], outdir: str | os.PathLike
    ) -> list[ConversionResult]:
        """Convert every DOCX in ``sources`` to ``outdir/<stem>.pdf``; one result per source, in
        order. Failures are reported in the results, not raised (see :func:`raise_for_failures`).
        May be called many times, one call at a time; a batch can feed its documents in chunks."""
        with self._busy:
            return self._convert([Path(s).absolute() for s in sources], Path(outdir))

    def _convert(self, paths: list[Path], outdir: Path) -> list[ConversionResult]:
        if self._closed:
            raise ConversionError("this PdfConverter is closed")
        target = _prepare_outdir(outdir, paths)
        results = {p: ConversionResult(p, error="file not found") for p in paths if not p.is_file()}
        chunks = [c for c in _split([p for p in paths if p not in results], self.workers) if c]
        with ThreadPoolExecutor(max_workers=max(1, len(chunks))) as pool:
            runs = [
                pool.submit(slot.convert, chunk, target)
                for slot, chunk in zip(self._slots, chunks, strict=False)
            ]
            try:
                for run in runs:
                    results.update((r.source, r) for r in run.result())
            except BaseException:
                # e.g. Ctrl-C: kill the workers' soffice now, before the pool waits for them
                self._kill_all()
                raise
        with self._stats_lock:
            self.stats.failed += sum(1 for p in paths if not results[p].ok)
            self.stats.converted += sum(1 for p in paths if results[p].ok)
        return [results[p] for p in paths]

    def convert_one(self, source: str | os.PathLike, outdir: str | os.PathLike) -> Path:
        """Convert one DOCX; return its PDF or raise :class:`ConversionError`."""
        return raise_for_failures(self.convert([source], outdir))[0]

    def close(self) -> None:
        """Kill any soffice still running and delete the private profiles. Idempotent."""
        self._kill_all()
        shutil.rmtree(self._root, ignore_errors=True)

    @property
    def closed(self) -> bool:
        return self._closed

    def _kill_all(self) -> None:
        self._closed = True
        for slot in self._slots:
            slot.kill()

    def _count(self, what: str) -> None:
        with self._stats_lock:
            setattr(self.stats, what, getattr(self.stats, what) + 1)


def convert_one(
    source: str | os.PathLike, outdir: str | os.PathLike, *, pdfa: bool = False, timeout: float = 60
) -> Path:
    """Convert a single DOCX with a one-off converter; return the PDF's path."""
    with PdfConverter(workers=1, timeout=timeout, pdfa=pdfa) as converter:
        return converter.convert_one(source, outdir)


# Worker ------------------------------------------------------------------------------------------


@dataclass
class _Run:
    """One soffice call: which sources got a PDF, and how the process ended."""

    done: list[Path]
    returncode: int | None
    timed_out: bool
    stderr: str = ""


class _Worker:
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
            results += [self._deliver(s, target) for s in run.done]
            if run.returncode == RESTART_EXIT_CODE and not run.done and fresh_profile_restarts < 3:
                fresh_profile_restarts += 1  # the profile was just set up; now it converts
                self.converter._count("profile_setups")
                continue
            # LibreOffice works through its list in order: documents before the last PDF it wrote
            # were skipped (unreadable); the one after it is the one it was busy with.
            last_done = max((pending.index(s) for s in run.done), default=-1)
            skipped = [s for s in pending[: last_done + 1] if s not in run.done]
            results += [ConversionResult(s, error=_load_error(run)) for s in skipped]
            pending = pending[last_done + 1 :]
            if not pending:
                break
            if not run.timed_out and run.returncode == 0:  # finished, so the rest failed to load
                results += [ConversionResult(s, error=_load_error(run)) for s in pending]
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
        results += [ConversionResult(s, error="cancelled") for s in sources if s not in finished]
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
        expected = {s: self.outdir / f"{s.stem}.pdf" for s in sources}
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
                    new = [s for s in sources if s not in done and _complete_pdf(expected[s])]
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
            done = [s for s in done if _complete_pdf(expected[s])]
        else:
            done = [s for s in sources if _complete_pdf(expected[s])]
        done.sort(key=sources.index)
        text = stderr_path.read_text(errors="replace")
        return _Run(done, None if timed_out else process.returncode, timed_out, text)

    def _start(self, sources: list[Path], stderr) -> subprocess.Popen:
        soffice = self.converter.soffice
        command = [
            str(soffice.binary),
            _profile_arg(self.profile),
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
        command, preexec = _die_with_parent(command) if soffice.direct else (command, None)
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


# Helpers -----------------------------------------------------------------------------------------

_LIVE_GROUPS: set[int] = set()  # process groups of running soffice calls, for the atexit hook


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


@atexit.register
def _kill_leftovers() -> None:
    for pgid in list(_LIVE_GROUPS):
        _kill_group(pgid)


def _die_with_parent(command: list[str]):
    """``command`` changed so that the kernel kills it when the thread that starts it dies:
    through ``setpriv --pdeathsig`` where util-linux has it, else prctl() between fork and exec
    (``preexec_fn``, which Python documents as unsafe with threads; hence only a fallback)."""
    if not sys.platform.startswith("linux"):
        return command, None
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, "--pdeathsig", "KILL", "--", *command], None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return command, lambda: prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _profile_arg(profile: Path) -> str:
    return f"-env:UserInstallation={profile.absolute().as_uri()}"


def _prepare_outdir(outdir: Path, sources: list[Path]) -> Path:
    stems: dict[str, Path] = {}
    for source in sources:
        other = stems.setdefault(source.stem, source)
        if other != source:
            raise OutputError(f"{other} and {source} would both be written as {source.stem}.pdf")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output folder {outdir}: {e}") from e
    return outdir.absolute()


def _split(sources: list[Path], workers: int) -> list[list[Path]]:
    """Deal the documents out by size, largest first, each to the least loaded worker."""
    lists: list[list[Path]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for source in sorted(sources, key=lambda s: s.stat().st_size, reverse=True):
        lightest = loads.index(min(loads))
        lists[lightest].append(source)
        loads[lightest] += source.stat().st_size
    order = {s: i for i, s in enumerate(sources)}
    return [sorted(chunk, key=order.__getitem__) for chunk in lists]


def _complete_pdf(path: Path) -> bool:
    """True when ``path`` is a PDF written to the end (LibreOffice writes it in place)."""
    try:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in f.read()
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
