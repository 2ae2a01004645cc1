"""The batch as one short function: gather and check everything shared, skip what did not
change, validate every sheet, name the folders, build, write the cohort report."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from deedgen.batch.folders import assign_folders
from deedgen.batch.interrupt import Interrupt, interruptible
from deedgen.batch.options import BatchOptions, BatchResult, Progress
from deedgen.batch.pool import PoolRunner
from deedgen.batch.rows import RowSpool
from deedgen.batch.shared import SharedInputs, load_shared_inputs, report_header
from deedgen.batch.state import BatchState
from deedgen.batch.triage import index_previous_builds, triage
from deedgen.batch.worker import WorkerSetup
from deedgen.cohort import Cohort, read_cohort
from deedgen.exceptions import BatchError, OutputError
from deedgen.fsutil import is_system_folder


def run_batch(
    cohort: str | Path | Cohort,
    outdir: str | Path,
    options: BatchOptions | None = None,
    *,
    progress: Progress | None = None,
) -> BatchResult:
    """Build every coalition of *cohort* (a folder, a cohort workbook or a :class:`Cohort`) into
    its own folder of *outdir*, then write the cohort report ``summary.{json,html,xlsx}``.

    The work runs in worker processes started by a ``forkserver``: as with any
    :mod:`multiprocessing` code, a script that calls this must guard its top level with
    ``if __name__ == "__main__":`` (the ``deedgen`` command does)."""
    options = options or BatchOptions()
    progress = progress or Progress()
    started = time.monotonic()
    cohort = cohort if isinstance(cohort, Cohort) else read_cohort(cohort)
    outdir = _prepare_outdir(Path(outdir))
    try:
        counts, reports, interrupted, stats = _run_locked(cohort, outdir, options, progress)
    except OSError as error:  # a full disk, a folder made read-only mid-run: the scratch, the spool
        raise OutputError.from_os(error, outdir) from error
    seconds = time.monotonic() - started
    return BatchResult(outdir, counts, reports, interrupted, seconds, stats)


def _run_locked(cohort: Cohort, outdir: Path, options: BatchOptions, progress: Progress):
    """Steps 1–6 of :func:`run_batch` under the output folder's lock."""
    from deedgen.cohort_report import write_reports

    with BatchState(outdir) as state, interruptible() as interrupt:
        options = _with_cohort_layers(options, cohort)
        # 1. what every coalition shares: a problem here is the whole batch's
        shared = load_shared_inputs(cohort, options.build)
        spool = RowSpool(state.scratch / "rows.jsonl", [e.label for e in cohort.entries])
        try:
            stats = _build_cohort(cohort, shared, options, state, spool, progress, interrupt)
            spool.mark_pending()
            counts = spool.counts()
            # 6. the cohort report, each file replaced atomically
            header = report_header(cohort, shared, options.build, interrupt.fired)
            header["exit_code"] = BatchResult(outdir, counts, [], interrupt.fired).exit_code
            reports = write_reports(outdir, header, spool)
        finally:
            spool.close()
            progress.close()
    return counts, reports, interrupt.fired, stats


def _build_cohort(
    cohort: Cohort,
    shared: SharedInputs,
    options: BatchOptions,
    state: BatchState,
    spool: RowSpool,
    progress: Progress,
    interrupt: Interrupt,
) -> dict:
    """Steps 2–5 of :func:`run_batch`; returns LibreOffice's counts."""
    try:
        # 2. skip the coalitions whose manifest says their inputs did not change
        previous = index_previous_builds(state.outdir)
        rows, todo = triage(cohort, shared, previous, options.build, options.force)
    except KeyboardInterrupt:
        interrupt.fired = True
        return {}
    for row in rows:
        spool.write(row)
    progress.note(_triage_note(len(cohort.entries), rows, len(todo)))
    if not todo:
        return {}
    runner = PoolRunner(_worker_setup(cohort, options, state), options, progress, interrupt)
    try:
        valid = runner.validate(todo, spool)  # 3. every sheet before the first document
        placed = assign_folders(valid, state.outdir)  # 4. one folder per coalition, in OUTDIR
        runner.build(placed, spool)  # 5. plan, convert in chunks, write into place
    finally:
        runner.close()
    return runner.converter_stats


def _triage_note(total: int, rows: list, todo: int) -> str:
    """What triage decided, counted by each row's status: a row that failed here (a missing,
    unreadable or twice-listed sheet) is a failure, never "unchanged"."""
    unchanged = sum(1 for row in rows if row.status == "skipped-unchanged")
    failed = sum(1 for row in rows if row.status == "failed")
    polish = f"bez zmian {unchanged} z {total} koalicji"
    english = f"{unchanged} of {total} coalitions unchanged"
    if failed:
        polish += f"; nie zbudowano {failed} (brak arkusza, arkusz nieczytelny lub podany dwa razy)"
        english += f"; {failed} failed (sheet missing, unreadable or listed twice)"
    return f"{polish}; do sprawdzenia {todo} ({english}; {todo} to check)"


def _worker_setup(cohort: Cohort, options: BatchOptions, state: BatchState) -> WorkerSetup:
    build = options.build
    return WorkerSetup(
        options=build,
        rules_path=build.rules,
        edition=cohort.settings.edition,
        outdir=str(state.outdir),
        scratch=str(state.scratch),
        workbook=str(cohort.source) if cohort.source.is_file() else None,
        settings=cohort.settings,
        timeout=options.timeout,
    )


def _prepare_outdir(outdir: Path) -> Path:
    outdir = outdir.absolute()
    if is_system_folder(outdir):
        raise BatchError(f"{outdir} to folder systemowy; podaj własny folder na dokumenty")
    if outdir.exists() and not outdir.is_dir():
        raise BatchError(
            f"folder wyjściowy {outdir} jest plikiem, a nie folderem; podaj folder "
            f"(the output path exists and is not a folder: {outdir})"
        )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchError(
            f"nie można utworzyć folderu wyjściowego {outdir}: {error.strerror or error} "
            f"(cannot create the output folder {outdir}: {error})"
        ) from error
    return outdir.resolve()


def _with_cohort_layers(options: BatchOptions, cohort: Cohort) -> BatchOptions:
    """--library overlays first (most specific), then the cohort workbook's layers."""
    selection = options.build.library
    overlays = tuple(selection.overlays) + tuple(Path(p) for p in cohort.settings.layers)
    library = replace(selection, overlays=overlays)
    return replace(options, build=replace(options.build, library=library))
