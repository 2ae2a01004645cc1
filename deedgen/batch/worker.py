"""A worker process of the batch: what it loads once, how it stops, and the validation phase.

Each worker loads the clause library, the rule sets and the prepared DOCX templates once, then
takes chunks of coalitions (:func:`validate_chunk` here, :func:`deedgen.batch.building.
build_chunk` after). It sends back small rows, never documents. It dies with the batch: the
kernel kills it when the forkserver dies, and a thread stops it when the batch process's end of
its lifeline pipe closes (even on SIGKILL); its LibreOffice dies with it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.batch.facts import describe_error, internal_traceback
from deedgen.batch.rows import Row
from deedgen.batch.triage import Task
from deedgen.exceptions import DeedgenError
from deedgen.fsutil import die_with_parent, interrupt
from deedgen.options import BuildOptions

# Imported once by the forkserver, so that every worker starts with them loaded (and what a
# worker would import at its first coalition: docxtpl, the compliance report, the rule files'
# YAML reader). The PDF engines' modules only for a build with PDFs: a quarter of a second of
# start-up that a DOCX-only batch spent for nothing.
WORKER_PRELOAD = (
    "deedgen.batch.building",
    "deedgen.assemble",
    "deedgen.compliance.check",
    "deedgen.compliance.report",
    "deedgen.pipeline.write",
    "deedgen.render.docx",
    "deedgen.sheet.validate",
    "deedgen.sheet.xlsx",
    "babel.numbers",
    "docxtpl",
    "ruamel.yaml",
)
PDF_PRELOAD = ("deedgen.render.package", "deedgen.render.pdf", "deedgen.render.typst.package")


def worker_preload(options: BuildOptions) -> list[str]:
    """The modules the forkserver imports for a batch built with *options*."""
    return [*WORKER_PRELOAD, *(PDF_PRELOAD if "pdf" in options.formats else ())]


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to start; pickled once per worker."""

    options: BuildOptions
    rules_path: Path | None  # --rules
    edition: str | None  # the cohort's program edition (else each sheet's)
    outdir: str
    scratch: str
    workbook: str | None
    settings: object  # CohortSettings
    timeout: float


@dataclass(frozen=True)
class Valid:
    """A sheet that passed validation, with its coalition's identity (terc, gmina, coalition)."""

    index: int
    identity: dict


@dataclass
class WorkerState:
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
        """The rule set of the batch, or of the sheet's program edition (loaded once)."""
        from deedgen.compliance.rules import rules_for

        path, edition = (
            self.setup.rules_path,
            self.setup.edition or sheet.data["coalition"]["edition"],
        )
        key = path or edition
        if key not in self.rules:
            self.rules[key] = rules_for(path, edition)
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

    def event(self, task: Task, status: str, folder: str | None, errors=()) -> None:
        event = {
            "phase": self.phase,
            "index": task.index,
            "label": task.label,
            "status": status,
            "folder": folder,
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


_WORKER: WorkerState | None = None


def worker() -> WorkerState:
    assert _WORKER is not None, "init_worker() runs first in every worker process"
    return _WORKER


def init_worker(setup: WorkerSetup, events, lifeline) -> None:
    """Load the clause library, the rule set and the DOCX templates once for this process."""
    global _WORKER
    die_with_parent()
    threading.Thread(target=_watch_lifeline, args=(lifeline,), daemon=True).start()
    signal.signal(signal.SIGINT, _on_sigint)
    from deedgen.document import DOCUMENT_ORDER
    from deedgen.render.docx import prepared_template

    library = setup.options.library.load()
    for kind in DOCUMENT_ORDER:  # every template a coalition may need, annex 3 included
        path = setup.options.template_dir / f"{kind}.docx"
        prepared_template(str(path), path.stat().st_mtime_ns)
    _WORKER = WorkerState(setup=setup, events=events, library=library)
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
    state = _WORKER
    if state is not None and state.converter is not None:
        with contextlib.suppress(Exception):
            state.converter.close()
    os._exit(1)


def _on_sigint(signum, frame) -> None:
    state = _WORKER
    if state is None:
        return
    first = not state.stopping
    state.stopping = True
    if state.busy and first:
        interrupt()  # at once, or when the staging folder being made or removed is whole


def sheet_dump(state: WorkerState, task: Task) -> Path:
    """Where the validated sheet of *task* waits for the build phase (parsed once)."""
    return Path(state.setup.scratch) / f"{task.index}.sheet"


def validate_chunk(tasks: list[Task]) -> list[Valid | Row]:
    """Read and validate each sheet (with what the cohort sets in it): a :class:`Valid`, or
    the row of a sheet that cannot be built."""
    state = worker()
    state.phase = "validate"
    outcomes: list[Valid | Row] = []
    with state.task():
        for task in tasks:
            if state.stopping:
                break
            outcome = _validate_one(state, task)
            outcomes.append(outcome)
            if isinstance(outcome, Row):
                state.event(task, "failed", None, outcome.errors)
            else:
                state.event(task, "valid", None)
    return outcomes


def _validate_one(state: WorkerState, task: Task) -> Valid | Row:
    from deedgen.cohort import apply_overrides
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet

    setup = state.setup
    try:
        raw = load_sheet(task.sheet)
        apply_overrides(
            raw, task.entry, setup.settings, Path(setup.workbook) if setup.workbook else None
        )
        sheet = validate_sheet(raw)
        mismatch = _edition_mismatch(sheet, setup.settings.edition)
        if mismatch:
            return Row.failed(task.index, task.label, [mismatch])
        with open(sheet_dump(state, task), "wb") as handle:
            pickle.dump(sheet, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except DeedgenError as error:
        return Row.failed(task.index, task.label, describe_error(error))
    except Exception as error:  # a bug must not stop the cohort: report it with its traceback
        return Row.failed(
            task.index, task.label, describe_error(error), traceback=internal_traceback(error)
        )
    data = sheet.data
    identity = {
        "terc": data["gmina"]["terc"],
        "gmina": data["gmina"]["name"],
        "coalition": data["coalition"]["name"],
    }
    return Valid(task.index, identity)


def _edition_mismatch(sheet, edition: str | None) -> str | None:
    found = sheet.data["coalition"]["edition"]
    if not edition or found == edition:
        return None
    where = sheet.locate(("coalition", "edition"))
    return (
        f"{where} (coalition.edition): kohorta jest dla edycji programu {edition}, a arkusz podaje"
        f" {found} (the cohort is for program edition {edition}; the sheet says {found})"
    )
