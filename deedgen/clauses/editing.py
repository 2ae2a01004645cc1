"""A mentor's edit of a clause in an editor (``clause edit``); new clauses and removal markers
are :mod:`.authoring`'s, ``clause show``/``diff`` :mod:`.describe`'s.

Everything writes into the **top layer** (the first ``--library`` folder, the most specific). An
edit never loses text and is never half-applied: the editor works on a temporary copy, the result
is parsed and linted, and only a valid result replaces the layer's file (atomically, file by file,
with the permissions the umask gives). An invalid result is re-opened (interactive) or kept aside
as ``NAME.pl.txt.rejected``.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from deedgen.clauses.authoring import refuse_links, target_paths, writable_layer
from deedgen.clauses.findings import clause_problem, describe, from_error
from deedgen.clauses.front_matter import read_text, split_front_matter
from deedgen.clauses.library import ClauseLibrary, Layer
from deedgen.clauses.messages import clause_error, said
from deedgen.clauses.model import Clause, load_clause
from deedgen.exceptions import ClauseError, DeedgenError, EditRejected, Location, Problem
from deedgen.fsutil import atomic_write_text


@dataclass
class EditResult:
    clause_id: str
    changed: bool
    files: list[Path] = field(default_factory=list)
    old_version: int | None = None
    new_version: int | None = None
    copied_from: str | None = None  # "central v3" when the clause was copied into the top layer
    translation_review: bool = False


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else a platform default, split like a shell would."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if command:
        return shlex.split(command, posix=os.name != "nt")
    return ["notepad"] if os.name == "nt" else ["vi"]


def run_editor(files: list[Path]) -> int:
    """Open *files* in the user's editor and wait for it to close."""
    command = editor_command()
    try:
        return subprocess.run([*command, *map(str, files)], check=False).returncode
    except FileNotFoundError:
        raise clause_error("editor_missing", cls=DeedgenError, command=command[0]) from None


@dataclass(frozen=True)
class EditHooks:
    """How an edit talks to the user (the CLI passes click's prompts; tests pass scripts)."""

    interactive: bool = False
    echo: Callable[[str], None] = print
    retry: Callable[[], bool] = lambda: False  # re-open the editor after an invalid edit?
    ask_note: Callable[[], str] | None = None
    editor: Callable[[list[Path]], int] = run_editor
    lang: str = "pl"  # the language of what echo says


@dataclass
class _Edit:
    """One edit in progress: the clause, where it will be written, and the mentor's drafts."""

    clause: Clause
    library: ClauseLibrary
    targets: dict[str, Path]  # lang → the file in the top layer
    originals: dict[str, str]  # lang → the text before the edit
    drafts: dict[str, Path] = field(default_factory=dict)  # lang → the temporary copy edited
    copied_from: str | None = None  # "central v3" when copied up from a lower layer
    base: str | None = None  # the version of the layer below this edit was made on
    model: object = None
    today: dt.date | None = None


