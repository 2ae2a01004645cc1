"""What the studio's pages ask of deedgen: validate a form, plan a coalition, build it.

The handlers call these functions and render what they return; the work itself is deedgen's
(``validate_sheet``, ``plan``, ``write``). The clause library and rule sets are loaded once per
workspace and reloaded when a mentor saves a clause — in every server process: a save touches
``.deedgen-history/.library-changed``, which each process compares with what it loaded.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import DeedgenError, Problem, SheetInvalid
from deedgen.options import BuildOptions
from deedgen.sheet.load import load_sheet
from deedgen.sheet.raw import RawSheet
from deedgen.sheet.validate import Sheet, validate_sheet
from deedgen.studio.cohort_job import CohortJob
from deedgen.studio.form import TABS, FormData, FormState, field_id, from_data, to_data
from deedgen.studio.locks import STATE, state_file
from deedgen.studio.workspace import Coalition, Workspace

LIBRARY_CHANGED = ".library-changed"
REPORTS_KEPT = 256  # compliance reports kept, by the data they were made of
CHECKS_KEPT = 64  # checked forms kept for their conditions panel, by the form's digest


@dataclass(frozen=True)
class FieldProblem:
    """A sheet problem placed in the form: its field (if it has one) and the CLI's words."""

    field: str | None  # field name, e.g. "parties.0.nip"
    label: str  # the field's Polish label, or the data path
    message: str
    severity: str

    @property
    def anchor(self) -> str | None:
        return field_id(self.field) if self.field else None


