"""Build a cohort: every coalition of a region, in parallel, resumable, with a cohort report.

    read the cohort → load the shared inputs once → skip the coalitions whose inputs did not
    change → validate every sheet to build → name the folders → build in worker processes
    (stage DOCX → one LibreOffice call per chunk → package, move into place) → cohort report

Every coalition gets a folder ``OUTDIR/<TERC>-<gmina>`` written by :mod:`deedgen.pipeline.build`'s
phases, so each folder is replaced atomically file by file, the manifest last. A coalition that
fails (an invalid sheet, the funding conditions not met without ``--draft``, a broken clause
reference, a failed conversion) is reported and never stops the others.

**Resuming.** A coalition is skipped when its manifest records the inputs digest it would get
now (sheet and what the cohort workbook sets in it, clause library, rule set, templates,
deedgen's version, options) and every file it lists is there: a hash of the sheet and one read of
the manifest, no assembly. When only the clause library changed (a regional overlay was edited),
the coalition is re-assembled in memory and compared, clause by clause (id, version, layer, file,
hash), with its manifest, and its compliance report with the one on disk: if nothing it uses
changed, the manifest is re-stamped with the new library digest and nothing is rebuilt. So
adding a clause or editing one a coalition does not use rebuilds only the coalitions that
select it; the digest in the manifest stays the whole library's, which keeps the fast check exact.

**Work.** ``jobs`` worker processes (a ``forkserver`` pool) each load the clause library, the
rule sets and the prepared DOCX templates once, then take chunks of coalitions: stage every
coalition of the chunk, convert all its DOCX files in **one** LibreOffice call (the worker's own
:class:`~deedgen.render.pdf.PdfConverter`, kept warm between chunks), package and move each
coalition into place. While one worker's LibreOffice converts, the other workers stage and
package, so the cores stay busy. Workers send back small rows, never documents; the rows are
spooled to disk, so memory does not grow with the cohort.

**Interrupting.** Ctrl-C (or SIGTERM) stops the workers at the coalition they are at (their
staging folders are removed, LibreOffice killed), writes the report with the rest marked
``pending``, and returns; a killed batch (SIGKILL) takes its workers and their LibreOffice with
it (each worker watches a pipe from the batch process and stops when it closes; LibreOffice
dies with its worker) and leaves only hidden staging folders, removed by the next run.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from deedgen import __version__
from deedgen.cohort import Cohort, CohortEntry, read_cohort
from deedgen.exceptions import DeedgenError
from deedgen.fsutil import is_own_staging, usable_cores
from deedgen.manifest import Manifest, inputs_digest, sha256_file, sheet_inputs_sha256
from deedgen.naming import folder_name
from deedgen.options import BuildOptions

STATE_DIR = ".deedgen-batch"  # in OUTDIR: the lock, and scratch space removed after each run
EXIT_MAX_FAILED = 100  # exit codes 1–100: that many coalitions failed (100: 100 or more)
EXIT_BATCH_ERROR = 101  # the cohort, the clause library, the rules or OUTDIR cannot be used
EXIT_ENVIRONMENT = 102  # LibreOffice (or another tool) is missing
EXIT_INTERRUPTED = 130
STATUSES = ("built", "draft", "skipped-unchanged", "failed", "pending")
MAX_ERRORS_PER_ROW = 50


class BatchError(DeedgenError):
    """Raised when the batch cannot run at all: the cohort, the clause library, the rule set or
    the output folder cannot be used (the message says which)."""

    exit_code = EXIT_BATCH_ERROR


class BatchEnvironmentError(BatchError):
    """Raised when a tool the batch needs is missing (LibreOffice for PDF output)."""

    exit_code = EXIT_ENVIRONMENT


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch; ``build`` is what every coalition is built with."""

    build: BuildOptions = field(default_factory=BuildOptions)
    jobs: int | None = None  # worker processes (default: the usable cores)
    force: bool = False  # rebuild every coalition, changed or not
    chunk: int | None = None  # coalitions per worker task and per LibreOffice call
    timeout: float = 120.0  # seconds a document may take to convert