def edit_clause(
    library: ClauseLibrary,
    clause_id: str,
    *,
    note: str | None = None,
    hooks: EditHooks | None = None,
    model=None,
    allow_central: bool = False,
    today: dt.date | None = None,
) -> EditResult:
    """Edit a clause in the top layer (copying it there from a lower one), validate, apply."""
    hooks = hooks or EditHooks()
    if note is None and not (hooks.interactive and hooks.ask_note):
        raise clause_error("note_needed", cls=DeedgenError)
    edit = _plan(library, clause_id, writable_layer(library, allow_central), hooks)
    edit.model, edit.today = model, today
    workdir = Path(tempfile.mkdtemp(prefix="deedgen-edit-"))
    try:
        for lang, text in edit.clause.texts.items():
            edit.drafts[lang] = workdir / Path(text.path).name
            edit.drafts[lang].write_text(edit.originals[lang], encoding="utf-8")
        while True:
            code = hooks.editor([edit.drafts[lang] for lang in ("pl", "en") if lang in edit.drafts])
            edited = {lang: read_text(path)[1] for lang, path in edit.drafts.items()}
            if code != 0:
                kept = _keep_rejected(edit.targets, edited, edit.originals)
                raise clause_error("editor_failed", cls=EditRejected, code=code, kept=_kept(kept))
            if edited == edit.originals:
                hooks.echo(said("no_changes", id=clause_id).get(hooks.lang))
                version = edit.clause.version
                return EditResult(
                    clause_id, changed=False, old_version=version, new_version=version
                )
            final, problems, result = _prepare(edit, edited, note or "")
            if not problems:
                break
            hooks.echo(said("edit_invalid", id=clause_id).get(hooks.lang))
            for problem in problems:
                hooks.echo(f"  ✗ {_describe(problem, edit.drafts, edit.targets, hooks.lang)}")
            if hooks.interactive and hooks.retry():
                continue
            kept = _keep_rejected(edit.targets, edited, edit.originals)
            raise clause_error(
                "edit_rejected",
                cls=EditRejected,
                id=clause_id,
                count=len(problems),
                kept=_kept(kept),
            )
        if note is None:
            final, problems, result = _prepare(edit, edited, hooks.ask_note())
        for lang in ("en", "pl"):  # the Polish file last: it carries the version the loader trusts
            if lang in final:
                edit.targets[lang].parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(edit.targets[lang], final[lang], fsync=True)
        result.files = [edit.targets[lang] for lang in ("pl", "en") if lang in final]
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _plan(library: ClauseLibrary, clause_id: str, layer: Layer, hooks: EditHooks) -> _Edit:
    """Where the edit goes: the clause's own files, or new files in the top layer (refused for a
    locked clause), and the version of the layer below it is based on."""
    clause = library.get(clause_id)
    originals = {lang: read_text(Path(text.path))[1] for lang, text in clause.texts.items()}
    if clause.layer != layer.name:
        if clause.locked:
            raise clause_error(
                "edit_locked",
                Location(file=clause.source),
                id=clause_id,
                layer=clause.layer,
                source=clause.source,
                top=layer.name,
            )
        copied = f"{clause.layer} v{clause.version}"
        targets = _writable_targets(layer, target_paths(layer, clause_id))
        return _Edit(clause, library, targets, originals, copied_from=copied, base=copied)
    below = library.replaced.get(clause_id)
    base = f"{below[0].layer} v{below[0].version}" if below else None
    recorded = [c.get("base") for c in clause.changes if isinstance(c, dict) and c.get("base")]
    if base and recorded and recorded[-1] != base:
        moved = said("base_moved", recorded=recorded[-1], base=base, id=clause_id)
        hooks.echo(moved.get(hooks.lang))
    targets = {lang: Path(text.path) for lang, text in clause.texts.items()}
    return _Edit(clause, library, _writable_targets(layer, targets), originals, base=base)


def _writable_targets(layer: Layer, targets: dict[str, Path]) -> dict[str, Path]:
    """*targets*, once neither they, their folders nor the drafts an invalid edit would keep
    beside them (``NAME.pl.txt.rejected``…) are symbolic links; checked before the editor
    opens, so a refusal costs the mentor no typing."""
    for target in targets.values():
        refuse_links(layer, target)
        if target.parent.is_dir():
            for draft in target.parent.glob(glob.escape(target.name) + ".rejected*"):
                refuse_links(layer, draft)
    return targets


def _prepare(edit: _Edit, edited: dict[str, str], note: str):
    """The final texts (version raised, change noted) and their problems, or the problems of the
    edited texts."""
    clause = edit.clause
    result = EditResult(
        clause.id, changed=True, old_version=clause.version, copied_from=edit.copied_from
    )
    metas, problems = _front_matters(edit, edited)
    if problems:
        return {}, problems, result
    pl_changed = edited["pl"] != edit.originals["pl"]
    user_version = metas["pl"].get("version")
    if isinstance(user_version, bool) or not isinstance(user_version, int):
        user_version = 0
    version = max(user_version, clause.version + 1) if pl_changed else clause.version
    try:
        final = _final_texts(edit, edited, version, note, pl_changed, result)
    except ClauseError as error:
        return {}, [from_error(error, clause_id=clause.id)], result
    result.new_version = version
    # Validate the mentor's text with only the version lines set (line numbers stay theirs),
    # then make sure the final text (with the change entry) still parses.
    candidate = {lang: _set_version(text, version) for lang, text in edited.items()}
    problems = _validate(clause, candidate, edit.drafts, edit.library, edit.model)
    if not problems:
        problems = _validate(clause, final, edit.drafts, edit.library, edit.model, lint=False)
    return final, problems, result


def _front_matters(edit: _Edit, edited: dict[str, str]) -> tuple[dict, list[Problem]]:
    """The edited metadata, or the problems that stop the edit before any linting."""
    metas, problems = {}, []
    for lang, text in edited.items():
        try:
            metas[lang], _, _ = split_front_matter(edit.drafts[lang], text)
        except ClauseError as error:
            problems.append(from_error(error, clause_id=edit.clause.id))
    if problems:
        return metas, problems
    where = Location(file=str(edit.drafts["pl"]), line=2)
    if any(m.get("id") != edit.clause.id for m in metas.values()):
        message = said("id_fixed", id=edit.clause.id)
        return metas, [clause_problem("syntax", message, where)]
    if "remove" in metas["pl"]:
        return metas, [clause_problem("syntax", said("remove_via"), where)]
    return metas, []


