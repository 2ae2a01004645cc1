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

import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from deedgen.exceptions import ConversionError, OutputError
from deedgen.fsutil import usable_cores
from deedgen.render.soffice_worker import ConversionResult, SofficeWorker, profile_arg

SOFFICE_PACKAGE = "libreoffice-writer-nogui"  # the Debian package that provides headless Writer


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
                [str(soffice.binary), profile_arg(Path(profile)), "--version"],
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
        self.workers = max(1, workers or usable_cores())
        self.timeout = float(timeout)
        self.startup_timeout = float(startup_timeout)
        self.filter = export_filter(pdfa=pdfa, tagged=tagged)
        self.stats = ConverterStats()
        self._stats_lock = threading.Lock()
        self._busy = threading.Lock()  # the workers' folders serve one convert() at a time
        self._root = Path(tempfile.mkdtemp(prefix="deedgen-lo-", dir=workdir))
        self._slots = [SofficeWorker(self, self._root / f"worker-{i}") for i in range(self.workers)]
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
            return self._convert([Path(source).absolute() for source in sources], Path(outdir))

    def _convert(self, paths: list[Path], outdir: Path) -> list[ConversionResult]:
        if self._closed:
            raise ConversionError("this PdfConverter is closed")
        target = _prepare_outdir(outdir, paths)
        results = {
            path: ConversionResult(path, error="file not found")
            for path in paths
            if not path.is_file()
        }
        found = [path for path in paths if path not in results]
        chunks = [chunk for chunk in _split(found, self.workers) if chunk]
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
            self.stats.failed += sum(1 for path in paths if not results[path].ok)
            self.stats.converted += sum(1 for path in paths if results[path].ok)
        return [results[path] for path in paths]

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
    for source in sorted(sources, key=lambda source: source.stat().st_size, reverse=True):
        lightest = loads.index(min(loads))
        lists[lightest].append(source)
        loads[lightest] += source.stat().st_size
    order = {s: i for i, s in enumerate(sources)}
    return [sorted(chunk, key=order.__getitem__) for chunk in lists]