@dataclass
class BatchResult:
    outdir: Path
    counts: dict[str, int]
    reports: list[Path]
    interrupted: bool = False
    seconds: float = 0.0
    converter: dict = field(default_factory=dict)  # LibreOffice calls and documents, summed

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def exit_code(self) -> int:
        """0 when every coalition was built or skipped; else the number failed, at most 100;
        130 when interrupted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return min(self.failed, EXIT_MAX_FAILED)


class Progress:
    """What a batch tells its caller while it runs; this one says nothing (the CLI's own show a
    progress bar or plain lines)."""

    def phase(self, name: str, total: int) -> None:
        """A phase starts: ``validate`` or ``build``, with its number of coalitions."""

    def advance(self, event: dict) -> None:
        """One coalition is done in the current phase (``event``: index, label, status, error)."""

    def note(self, text: str) -> None:
        """A line worth showing (a skipped count, an interrupt)."""

    def close(self) -> None:
        pass


# --- the batch ------------------------------------------------------------------------------------


def run_batch(
    cohort: str | Path | Cohort,
    outdir: str | Path,
    options: BatchOptions = BatchOptions(),
    *,
    progress: Progress | None = None,
) -> BatchResult:
    """Build every coalition of *cohort* (a folder, a cohort workbook or a :class:`Cohort`) into
    its own folder of *outdir*, then write the cohort report ``summary.{json,html,xlsx}``.

    The work runs in worker processes started by a ``forkserver``: as with any
    :mod:`multiprocessing` code, a script that calls this must guard its top level with
    ``if __name__ == "__main__":`` (the ``deedgen`` command does)."""
    from deedgen.cohort_report import write_reports

    progress = progress or Progress()
    started = time.monotonic()
    cohort = cohort if isinstance(cohort, Cohort) else read_cohort(cohort)
    outdir = _prepare_outdir(Path(outdir))
    with BatchState(outdir) as state, _interruptible() as interrupt:
        options = _with_cohort_layers(options, cohort)
        # 1. what every coalition shares: a problem here is the whole batch's
        shared = load_shared_inputs(cohort, options.build)
        spool = RowSpool(state.scratch / "rows.jsonl", len(cohort.entries))
        try:
            stats = _build_cohort(cohort, shared, options, state, spool, progress, interrupt)
            spool.mark_pending()
            # 6. the cohort report, each file replaced atomically
            header = _report_header(cohort, shared, options, interrupt.fired)
            reports = write_reports(outdir, header, spool)
            counts = spool.counts()
        finally:
            spool.close()
            progress.close()
    return BatchResult(outdir, counts, reports, interrupt.fired, time.monotonic() - started, stats)


def _build_cohort(
    cohort: Cohort,
    shared: SharedInputs,
    options: BatchOptions,
    state: BatchState,
    spool: RowSpool,
    progress: Progress,
    interrupt: _Interrupt,
) -> dict:
    """Steps 2–5 of :func:`run_batch`; returns LibreOffice's counts."""
    outdir = state.outdir
    try:
        # 2. skip the coalitions whose manifest says their inputs did not change
        previous = index_previous_builds(outdir)
        todo = triage(cohort, shared, previous, options.build, options.force, spool)
    except KeyboardInterrupt:
        interrupt.fired = True
        return {}
    unchanged = len(cohort.entries) - len(todo)
    progress.note(
        f"{unchanged} of {len(cohort.entries)} coalitions unchanged; {len(todo)} to check"
    )
    if not todo:
        return {}
    runner = PoolRunner(
        _worker_setup(cohort, shared, options, state, outdir), options, progress, interrupt
    )
    try:
        valid = runner.validate(todo, spool)  # 3. every sheet before the first document
        assign_folders(valid, outdir)  # 4. one folder per coalition, inside OUTDIR
        runner.build(valid, spool)  # 5. stage, convert in chunks, package, move into place
    finally:
        runner.close()
    return runner.converter_stats


def _prepare_outdir(outdir: Path) -> Path:
    outdir = outdir.absolute()
    if outdir.exists() and not outdir.is_dir():
        raise BatchError(f"the output path exists and is not a folder: {outdir}")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BatchError(f"cannot create the output folder {outdir}: {e}") from e
    return outdir.resolve()


def _with_cohort_layers(options: BatchOptions, cohort: Cohort) -> BatchOptions:
    """--library overlays first (most specific), then the cohort workbook's layers."""
    selection = options.build.library
    overlays = tuple(selection.overlays) + tuple(Path(p) for p in cohort.settings.layers)
    return replace(
        options, build=replace(options.build, library=replace(selection, overlays=overlays))
    )


# --- shared inputs, loaded once ------------------------------------------------------------------


@dataclass
class SharedInputs:
    """What every coalition of the batch shares, loaded and checked before anything is built."""

    library: object  # ClauseLibrary
    library_digest: str
    templates_digest: str
    rules: object | None  # the RuleSet of --rules or of the cohort's edition; None: per sheet
    layers: list[dict]


def load_shared_inputs(cohort: Cohort, options: BuildOptions) -> SharedInputs:
    """The clause library, the rule set and the templates; a problem in any of them is the
    whole batch's, reported before any coalition is touched."""
    from deedgen.compliance.rules import load_rules
    from deedgen.manifest import library_digest, templates_digest

    problems = []
    library = rules = None
    try:
        library = options.library.load()
    except DeedgenError as e:
        problems.append(f"clause library: {e.format_message()}")
    try:
        if options.rules or cohort.settings.edition:
            rules = load_rules(options.rules or cohort.settings.edition)
    except DeedgenError as e:
        problems.append(f"funding rules: {e.format_message()}")
    missing = [
        kind
        for kind in ("preliminary", "declaration", "action_plan", "evaluation_forms")
        if not (options.template_dir / f"{kind}.docx").is_file()
    ]
    if missing:
        problems.append(f"DOCX templates missing in {options.template_dir}: {', '.join(missing)}")
    if "pdf" in options.formats:
        from deedgen.render.pdf import find_soffice

        try:
            find_soffice()
        except DeedgenError as e:
            raise BatchEnvironmentError(e.format_message()) from e
    if problems:
        raise BatchError("the batch cannot start:\n" + "\n".join(f"  - {p}" for p in problems))
    layers = [{"name": layer.name, "path": str(layer.path)} for layer in library.layers]
    return SharedInputs(
        library, library_digest(library), templates_digest(options.template_dir), rules, layers
    )


# --- what was built before -------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviousBuild:
    """The facts of a coalition folder's manifest the batch needs (the manifest itself is not
    kept: a cohort's manifests would not fit in memory)."""

    folder: str
    sheet: str
    sheet_sha256: str
    overrides: dict
    inputs_digest: str
    library_sha256: str
    rules_path: str | None
    rules_sha256: str | None
    templates_sha256: str
    options: dict
    version: str
    complete: bool  # every file the manifest lists is there
    row: dict  # the report row of a skipped coalition