def _final_texts(
    edit: _Edit, edited: dict, version: int, note: str, pl_changed: bool, result: EditResult
) -> dict:
    when = edit.today or dt.date.today()  # a date: YAML writes it unquoted, like a mentor would
    entry = {"date": when, "version": version, "note": note}
    if edit.base:
        entry["base"] = edit.base
    final = {
        "pl": update_front_matter(
            edited["pl"], version=version, change=entry if pl_changed else None
        )
    }
    if "en" in edited:
        en_entry = None
        if edited["en"] != edit.originals["en"]:
            en_entry = {"date": when, "version": version, "note": note}
        pl_body_changed = _body(edited["pl"]) != _body(edit.originals["pl"])
        if pl_body_changed and _body(edited["en"]) == _body(edit.originals["en"]):
            review = "Polish text changed: translation to review"
            en_entry = {"date": when, "version": version, "note": review, "review": True}
            result.translation_review = True
        final["en"] = update_front_matter(edited["en"], version=version, change=en_entry)
    return final


def _set_version(text: str, version: int) -> str:
    """*text* with its ``version:`` metadata line set to *version*, every other line kept."""
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            break
        if re.match(r"version\s*:", lines[index]):
            lines[index] = f"version: {version}"
            break
    return "\n".join(lines)


def _validate(
    clause: Clause, final: dict, drafts: dict, library: ClauseLibrary, model, lint: bool = True
) -> list[Problem]:
    """Parse and lint the final texts (written beside the drafts, under the same names)."""
    from deedgen.clauses.data_model import data_model
    from deedgen.clauses.lint import lint_clause
    from deedgen.clauses.lint_sheets import edit_failures

    check_dir = (
        Path(tempfile.mkdtemp(prefix="deedgen-check-", dir=drafts["pl"].parent)) / clause.category
    )
    check_dir.mkdir()
    for lang, text in final.items():
        (check_dir / drafts[lang].name).write_text(text, encoding="utf-8")
    try:
        candidate = load_clause(
            check_dir / drafts["pl"].name, layer=clause.layer, layer_dir=str(check_dir.parent)
        )
    except ClauseError as error:
        return [_relocate(from_error(error, clause_id=clause.id), check_dir, drafts["pl"].parent)]
    if not lint:
        return []
    trial = ClauseLibrary(
        layers=library.layers,
        clauses={**library.clauses, clause.id: candidate},
        replaced=dict(library.replaced),
        removed=dict(library.removed),
    )
    model = model or data_model()
    findings = lint_clause(candidate, trial, model, render=False)
    findings += edit_failures(candidate.id, trial, library, model)
    return [_relocate(f, check_dir, drafts["pl"].parent) for f in findings if f.is_error]


def _relocate(finding: Problem, check_dir: Path, draft_dir: Path) -> Problem:
    loc = finding.location
    if loc is None or not loc.file:
        return finding
    path = Path(loc.file)
    if path.parent == check_dir:
        return replace(finding, location=replace(loc, file=str(draft_dir / path.name)))
    return finding


def _describe(problem: Problem, drafts: dict, targets: dict, lang: str = "pl") -> str:
    """A problem with the layer's file name in place of the temporary draft's."""
    loc = problem.location
    if loc and loc.file:
        for variant, draft in drafts.items():
            if Path(loc.file) == draft:
                problem = replace(problem, location=replace(loc, file=str(targets[variant])))
    return describe(problem, lang)


def _body(text: str) -> str:
    lines = text.split("\n")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return text
    return "\n".join(lines[end + 1 :]).strip()


def _keep_rejected(targets: dict, edited: dict, originals: dict) -> list[Path]:
    kept = []
    for lang, text in edited.items():
        if text == originals.get(lang):
            continue
        base = targets[lang].with_name(targets[lang].name + ".rejected")
        path, n = base, 2
        while path.exists() or path.is_symlink():  # never through a link made meanwhile
            path, n = base.with_name(f"{base.name}-{n}"), n + 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        kept.append(path)
    return kept


def _kept(paths: list[Path]):
    return said("kept", paths=", ".join(map(str, paths))) if paths else ""


def update_front_matter(
    text: str, *, version: int | None = None, change: dict | None = None
) -> str:
    """Set ``version`` and append a ``changes`` entry, keeping comments and the body as they are."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if not lines or lines[0].strip() != "---" or end is None:
        raise clause_error("no_front_matter")
    if version is None and change is None:
        return text
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    try:
        data = yaml.load("\n".join(lines[1:end])) or CommentedMap()
    except YAMLError as exc:
        raise clause_error("invalid_metadata", problem=exc) from None
    if version is not None:
        data["version"] = version
    if change is not None:
        changes = data.get("changes")
        if not isinstance(changes, list):
            changes = CommentedSeq()
            data["changes"] = changes
        changes.fa.set_block_style()
        entry = CommentedMap(change)
        entry.fa.set_flow_style()
        changes.append(entry)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return "\n".join(["---", buffer.getvalue().rstrip("\n"), *lines[end:]])


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
