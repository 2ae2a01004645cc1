"""Resuming: which coalitions need nothing, which cannot be built, and why the others are
(re)built.

A coalition is skipped when its manifest records the inputs digest it would get now (sheet and
what the cohort workbook sets in it, clause library, rule set, templates, deedgen's version,
options) and every file it lists is there: a hash of the sheet and one read of the manifest, no
assembly. When only the clause library changed, the task is marked ``verify``: the worker then
compares the clauses the coalition uses with its manifest before rebuilding anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen import __version__
from deedgen.batch.rows import Row
from deedgen.batch.shared import SharedInputs
from deedgen.cohort import Cohort, CohortEntry
from deedgen.manifest import Manifest, inputs_digest, sha256_file, sheet_inputs_sha256
from deedgen.options import BuildOptions


@dataclass(frozen=True)
class PreviousBuild:
    """The facts of a coalition folder's manifest that triage needs (the manifest itself is
    not kept: a cohort's manifests would not fit in memory)."""

    folder: str
    sheet_sha256: str
    overrides: dict
    inputs_digest: str | None
    library_sha256: str
    rules_path: str | None
    rules_sha256: str | None
    templates_sha256: str
    options: dict
    version: str
    complete: bool  # every file the manifest lists is there, and the report's facts
    row: Row  # the report row of the coalition if it is skipped

    @classmethod
    def of(cls, folder: Path, manifest: Manifest) -> PreviousBuild:
        return cls(
            folder=folder.name,
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
            row=Row.from_manifest(-1, "", folder.name, manifest, status="skipped-unchanged"),
        )


@dataclass(frozen=True)
class Task:
    """One coalition to validate and build; small and picklable (it travels to a worker).
    Each phase returns new values (:meth:`dataclasses.replace`), never changes one."""

    index: int
    sheet: str
    label: str
    overrides: dict
    entry: CohortEntry
    reason: str  # why it is (re)built, for the report
    expected_digest: str | None = None  # the inputs digest it gets now (when built before)
    verify: bool = False  # only the clause library changed: compare before rebuilding
    previous_folder: str | None = None
    folder: str | None = None  # set by assign_folders
    identity: dict = field(default_factory=dict)  # terc, gmina, coalition (after validation)


def index_previous_builds(outdir: Path) -> dict[str, PreviousBuild]:
    """Sheet path → its previous build, from the manifests of *outdir*'s folders."""
    found: dict[str, PreviousBuild] = {}
    for folder in sorted(outdir.iterdir()):
        if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            continue
        manifest = Manifest.read(folder)
        if manifest is not None:
            found[manifest.sheet_path] = PreviousBuild.of(folder, manifest)
    return found


def triage(
    cohort: Cohort,
    shared: SharedInputs,
    previous: dict[str, PreviousBuild],
    options: BuildOptions,
    force: bool,
) -> tuple[list[Row], list[Task]]:
    """The rows of the coalitions that need nothing (unchanged) or cannot be built (a missing
    or unreadable sheet), and the others as tasks, in cohort order."""
    judge = _Triage(cohort, shared, options, force)
    rows, tasks = [], []
    for index, entry in enumerate(cohort.entries):
        outcome = judge.one(index, entry, previous.get(str(entry.sheet)))
        (rows if isinstance(outcome, Row) else tasks).append(outcome)
    return rows, tasks


@dataclass
class _Triage:
    cohort: Cohort
    shared: SharedInputs
    options: BuildOptions
    force: bool
    rules_sha: dict = field(default_factory=dict)  # rule file → its hash, read once

    def one(self, index: int, entry: CohortEntry, before: PreviousBuild | None) -> Row | Task:
        if entry.problem:
            return Row.failed(index, entry.label, [entry.problem])
        try:
            sheet_sha = sha256_file(entry.sheet)
        except OSError as error:
            return Row.failed(index, entry.label, [f"cannot read the sheet: {error}"])
        overrides = entry.overrides(self.cohort.settings)
        task = Task(index, str(entry.sheet), entry.label, overrides, entry, "pierwsza budowa")
        if before is None:
            return task
        digest = self._expected_digest(before, sheet_sha, overrides)
        if self.force:
            reason, verify = "--force", False
        elif before.complete and digest == before.inputs_digest:
            return before.row.but(index=index, sheet=entry.label, reason="dane wejściowe bez zmian")
        else:
            reason, verify = self._why_rebuild(before, sheet_sha, overrides)
        return Task(
            index,
            task.sheet,
            task.label,
            overrides,
            entry,
            reason,
            expected_digest=digest,
            verify=verify,
            previous_folder=before.folder,
        )

    def _rules_sha(self, before: PreviousBuild) -> str | None:
        if self.shared.rules is not None:
            return self.shared.rules.sha256
        path = before.rules_path
        if path not in self.rules_sha:
            try:
                self.rules_sha[path] = sha256_file(path) if path else None
            except OSError:
                self.rules_sha[path] = "missing"
        return self.rules_sha[path]

    def _expected_digest(self, before: PreviousBuild, sheet_sha: str, overrides: dict) -> str:
        return inputs_digest(
            sheet_sha256=sheet_inputs_sha256(sheet_sha, overrides),
            library=self.shared.library_digest,
            rules=self._rules_sha(before),
            templates=self.shared.templates_digest,
            options=self.options.fingerprint(),
        )

    def _why_rebuild(
        self, before: PreviousBuild, sheet_sha: str, overrides: dict
    ) -> tuple[str, bool]:
        """Why a coalition is rebuilt, and whether only the clause library changed (then the
        clauses it uses are compared before anything is rebuilt)."""
        if not before.complete:
            return "poprzednia budowa niedokończona", False
        library_changed = before.library_sha256 != self.shared.library_digest
        changes = (
            (before.sheet_sha256 != sheet_sha, "zmieniony arkusz"),
            (before.overrides != overrides, "zmienione ustawienia kohorty"),
            (before.rules_sha256 != self._rules_sha(before), "zmienione warunki finansowania"),
            (before.templates_sha256 != self.shared.templates_digest, "zmienione szablony"),
            (before.options != self.options.fingerprint(), "zmienione opcje"),
            (before.version != __version__, "nowa wersja deedgen"),
            (library_changed, "zmieniona biblioteka klauzul"),
        )
        reasons = [reason for changed, reason in changes if changed]
        only_library = library_changed and len(reasons) == 1
        return ", ".join(reasons) or "zmienione dane wejściowe", only_library