def index_previous_builds(outdir: Path) -> dict[str, PreviousBuild]:
    """Sheet path → its previous build, from the manifests in *outdir*'s folders."""
    found: dict[str, PreviousBuild] = {}
    for folder in sorted(outdir.iterdir()):
        if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            continue
        manifest = Manifest.read(folder)
        if manifest is not None:
            found[manifest.sheet_path] = _previous(folder, manifest)
    return found


def _previous(folder: Path, manifest: Manifest) -> PreviousBuild:
    return PreviousBuild(
        folder=folder.name,
        sheet=manifest.sheet_path,
        sheet_sha256=manifest.sheet_sha256,
        overrides=manifest.overrides,
        inputs_digest=manifest.inputs_digest,
        library_sha256=manifest.library_sha256,
        rules_path=manifest.rules_path,
        rules_sha256=manifest.rules_sha256,
        templates_sha256=manifest.templates_sha256,
        options=manifest.options,
        version=manifest.deedgen_version,
        complete=manifest.complete(folder) and manifest.summary is not None,
        row=_row_from_manifest(folder.name, manifest),
    )


def _row_from_manifest(folder: str, manifest: Manifest) -> dict:
    return {
        **(manifest.summary or {}),
        "folder": folder,
        "terc": manifest.terc,
        "coalition": manifest.coalition,
        "draft": manifest.draft,
        "documents": manifest.document_links(folder),
        "bundles": manifest.bundle_links(folder),
    }


# --- triage: what to skip, what to build ----------------------------------------------------------


@dataclass
class Task:
    """One coalition to validate and build; small and picklable (it travels to a worker)."""

    index: int
    sheet: str
    label: str
    overrides: dict
    entry: CohortEntry
    reason: str  # why it is (re)built, for the report
    expected_digest: str | None = None  # the inputs digest it gets now (when built before)
    verify: bool = False  # only the clause library changed: compare before rebuilding
    previous_folder: str | None = None
    folder: str | None = None
    identity: dict = field(default_factory=dict)  # terc, gmina, coalition (after validation)


def triage(
    cohort: Cohort,
    shared: SharedInputs,
    previous: dict[str, PreviousBuild],
    options: BuildOptions,
    force: bool,
    spool: RowSpool,
) -> list[Task]:
    """Write the rows of the coalitions that need nothing (unchanged) or cannot be built (a
    missing sheet); return the others as tasks."""
    rules_sha: dict[str, str | None] = {}
    todo = []
    for index, entry in enumerate(cohort.entries):
        base = {"index": index, "sheet": entry.label}
        if entry.problem:
            spool.write({**base, "status": "failed", "errors": [entry.problem]})
            continue
        try:
            sheet_sha = sha256_file(entry.sheet)
        except OSError as e:
            spool.write({**base, "status": "failed", "errors": [f"cannot read the sheet: {e}"]})
            continue
        overrides = entry.overrides(cohort.settings)
        task = Task(
            index, str(entry.sheet), entry.label, overrides, entry, reason="pierwsza budowa"
        )
        before = previous.get(str(entry.sheet))
        if before is not None:
            task.previous_folder = before.folder
            digest = _expected_digest(before, sheet_sha, overrides, shared, options, rules_sha)
            task.expected_digest = digest
            if force:
                task.reason = "--force"
            elif before.complete and digest == before.inputs_digest:
                spool.write(
                    {
                        **before.row,
                        **base,
                        "status": "skipped-unchanged",
                        "reason": "dane wejściowe bez zmian",
                    }
                )
                continue
            else:
                task.reason, task.verify = _why_rebuild(
                    before, sheet_sha, overrides, shared, options, rules_sha
                )
        todo.append(task)
    return todo


def _rules_sha(before: PreviousBuild, shared: SharedInputs, cache: dict) -> str | None:
    if shared.rules is not None:
        return shared.rules.sha256
    path = before.rules_path
    if path not in cache:
        try:
            cache[path] = sha256_file(path) if path else None
        except OSError:
            cache[path] = "missing"
    return cache[path]


def _expected_digest(
    before: PreviousBuild,
    sheet_sha: str,
    overrides: dict,
    shared: SharedInputs,
    options: BuildOptions,
    cache: dict,
) -> str:
    return inputs_digest(
        sheet_sha256=sheet_inputs_sha256(sheet_sha, overrides),
        library=shared.library_digest,
        rules=_rules_sha(before, shared, cache),
        templates=shared.templates_digest,
        options=options.fingerprint(),
    )


def _why_rebuild(
    before: PreviousBuild,
    sheet_sha: str,
    overrides: dict,
    shared: SharedInputs,
    options: BuildOptions,
    cache: dict,
) -> tuple[str, bool]:
    """Why a coalition is rebuilt, and whether only the clause library changed (then the
    clauses it uses are compared before anything is rebuilt)."""
    if not before.complete:
        return "poprzednia budowa niedokończona", False
    reasons = []
    if before.sheet_sha256 != sheet_sha:
        reasons.append("zmieniony arkusz")
    if before.overrides != overrides:
        reasons.append("zmienione ustawienia kohorty")
    if before.rules_sha256 != _rules_sha(before, shared, cache):
        reasons.append("zmienione warunki finansowania")
    if before.templates_sha256 != shared.templates_digest:
        reasons.append("zmienione szablony")
    if before.options != options.fingerprint():
        reasons.append("zmienione opcje")
    if before.version != __version__:
        reasons.append("nowa wersja deedgen")
    library_changed = before.library_sha256 != shared.library_digest
    if library_changed:
        reasons.append("zmieniona biblioteka klauzul")
    only_library = library_changed and len(reasons) == 1
    return ", ".join(reasons) or "zmienione dane wejściowe", only_library


# --- folders ---------------------------------------------------------------------------------------


