"""The build phase in a worker: plan every coalition of a chunk in memory, convert all their
DOCX files in one LibreOffice call, then write each into its folder.

When only the clause library changed since a coalition's last build, it is first re-assembled
in memory and compared, clause by clause (id, version, layer, file, hash), with its manifest,
and its compliance report with the one on disk: if nothing it uses changed, the manifest is
re-stamped with the new library digest and nothing is rebuilt.
"""

from __future__ import annotations

import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.batch.facts import coalition_facts, describe_error, internal_traceback, refusal_lines
from deedgen.batch.rows import Row, known_fields
from deedgen.batch.triage import Task
from deedgen.batch.worker import WorkerState, sheet_dump, worker
from deedgen.exceptions import DeedgenError, NotCompliant
from deedgen.manifest import Manifest

RESTAMPED = "zmieniona biblioteka klauzul; klauzule tej koalicji bez zmian"


@dataclass(frozen=True)
class ChunkResult:
    """What a worker sends back for a chunk: its rows, and its LibreOffice's counts."""

    rows: list[Row]
    converter: dict = field(default_factory=dict)


@dataclass
class _Planned:
    """A coalition planned in this worker, waiting for its PDFs and its write."""

    task: Task
    sheet: object
    plan: object  # a BuildPlan
    previous: Manifest | None
    pdfs: dict | None = None
    error: BaseException | None = None


def build_chunk(tasks: list[Task]) -> ChunkResult:
    """Plan every coalition of the chunk, convert all their DOCX files in one LibreOffice call,
    then write each into place."""
    state = worker()
    state.phase = "build"
    rows: list[Row] = []
    planned: list[_Planned] = []
    stats: dict = {}
    with state.task():
        for task in tasks:
            if state.stopping:
                break
            outcome = _plan_one(state, task)
            if isinstance(outcome, Row):
                _done(state, task, outcome, rows)
            else:
                planned.append(outcome)
        # with Typst, each coalition's PDFs are typeset as it is written: no LibreOffice call
        if planned and state.setup.options.converts_docx and not state.stopping:
            stats = _convert(state, planned)
        for item in planned:
            if state.stopping:
                break
            _done(state, item.task, _write_one(state, item), rows)
    return ChunkResult(rows, stats)


def _done(state: WorkerState, task: Task, row: Row, rows: list[Row]) -> None:
    rows.append(row)
    state.event(task, row.status, row.folder, row.errors)


def _base(task: Task) -> dict:
    return {"folder": task.folder, "reason": task.reason, **task.identity}


def _failed(task: Task, error: BaseException, facts: dict | None = None) -> Row:
    """The row of a coalition that failed; an error that is not deedgen's (a bug) keeps its
    traceback, and never stops the cohort."""
    extra = {} if isinstance(error, DeedgenError) else {"traceback": internal_traceback(error)}
    fields = {**_base(task), **known_fields(facts or {}), **extra}
    return Row.failed(task.index, task.label, describe_error(error), **fields)


def _plan_one(state: WorkerState, task: Task) -> _Planned | Row:
    """Assemble, check and render one coalition in memory — or, when only the clause library
    changed and nothing it uses did, re-stamp its manifest instead."""
    from deedgen.pipeline.plan import plan

    outdir = Path(state.setup.outdir) / task.folder
    try:
        with open(sheet_dump(state, task), "rb") as handle:
            sheet = pickle.load(handle)
        previous = Manifest.read(outdir) if outdir.is_dir() else None
        rules = state.rules_for(sheet)
        if task.verify and _uses_nothing_changed(state, task, sheet, previous, rules):
            previous.restamped(state.library, task.expected_digest).write(outdir)
            return Row.from_manifest(
                task.index,
                task.label,
                task.folder,
                previous,
                status="skipped-unchanged",
                **{**task.identity, "reason": RESTAMPED},
            )
        planned = plan(sheet, state.setup.options, library=state.library, rules=rules)
    except NotCompliant as error:
        return _refused(state, task, sheet, error)
    except Exception as error:  # a DeedgenError, or a bug: either fails this coalition only
        return _failed(task, error)
    return _Planned(task, sheet, planned, previous)