@dataclass
class FormCheck:
    """The outcome of validating the form: problems by field, and the sheet when valid."""

    problems: list[FieldProblem] = field(default_factory=list)
    sheet: Sheet | None = None

    @property
    def errors(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_field(self) -> dict[str, list[FieldProblem]]:
        out: dict[str, list[FieldProblem]] = {}
        for problem in self.problems:
            if problem.field:
                out.setdefault(problem.field, []).append(problem)
        return out

    def by_tab(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for problem in self.errors:
            tab = problem.field.partition(".")[0] if problem.field else "coalition"
            tab = tab if any(t.key == tab for t in TABS) else "coalition"
            counts[tab] = counts.get(tab, 0) + 1
        return counts


def _labels() -> dict[str, str]:
    labels = {}
    for tab in TABS:
        for _sec, _title, inputs in tab.groups:
            for item in inputs:
                labels[f"{_sec}.{item.key}"] = f"{_title}: {item.column.label}"
        for item in tab.inputs:
            labels[f"{tab.key}.{item.key}"] = f"{tab.title}: {item.column.label}"
    return labels


LABELS = _labels()


def label_of(name: str) -> str:
    """ "parties.2.nip" → "Strony, wiersz 3: NIP"."""
    parts = name.split(".")
    if len(parts) > 2 and parts[1].isdigit():
        base = LABELS.get(".".join([parts[0], *parts[2:]]), name)
        tab, _, column = base.partition(": ")
        return f"{tab}, wiersz {int(parts[1]) + 1}: {column}"
    return LABELS.get(name, name)


def check_form(state: FormState, source: str) -> FormCheck:
    """Validate the form's data with the sheet's own validation (every problem at once)."""
    made = to_data(state)
    return check_data(made, source)


def form_digest(state: FormState) -> str:
    """A digest of what a form holds (its fields' text and rows): the same for the same text,
    whatever else the request carried (the token, the open tab, ``shown_errors``)."""
    text = json.dumps([state.values, state.rows], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def check_data(made: FormData, source: str) -> FormCheck:
    outcome = FormCheck()
    for name, code, params in made.problems:
        problem = Problem(path=name, code=code, params=params)
        outcome.problems.append(FieldProblem(name, label_of(name), problem.message("pl"), "error"))
    try:
        sheet = validate_sheet(RawSheet(data=made.data, source=source))
        problems = sheet.warnings
    except SheetInvalid as invalid:
        sheet, problems = None, invalid.problems
    for problem in problems:
        name = made.field_for(problem.path) if problem.path else None
        label = label_of(name) if name else (problem.path or "arkusz")
        outcome.problems.append(FieldProblem(name, label, problem.message("pl"), problem.severity))
    outcome.sheet = sheet if not made.problems else None
    return outcome


def problems_of_file(path: Path, source: str, raw=None) -> tuple[FormState, FormCheck]:
    """A sheet file's form state and its problems, placed in the form like the typed ones
    (*raw*: the file already loaded)."""
    raw = raw if raw is not None else load_sheet(path)
    state = from_data(raw.data)
    made = to_data(state)
    outcome = check_data(made, source)
    # the loader's own findings (an unknown column, a missing sheet) are reported too
    for problem in raw.problems:
        name = made.field_for(problem.path) if problem.path else None
        text = (
            f"{problem.location}: {problem.message('pl')}"
            if problem.location
            else problem.message("pl")
        )
        outcome.problems.insert(
            0, FieldProblem(name, label_of(name) if name else "arkusz", text, problem.severity)
        )
    return state, outcome


class Studio:
    """The workspace with its clause library and rule sets loaded once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._library = None
        self._library_stamp: tuple | None = None
        self._rules: dict[str, object] = {}
        self._reports: dict[str, tuple] = {}  # digest of a sheet's data → conditions()
        self._checks: dict[tuple[str, str], FormCheck] = {}  # (source, form digest) → check
        self.cohort = CohortJob(workspace.root)
        self._files: dict[tuple, object] = {}  # (kind, path) → (stamp, what was read)

    def options(self, *, draft: bool = True) -> BuildOptions:
        return BuildOptions(draft=draft, library=self.workspace.library())

    def library(self):
        with self._lock:
            self._forget_if_changed()
            if self._library is None:
                self._library = self.workspace.library().load()
            return self._library

    def reload(self) -> None:
        """Load the library and rules again, here and in the server's other processes."""
        from deedgen.fsutil import atomic_write_text

        atomic_write_text(state_file(self.workspace.root, LIBRARY_CHANGED), f"{time.time_ns()}\n")
        with self._lock:
            self._forget_if_changed()

    def _forget_if_changed(self) -> None:
        """(Under the lock.) Drop the library and rules loaded before the last clause save."""
        try:
            stat = (self.workspace.root / STATE / LIBRARY_CHANGED).stat()
            stamp = (stat.st_ino, stat.st_mtime_ns)
        except FileNotFoundError:
            stamp = None
        if stamp != self._library_stamp:
            self._library, self._library_stamp = None, stamp
            self._rules.clear()
            self._reports.clear()

    def rules(self, sheet: Sheet, options: BuildOptions):
        from deedgen.pipeline.plan import resolve_rules

        edition = str(sheet.data["coalition"]["edition"])
        with self._lock:
            self._forget_if_changed()
            if edition not in self._rules:
                self._rules[edition] = resolve_rules(sheet, options)
            return self._rules[edition]

    def plan(self, sheet: Sheet, *, draft: bool = True):
        """The coalition's build in memory (a draft unless told otherwise: a preview never
        refuses a coalition that fails the conditions, it shows why)."""
        from deedgen.pipeline.plan import plan

        options = self.options(draft=draft)
        return plan(sheet, options, library=self.library(), rules=self.rules(sheet, options))

    def check(self, state: FormState, source: str) -> tuple[str, FormCheck]:
        """Validate a typed form (validation as you type), and keep the outcome for the
        conditions panel the page asks for next: the form's digest and the outcome."""
        digest = form_digest(state)
        outcome = check_form(state, source)
        with self._lock:
            _keep(self._checks, (source, digest), outcome, CHECKS_KEPT)
        return digest, outcome

    def checked(self, state: FormState, source: str, digest: str) -> FormCheck:
        """The outcome of :meth:`check` for this form (*digest*: its digest), validated again
        only when this process did not check it (another server process did, or long ago)."""
        with self._lock:
            hit = self._checks.get((source, digest))
        return hit if hit is not None else check_form(state, source)

    def conditions(self, sheet: Sheet | None):
        """The compliance report of a valid sheet, or the error that stopped the plan; kept
        for the same data (the page reopened after a save, the start page's statuses)."""
        if sheet is None:
            return None, None
        from deedgen.pipeline.plan import check_conditions

        key = _digest(sheet)
        with self._lock:
            self._forget_if_changed()
            hit = self._reports.get(key) if key else None
        if hit is not None:
            return hit
        try:
            rules = self.rules(sheet, self.options(draft=True))
            outcome = check_conditions(sheet, self.library(), rules), None
        except DeedgenError as error:
            outcome = None, str(error)
        if key:
            with self._lock:
                _keep(self._reports, key, outcome, REPORTS_KEPT)
        return outcome

    def _cached(self, kind: str, coalition: Coalition, read):
        """What *read* makes of the coalition's file, read again only when the file changed
        (its modification time or size); the pages treat it as read-only."""
        stat = coalition.path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        key = (kind, coalition.path)
        with self._lock:
            hit = self._files.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = read()
        with self._lock:
            self._files[key] = (stamp, value)
        return value

    def sheet_problems(self, coalition: Coalition, raw=None) -> tuple[FormState, FormCheck]:
        """The saved sheet's form state and problems (*raw*: the file just loaded)."""
        return self._cached(
            "form", coalition, lambda: problems_of_file(coalition.path, coalition.id, raw)
        )

    def valid_sheet(self, coalition: Coalition) -> Sheet | None:
        """The coalition's sheet read as ``deedgen build`` reads it, or None when it has errors."""
        from deedgen.sheet.validate import read_sheet

        def read():
            try:
                return read_sheet(coalition.path)
            except DeedgenError:
                return None

        return self._cached("sheet", coalition, read)

    def status(self, coalition: Coalition) -> dict:
        """What the start page shows of a coalition."""
        out = {"valid": False, "errors": 0, "compliant": None, "built": False, "name": coalition.id}
        out["built"] = (self.workspace.outdir(coalition) / "manifest.json").is_file()
        try:
            _state, outcome = self.sheet_problems(coalition)
        except DeedgenError as error:
            out["broken"] = str(error)
            return out
        out["errors"] = len(outcome.errors)
        out["name"] = _coalition_name(_state) or coalition.id
        if outcome.sheet is not None:
            out["valid"] = True
            report, _error = self.conditions(outcome.sheet)
            out["compliant"] = report.compliant if report is not None else False
        return out

    def generate(self, coalition: Coalition, sheet: Sheet, *, draft: bool):
        """Build the coalition's documents into ``out/<name>`` of the workspace."""
        from deedgen.pipeline.write import write

        return write(self.plan(sheet, draft=draft), self.workspace.outdir(coalition))


def _keep(cache: dict, key, value, kept: int) -> None:
    """Remember *value* under *key*, forgetting the oldest entries beyond *kept*."""
    cache[key] = value
    while len(cache) > kept:
        del cache[next(iter(cache))]


def _digest(sheet: Sheet) -> str | None:
    """A digest of the sheet's source and validated data (None when it cannot be written)."""
    try:
        text = json.dumps([sheet.source, sheet.data], sort_keys=True, default=str)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _coalition_name(state: FormState) -> str:
    return state.value("coalition.name").strip()