def assign_folders(tasks: list[Task], outdir: Path) -> None:
    """Give each task its folder: the one it had if the name still fits, else a free one
    (``-2``, ``-3`` … for duplicates). A folder always lies directly inside *outdir*: a name
    taken by a symbolic link or a file is passed over."""
    taken = {t.previous_folder for t in tasks if t.previous_folder}
    owners = _folder_owners(outdir)
    for task in tasks:
        base = folder_name(task.identity["terc"], task.identity["gmina"])
        kept = task.previous_folder
        if kept and re.fullmatch(re.escape(base) + r"(-\d+)?", kept) and _usable(outdir, kept):
            task.folder = kept
            continue
        number, name = 1, base
        while (
            name in taken or owners.get(name, task.sheet) != task.sheet or not _usable(outdir, name)
        ):
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        task.folder = name
    for task in tasks:  # the names above cannot escape; this guards the guarantee itself
        if not _usable(outdir, task.folder):
            raise BatchError(f"{task.label}: folder {task.folder} would lie outside {outdir}")


def _usable(outdir: Path, name: str) -> bool:
    """True when the batch may write the folder *name*: nothing there yet, or a real folder
    directly inside *outdir* (not a link to elsewhere, not a file)."""
    path = outdir / name
    if "/" in name or name in ("", ".", "..") or path.is_symlink():
        return False
    if path.exists() and not path.is_dir():
        return False
    return path.resolve().parent == outdir


def _folder_owners(outdir: Path) -> dict[str, str]:
    """Folder name → the sheet its manifest was built from (folders of other coalitions, or of
    coalitions no longer in the cohort, are never reused for another sheet)."""
    owners = {}
    for folder in outdir.iterdir():
        if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            continue
        manifest = Manifest.read(folder)
        if manifest is not None:
            owners[folder.name] = manifest.sheet_path
    return owners


# --- rows, spooled to disk --------------------------------------------------------------------------


class RowSpool:
    """The report rows, one JSON line each in a scratch file, read back in cohort order."""

    def __init__(self, path: Path, total: int) -> None:
        self.path = path
        self.total = total
        self.offsets: dict[int, int] = {}
        self._file = open(path, "a+b")  # noqa: SIM115 - closed by close()
        self.clause_changes: dict[str, dict] = {}  # clause id → {"change", "folders"}

    def write(self, row: dict) -> None:
        self._file.seek(0, os.SEEK_END)
        self.offsets[row["index"]] = self._file.tell()
        self._file.write(json.dumps(row, ensure_ascii=False, default=str).encode() + b"\n")
        for change in row.get("clause_changes", []):
            key = f"{change['clause']}: {change['change']}"
            entry = self.clause_changes.setdefault(key, {**change, "folders": []})
            entry["folders"].append(row.get("folder"))

    def has(self, index: int) -> bool:
        return index in self.offsets

    def rows(self) -> Iterator[dict]:
        self._file.flush()
        with open(self.path, "rb") as reader:
            for index in sorted(self.offsets):
                reader.seek(self.offsets[index])
                yield json.loads(reader.readline())

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows():
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        return counts

    def mark_pending(self) -> None:
        """Rows for coalitions an interrupted batch did not reach."""
        if len(self.offsets) < self.total:
            for index in sorted(set(range(self.total)) - set(self.offsets)):
                self.write(
                    {
                        "index": index,
                        "status": "pending",
                        "errors": ["not processed: the batch was interrupted"],
                    }
                )

    def close(self) -> None:
        self._file.close()


# --- the state folder: lock and scratch ------------------------------------------------------------


class BatchState:
    """``OUTDIR/.deedgen-batch``: a lock (one batch per output folder at a time) and a scratch
    folder (spooled rows, parsed sheets, LibreOffice profiles). Leftovers of a killed batch — its
    scratch and the coalitions' hidden staging folders — are removed when the next one starts."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.root = outdir / STATE_DIR
        self.scratch = self.root / "work"
        self._lock = None

    def __enter__(self) -> BatchState:
        import fcntl

        self.root.mkdir(exist_ok=True)
        self._lock = open(self.root / "lock", "w")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise BatchError(
                f"another batch is writing into {self.outdir}; wait for it to finish"
            ) from None
        self.clean()
        self.scratch.mkdir()
        return self

    def __exit__(self, *exc_info) -> None:
        self.clean()
        if self._lock is not None:
            self._lock.close()

    def clean(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        for path in self.outdir.iterdir():
            if is_own_staging(path):
                shutil.rmtree(path, ignore_errors=True)


# --- interrupting --------------------------------------------------------------------------------


class _Interrupt:
    fired = False


@contextlib.contextmanager
def _interruptible():
    """SIGTERM behaves as Ctrl-C (KeyboardInterrupt) while the batch runs, so it stops cleanly."""
    interrupt = _Interrupt()
    if multiprocessing.current_process().name != "MainProcess" or not _main_thread():
        yield interrupt
        return
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        yield interrupt
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# --- the pool ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to start; pickled once per worker."""

    options: BuildOptions
    rules_fixed: str | None  # --rules path or cohort edition
    outdir: str
    scratch: str
    workbook: str | None
    settings: object  # CohortSettings
    library_digest: str
    templates_digest: str
    layers: list
    parent: int
    timeout: float