def _refused(state: WorkerState, task: Task, sheet, error: NotCompliant) -> Row:
    """The row of a coalition refused for not meeting the funding conditions: its facts and
    each rule's status (the check is re-run; it takes milliseconds)."""
    from deedgen.assemble import assemble_documents
    from deedgen.compliance.check import run_check

    try:
        report = run_check(
            sheet,
            assemble_documents(sheet, state.library, "pl"),
            library=state.library,
            rules=state.rules_for(sheet),
        )
    except DeedgenError:
        report = None
    facts = known_fields(coalition_facts(sheet, report))
    lines = (refusal_lines(report) if report is not None else []) or describe_error(error)
    return Row.failed(task.index, task.label, lines, **{**_base(task), **facts})


def _convert(state: WorkerState, planned: list[_Planned]) -> dict:
    """One LibreOffice call for the DOCX files of every planned coalition of the chunk; each
    gets its PDFs (moved into its staging folder when it is written) or its error. Returns the
    converter's counts for this call."""
    from deedgen.pipeline.write import convert_plans

    folder = Path(tempfile.mkdtemp(prefix="convert-", dir=state.setup.scratch))
    converter = state.pdf_converter()
    before = vars(converter.stats).copy()
    outcomes = convert_plans([item.plan for item in planned], converter, folder)
    for item, outcome in zip(planned, outcomes, strict=True):
        if isinstance(outcome, DeedgenError):
            item.error = outcome
        else:
            item.pdfs = outcome
    return {key: value - before.get(key, 0) for key, value in vars(converter.stats).items()}


def _write_one(state: WorkerState, item: _Planned) -> Row:
    """Package one planned coalition and move it into place; its report row."""
    from deedgen.pipeline.write import write

    task = item.task
    facts = coalition_facts(item.sheet, item.plan.report)
    if item.error is not None:
        return _failed(task, item.error, facts)
    try:
        result = write(
            item.plan,
            Path(state.setup.outdir) / task.folder,
            pdfs=item.pdfs,
            overrides=task.overrides or None,
            summary=facts,
            clean_abandoned=False,  # BatchState removed them all when the batch started
        )
    except Exception as error:  # a DeedgenError, or a bug: either fails this coalition only
        return _failed(task, error, facts)
    manifest = result.manifest
    return Row.from_manifest(
        task.index,
        task.label,
        task.folder,
        manifest,
        status="draft" if manifest.draft else "built",
        reason=task.reason,
        clause_changes=tuple(manifest.clause_changes(item.previous)),
    ).but(**task.identity)


def _uses_nothing_changed(
    state: WorkerState, task: Task, sheet, previous: Manifest | None, rules
) -> bool:
    """True when the coalition, assembled with today's library, uses exactly the clauses (id,
    version, layer, file, hash, in order) its manifest lists and gets the same compliance report
    — then its documents would come out byte for byte the same."""
    from deedgen.compliance.check import run_check

    langs = state.setup.options.langs
    if previous is None or "pl" not in langs:  # the check's Polish text is recorded only with pl
        return False
    try:
        polish = None
        for lang in langs:
            documents = _same_clauses(state, sheet, previous, lang)
            if documents is None:
                return False
            polish = documents if lang == "pl" else polish
        report = run_check(sheet, polish, library=state.library, rules=rules)
        on_disk = (Path(state.setup.outdir) / task.folder / "zgodnosc.json").read_text(
            encoding="utf-8"
        )
    except (DeedgenError, OSError):
        return False
    return report.to_json() == on_disk


def _same_clauses(state: WorkerState, sheet, previous: Manifest, lang: str) -> dict | None:
    """The documents of *lang* assembled with today's library, when each uses the clauses its
    manifest records; else None."""
    from deedgen.assemble import assemble_documents
    from deedgen.manifest import clause_record

    recorded = previous.recorded_clauses()
    documents = assemble_documents(sheet, state.library, lang)
    for kind, document in documents.items():
        used = [clause_record(c, state.library) for c in document.clauses]
        if recorded.get((kind, lang)) != used:
            return None
    return documents