def _worker_setup(
    cohort: Cohort, shared: SharedInputs, options: BatchOptions, state: BatchState, outdir: Path
) -> WorkerSetup:
    build = options.build
    return WorkerSetup(
        options=build,
        rules_fixed=str(build.rules) if build.rules else cohort.settings.edition,
        outdir=str(outdir),
        scratch=str(state.scratch),
        workbook=str(cohort.source) if cohort.source.is_file() else None,
        settings=cohort.settings,
        library_digest=shared.library_digest,
        templates_digest=shared.templates_digest,
        layers=shared.layers,
        parent=os.getpid(),
        timeout=options.timeout,
    )


class PoolRunner:
    """The worker processes of one batch, and the two phases that use them."""

    def __init__(
        self, setup: WorkerSetup, options: BatchOptions, progress: Progress, interrupt: _Interrupt
    ) -> None:
        self.setup = setup
        self.options = options
        self.progress = progress
        self.interrupt = interrupt
        self.jobs = max(1, options.jobs or usable_cores())
        self.converter_stats: dict[str, int] = {}
        self._context = multiprocessing.get_context(
            "forkserver" if sys.platform.startswith("linux") else "spawn"
        )
        if sys.platform.startswith("linux"):
            self._context.set_forkserver_preload(list(WORKER_PRELOAD))
        self._events = self._context.Queue()
        self._phase, self._seen = "", 0  # the phase running, and its events received
        # The workers' lifeline: they hold the reading end; when this process dies, even by
        # SIGKILL, its writing end closes and they stop (see _watch_lifeline).
        self._lifeline, self._lifeline_end = self._context.Pipe(duplex=False)
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.jobs,
                mp_context=self._context,
                initializer=init_worker,
                initargs=(self.setup, self._events, self._lifeline),
            )
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._drain_events()

    def validate(self, tasks: list[Task], spool: RowSpool) -> list[Task]:
        """Validate every sheet (in the workers); invalid ones get their row now. Returns the
        tasks to build, each with its coalition's identity."""
        by_index = {t.index: t for t in tasks}
        valid: list[Task] = []
        self._start_phase("validate", len(tasks))

        def done(outcomes: list[dict]) -> None:
            for outcome in outcomes:
                task = by_index[outcome["index"]]
                if outcome["ok"]:
                    task.identity = outcome["identity"]
                    valid.append(task)
                else:
                    spool.write(
                        {
                            "index": task.index,
                            "sheet": task.label,
                            "status": "failed",
                            **outcome["row"],
                        }
                    )

        self._run(validate_chunk, _chunks(tasks, self._chunk_size(len(tasks), 20)), done)
        valid.sort(key=lambda t: t.index)
        return valid

    def build(self, tasks: list[Task], spool: RowSpool) -> None:
        if self.interrupt.fired:
            return
        self._start_phase("build", len(tasks))
        pdf = "pdf" in self.setup.options.formats
        # With PDFs, each chunk is one LibreOffice start (~1.8 s, most of it CPU): fewer,
        # larger chunks (two per worker, up to 40 coalitions) spread it thinner.
        size = self._chunk_size(len(tasks), 40, 2) if pdf else self._chunk_size(len(tasks), 25)

        def done(result: dict) -> None:
            for key, value in result.get("converter", {}).items():
                self.converter_stats[key] = self.converter_stats.get(key, 0) + value
            for row in result["rows"]:
                spool.write(row)

        self._run(build_chunk, _chunks(tasks, size), done)

    def _chunk_size(self, count: int, cap: int, per_worker: int = 4) -> int:
        if self.options.chunk:
            return self.options.chunk
        return max(1, min(cap, math.ceil(count / (self.jobs * per_worker))))

    def _start_phase(self, name: str, total: int) -> None:
        self._phase, self._seen = name, 0
        self.progress.phase(name, total)

    def _run(
        self, function: Callable, chunks: list[list[Task]], done: Callable[[list], None]
    ) -> None:
        """Run *function* over the chunks in the pool; a chunk whose worker died is retried once
        in a new pool, then reported failed; Ctrl-C stops the workers and returns."""
        attempts = dict.fromkeys(range(len(chunks)), 0)
        queue = list(range(len(chunks)))
        while queue and not self.interrupt.fired:
            running: dict[Future, int] = {}
            try:
                for number in queue:
                    running[self._pool().submit(function, chunks[number])] = number
                queue = []
                while running:
                    finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                    self._drain_events()
                    for future in finished:
                        number = running.pop(future)
                        try:
                            done(future.result())
                        except BrokenProcessPool:
                            attempts[number] += 1
                            if attempts[number] < 2:
                                queue.append(number)
                            else:
                                done(_died(function, chunks[number]))
            except KeyboardInterrupt:
                self._stop(running, done)
            if queue:
                self.close()  # a broken pool: start a new one for the chunks left
        self._drain_events(wait_for=0 if self.interrupt.fired else sum(map(len, chunks)))

    def _stop(self, running: dict[Future, int], done: Callable[[list], None]) -> None:
        """Ctrl-C: workers stop at their current coalition; collect what they finished."""
        self.interrupt.fired = True
        self.progress.note("interrupted: stopping the workers…")
        for child in multiprocessing.active_children():
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGINT)
        for future in running:
            future.cancel()
        deadline = time.monotonic() + 60
        for future in list(running):
            with contextlib.suppress(Exception, KeyboardInterrupt):
                if not future.cancelled():
                    done(future.result(timeout=max(0.1, deadline - time.monotonic())))

    def _drain_events(self, wait_for: int = 0) -> None:
        """Pass the workers' progress events of the current phase on; with *wait_for*, wait
        (briefly) until that many have arrived: a worker's queue may deliver its last events
        after the chunk's result."""
        import queue

        deadline = time.monotonic() + 2
        while True:
            try:
                event = (
                    self._events.get(timeout=0.05)
                    if self._seen < wait_for
                    else self._events.get_nowait()
                )
            except (queue.Empty, OSError, EOFError):
                if self._seen >= wait_for or time.monotonic() > deadline:
                    return
                continue
            if event.get("phase") == self._phase:
                self._seen += 1
                self.progress.advance(event)


def _chunks(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _died(function: Callable, chunk: list[Task]):
    """The outcome of a chunk whose worker process died twice (killed, or crashed)."""
    error = "the worker process died while working on this coalition (killed, or out of memory); rerun to resume"
    if function is validate_chunk:
        return [{"index": t.index, "ok": False, "row": {"errors": [error]}} for t in chunk]
    rows = [
        {
            "index": t.index,
            "sheet": t.label,
            "status": "failed",
            "errors": [error],
            "folder": t.folder,
            **t.identity,
        }
        for t in chunk
    ]
    return {"rows": rows}


# --- the report's header -----------------------------------------------------------------------


def _report_header(
    cohort: Cohort, shared: SharedInputs, options: BatchOptions, interrupted: bool
) -> dict:
    return {
        "deedgen_version": __version__,
        "cohort": str(cohort.source),
        "coalitions": len(cohort.entries),
        "options": options.build.fingerprint(),
        "library": {"layers": shared.layers, "sha256": shared.library_digest},
        "rules": (
            {
                "path": shared.rules.path,
                "version": shared.rules.version,
                "sha256": shared.rules.sha256,
            }
            if shared.rules is not None
            else None
        ),
        "settings": {"edition": cohort.settings.edition, "bw": cohort.settings.bw},
        "interrupted": interrupted,
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


# --- facts of a coalition for its report row -----------------------------------------------------


def coalition_facts(sheet, report) -> dict:
    """What the cohort report shows of a coalition: counts, money, each rule's status."""
    data = sheet.data
    actions = data.get("actions") or []
    money = sum(
        (
            Decimal(c["amount"])
            for c in data.get("contributions") or []
            if c.get("amount") is not None
        ),
        Decimal(0),
    )
    facts = {
        "terc": data["gmina"]["terc"],
        "gmina": data["gmina"]["name"],
        "coalition": data["coalition"]["name"],
        "parties": len(data.get("parties") or []),
        "actions": len(actions),
        "social_actions": sum(1 for a in actions if (a.get("problem") or "").strip()),
        "money": f"{money:.2f}",
        "warnings": len(sheet.warnings),
    }
    if report is not None:
        failed, warned = set(report.failed_rules), set(report.warned_rules)
        facts["compliant"] = report.compliant
        facts["rules"] = {
            rule.id: "fail" if rule.id in failed else "warning" if rule.id in warned else "pass"
            for rule in report.ruleset.rules
        }
    return facts


def describe_error(error: BaseException) -> list[str]:
    """An error as the report's lines: a sheet's problems one per line, else its message."""
    problems = getattr(error, "problems", None)
    if problems:
        lines = [p.describe("pl") for p in problems if p.severity == "error"]
    elif isinstance(error, DeedgenError):
        lines = [line.strip() for line in error.format_message().splitlines() if line.strip()]
    else:
        lines = [f"internal error: {type(error).__name__}: {error}"]
    return lines[:MAX_ERRORS_PER_ROW]


def internal_traceback(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))[-4000:]


def dump_sheet(sheet, path: Path) -> None:
    with open(path, "wb") as handle:
        pickle.dump(sheet, handle, protocol=pickle.HIGHEST_PROTOCOL)


def load_sheet_dump(path: Path):
    with open(path, "rb") as handle:
        return pickle.load(handle)


# --- in the worker processes -------------------------------------------------------------------

# Imported once by the forkserver, so that every worker starts with them loaded.
WORKER_PRELOAD = (
    "deedgen.batch",
    "deedgen.assemble",
    "deedgen.compliance.check",
    "deedgen.render.docx",
    "deedgen.render.package",
    "deedgen.render.pdf",
    "deedgen.sheet.validate",
    "deedgen.sheet.xlsx",
)


@dataclass
class _Worker:
    """A worker process's state: what it loaded once, and its LibreOffice."""

    setup: WorkerSetup
    events: object  # a multiprocessing Queue of progress events
    library: object
    rules: dict = field(default_factory=dict)  # edition or path → RuleSet
    converter: object | None = None
    busy: bool = False
    stopping: bool = False
    phase: str = ""  # "validate" or "build": tags the progress events

    def rules_for(self, sheet):
        from deedgen.compliance.rules import load_rules

        key = self.setup.rules_fixed or sheet.data["coalition"]["edition"]
        if key not in self.rules:
            self.rules[key] = load_rules(key)
        return self.rules[key]

    def pdf_converter(self):
        from deedgen.render.pdf import PdfConverter

        if self.converter is None or self.converter._closed:
            self.converter = PdfConverter(
                workers=1,
                timeout=self.setup.timeout,
                pdfa=self.setup.options.pdfa,
                workdir=self.setup.scratch,
            )
        return self.converter

    def event(self, task: Task, row: dict) -> None:
        errors = row.get("errors") or []
        event = {
            "phase": self.phase,
            "index": task.index,
            "label": task.label,
            "status": row.get("status", "ok"),
            "folder": row.get("folder"),
            "error": errors[0] if errors else None,
        }
        with contextlib.suppress(Exception):
            self.events.put(event)

    @contextlib.contextmanager
    def task(self):
        """While a task runs, Ctrl-C interrupts it; between tasks it only marks the worker as
        stopping (its next tasks then return at once)."""
        self.busy = True
        try:
            yield
        except KeyboardInterrupt:
            self.stopping = True
        finally:
            self.busy = False


_WORKER: _Worker | None = None


def init_worker(setup: WorkerSetup, events, lifeline) -> None:
    """Load the clause library, the rule set and the DOCX templates once for this process."""
    global _WORKER
    _die_with_parent()
    threading.Thread(target=_watch_lifeline, args=(lifeline,), daemon=True).start()
    signal.signal(signal.SIGINT, _on_sigint)
    from deedgen.document import DOCUMENT_ORDER
    from deedgen.render.docx import prepared_template

    library = setup.options.library.load()
    for kind in DOCUMENT_ORDER:
        path = setup.options.template_dir / f"{kind}.docx"
        prepared_template(str(path), path.stat().st_mtime_ns)
    _WORKER = _Worker(setup=setup, events=events, library=library)
    if setup.rules_fixed:
        from deedgen.compliance.rules import load_rules

        _WORKER.rules[setup.rules_fixed] = load_rules(setup.rules_fixed)
    # What was loaded once stays for the worker's life: keep it out of the cycle collector's
    # full passes, and let the young generation grow (a coalition makes ~10^5 short-lived
    # objects, none of them in cycles that need collecting early). Measured: ~5% of the CPU.
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def _watch_lifeline(lifeline) -> None:
    """Wait until the batch process is gone (the pipe's other end closes), then stop this
    worker at once: kill its LibreOffice, exit. Files are moved into place one rename at a
    time, so none is left half-written; staging folders are removed by the next batch."""
    with contextlib.suppress(EOFError, OSError):
        while True:
            lifeline.recv()
    worker = _WORKER
    if worker is not None and worker.converter is not None:
        with contextlib.suppress(Exception):
            worker.converter.close()
    os._exit(1)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent, the forkserver, dies — even by
    SIGKILL — and so every LibreOffice it started (they die with their worker)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _on_sigint(signum, frame) -> None:
    worker = _WORKER
    if worker is None:
        return
    first = not worker.stopping
    worker.stopping = True
    if worker.busy and first:
        raise KeyboardInterrupt


def validate_chunk(tasks: list[Task]) -> list[dict]:
    """Read and validate each sheet (with what the cohort sets in it); keep the parsed sheet in
    the scratch folder for the build, so it is parsed once."""
    worker = _WORKER
    worker.phase = "validate"
    outcomes: list[dict] = []
    with worker.task():
        for task in tasks:
            if worker.stopping:
                break
            outcome = _validate_one(worker, task)
            outcomes.append(outcome)
            worker.event(
                task, {"status": "valid" if outcome["ok"] else "failed", **outcome.get("row", {})}
            )
    return outcomes


def _validate_one(worker: _Worker, task: Task) -> dict:
    from deedgen.cohort import apply_overrides
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet

    setup = worker.setup
    try:
        raw = load_sheet(task.sheet)
        apply_overrides(
            raw, task.entry, setup.settings, Path(setup.workbook) if setup.workbook else None
        )
        sheet = validate_sheet(raw)
        edition = setup.settings.edition
        if edition and sheet.data["coalition"]["edition"] != edition:
            where = sheet.locate(("coalition", "edition"))
            found = sheet.data["coalition"]["edition"]
            message = f"{where} (coalition.edition): the cohort is for program edition {edition}; the sheet says {found}"
            return {"index": task.index, "ok": False, "row": {"errors": [message]}}
        dump_sheet(sheet, Path(setup.scratch) / f"{task.index}.sheet")
    except DeedgenError as error:
        return {"index": task.index, "ok": False, "row": {"errors": describe_error(error)}}
    except Exception as error:  # a bug must not stop the cohort: report it with its traceback
        return {
            "index": task.index,
            "ok": False,
            "row": {"errors": describe_error(error), "traceback": internal_traceback(error)},
        }
    data = sheet.data
    identity = {
        "terc": data["gmina"]["terc"],
        "gmina": data["gmina"]["name"],
        "coalition": data["coalition"]["name"],
    }
    return {"index": task.index, "ok": True, "identity": identity}


@dataclass
class _Item:
    """A coalition planned in this worker, waiting for its PDFs and its write."""

    task: Task
    sheet: object
    plan: object  # a BuildPlan
    previous: Manifest | None
    pdfs: dict | None = None
    error: BaseException | None = None


def build_chunk(tasks: list[Task]) -> dict:
    """Plan every coalition of the chunk, convert all their DOCX files in one LibreOffice call,
    then write each into place. Returns the rows (and the converter's counts)."""
    worker = _WORKER
    worker.phase = "build"
    rows: list[dict] = []
    items: list[_Item] = []
    stats: dict = {}
    with worker.task():
        for task in tasks:
            if worker.stopping:
                break
            outcome = _plan_one(worker, task)
            if isinstance(outcome, _Item):
                items.append(outcome)
            else:
                rows.append(outcome)
                worker.event(task, outcome)
        if items and "pdf" in worker.setup.options.formats and not worker.stopping:
            stats = _convert(worker, items)
        for item in items:
            if worker.stopping:
                break
            row = _write_one(worker, item)
            rows.append(row)
            worker.event(item.task, row)
    return {"rows": rows, "converter": stats}


def _plan_one(worker: _Worker, task: Task):
    """Assemble, check and render one coalition in memory — or, when only the clause library
    changed and nothing it uses did, re-stamp its manifest instead."""
    from deedgen.exceptions import NotCompliant
    from deedgen.pipeline.plan import plan

    outdir = Path(worker.setup.outdir) / task.folder
    base = _row_base(task)
    try:
        sheet = load_sheet_dump(Path(worker.setup.scratch) / f"{task.index}.sheet")
        previous = Manifest.read(outdir) if outdir.is_dir() else None
        rules = worker.rules_for(sheet)
        if task.verify and _uses_nothing_changed(worker, task, sheet, previous, rules):
            previous.restamped(worker.library, task.expected_digest).write(outdir)
            row = _row_from_manifest(task.folder, previous)
            return {
                **row,
                **base,
                "status": "skipped-unchanged",
                "reason": "zmieniona biblioteka klauzul; klauzule tej koalicji bez zmian",
            }
        planned = plan(sheet, worker.setup.options, library=worker.library, rules=rules)
    except NotCompliant as error:
        facts = _facts_after_refusal(worker, sheet)
        return {
            **base,
            **facts,
            "status": "failed",
            "errors": _refusal_lines(facts) or describe_error(error),
        }
    except DeedgenError as error:
        return {**base, "status": "failed", "errors": describe_error(error)}
    except Exception as error:  # a bug must not stop the cohort
        return {
            **base,
            "status": "failed",
            "errors": describe_error(error),
            "traceback": internal_traceback(error),
        }
    return _Item(task, sheet, planned, previous)


def _row_base(task: Task) -> dict:
    return {
        "index": task.index,
        "sheet": task.label,
        "folder": task.folder,
        "reason": task.reason,
        **task.identity,
    }


def _facts_after_refusal(worker: _Worker, sheet) -> dict:
    """The row of a coalition refused for not meeting the funding conditions: its facts and
    each rule's status (the check is re-run; it takes milliseconds)."""
    from deedgen.assemble import assemble_documents
    from deedgen.compliance.check import run_check

    try:
        report = run_check(
            sheet,
            assemble_documents(sheet, worker.library, "pl"),
            library=worker.library,
            rules=worker.rules_for(sheet),
        )
    except DeedgenError:
        report = None
    facts = coalition_facts(sheet, report)
    if report is not None:
        facts["failures"] = [f"{f.rule_id}: {f.message('pl')}" for f in report.failures()]
    return facts


def _refusal_lines(facts: dict) -> list[str]:
    failures = facts.pop("failures", [])
    if not failures:
        return []
    failed = ", ".join(rule for rule, status in facts.get("rules", {}).items() if status == "fail")
    return [
        f"nie spełnia warunków finansowania ({failed}); z opcją --draft powstanie projekt oznaczony PROJEKT",
        *failures,
    ]


def _convert(worker: _Worker, items: list[_Item]) -> dict:
    """One LibreOffice call for the DOCX files of every planned coalition of the chunk; each
    item gets its PDFs (they are moved into its staging folder when it is written) or its
    error."""
    import tempfile

    from deedgen.pipeline.write import convert_plans

    folder = Path(tempfile.mkdtemp(prefix="convert-", dir=worker.setup.scratch))
    converter = worker.pdf_converter()
    before = vars(converter.stats).copy()
    for item, outcome in zip(
        items, convert_plans([item.plan for item in items], converter, folder), strict=True
    ):
        if isinstance(outcome, DeedgenError):
            item.error = outcome
        else:
            item.pdfs = outcome
    return {key: value - before.get(key, 0) for key, value in vars(converter.stats).items()}


def _write_one(worker: _Worker, item: _Item) -> dict:
    """Package one planned coalition and move it into place; its report row."""
    from deedgen.pipeline.write import write

    task = item.task
    base = _row_base(task)
    facts = coalition_facts(item.sheet, item.plan.report)
    if item.error is not None:
        return {**base, **facts, "status": "failed", "errors": describe_error(item.error)}
    try:
        result = write(
            item.plan,
            Path(worker.setup.outdir) / task.folder,
            pdfs=item.pdfs,
            overrides=task.overrides or None,
            summary=facts,
        )
    except DeedgenError as error:
        return {**base, **facts, "status": "failed", "errors": describe_error(error)}
    except Exception as error:  # a bug must not stop the cohort
        return {
            **base,
            **facts,
            "status": "failed",
            "errors": describe_error(error),
            "traceback": internal_traceback(error),
        }
    manifest = result.manifest
    row = {**_row_from_manifest(task.folder, manifest), **base}
    row["status"] = "draft" if manifest.draft else "built"
    row["clause_changes"] = manifest.clause_changes(item.previous)
    return row


# --- the clauses a coalition uses, compared with its manifest --------------------------------------


def _uses_nothing_changed(
    worker: _Worker, task: Task, sheet, previous: Manifest | None, rules
) -> bool:
    """True when the coalition, assembled with today's library, uses exactly the clauses (id,
    version, layer, file, hash, in order) its manifest lists and gets the same compliance report
    — then its documents would come out byte for byte the same."""
    from deedgen.assemble import assemble_documents
    from deedgen.compliance.check import run_check
    from deedgen.manifest import clause_record

    langs = worker.setup.options.langs
    if previous is None or "pl" not in langs:  # the check's Polish text is recorded only with pl
        return False
    recorded = previous.recorded_clauses()
    try:
        for lang in langs:
            documents = assemble_documents(sheet, worker.library, lang)
            for kind, document in documents.items():
                if recorded.get((kind, lang)) != [
                    clause_record(c, worker.library) for c in document.clauses
                ]:
                    return False
            if lang == "pl":
                polish = documents
        report = run_check(sheet, polish, library=worker.library, rules=rules)
        on_disk = (Path(worker.setup.outdir) / task.folder / "zgodnosc.json").read_text(
            encoding="utf-8"
        )
    except (DeedgenError, OSError):
        return False
    return report.to_json() == on_disk
