"""A mentor's edits: new clauses, edits in an editor, removal markers, diffs against the layer below.

Everything writes into the **top layer** (the first ``--library`` folder, the most specific). An
edit never loses text and is never half-applied: the editor works on a temporary copy, the result
is parsed and linted, and only a valid result replaces the layer's file (atomically, file by file).
An invalid result is re-opened (interactive) or kept aside as ``NAME.pl.txt.rejected``.
"""

from __future__ import annotations

import datetime as dt
import difflib
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

from deedgen.clauses.findings import Finding, from_error
from deedgen.clauses.library import ClauseLibrary, Layer, Provenance
from deedgen.clauses.model import (
    CLAUSE_ID,
    DOCUMENT_KINDS,
    Clause,
    load_clause,
    read_text,
    split_front_matter,
)
from deedgen.exceptions import ClauseError, DeedgenError, Location
from deedgen.fsutil import atomic_write_text

# Metadata compared by `clause diff`, in the order they are printed.
DIFF_KEYS = (
    "title",
    "version",
    "documents",
    "order",
    "condition",
    "fallback",
    "requires",
    "locked",
    "slot",
    "note",
)


class EditRejected(ClauseError):
    """Raised when an edited clause is invalid and was kept aside, not applied."""


# --- the writable layer ------------------------------------------------------------------------


def writable_layer(library: ClauseLibrary, allow_central: bool = False) -> Layer:
    """The top layer, refusing the central library unless *allow_central*."""
    top = library.top
    if top.central and not allow_central:
        raise ClauseError(
            "no overlay to write to: only the central library is loaded. Give your region's or "
            "coalition's folder with --library DIR (or [library] layers in deedgen.toml); "
            "the central library is changed by the deedgen maintainers"
        )
    return top


def target_paths(layer: Layer, clause_id: str) -> dict[str, Path]:
    category, name = clause_id.split(".", 1)[0], clause_id.rsplit(".", 1)[-1]
    folder = layer.path / category
    return {lang: folder / f"{name}.{lang}.txt" for lang in ("pl", "en")}


def _existing_in_layer(layer: Layer, clause_id: str) -> Path | None:
    name = clause_id.rsplit(".", 1)[-1]
    for path in layer.path.rglob(f"{name}.pl.txt"):
        try:
            meta, _, _ = split_front_matter(path, read_text(path)[1])
        except ClauseError:
            continue
        if meta.get("id") == clause_id:
            return path
    return None


# --- new ---------------------------------------------------------------------------------------

_SKELETON_PL = """\
---
# Klauzula {clause_id} — szkic utworzony {today} przez `deedgen clause new`.
# Format opisuje docs/clause-format.md. Linie zaczynające się od # są komentarzami.
#
# id: kategoria.nazwa — musi się zgadzać z folderem ({category}/) i nazwą pliku ({name}.pl.txt)
id: {clause_id}
# title: nagłówek drukowany pod numerem §
title: {title}
# version: liczba całkowita; `deedgen clause edit` podnosi ją przy każdej zmianie
version: {version}
# category: folder klauzuli (parties, goals, team, actions, monitoring, sustainability, mentoring, …)
category: {category}
# documents: gdzie klauzula trafia: {documents_help}
documents: [{documents}]
# order: miejsce w dokumencie (rosnąco; numery § idą w tej kolejności); domyślnie 500
order: {order}
# condition: wyrażenie na danych; klauzula trafia do dokumentu tylko, gdy jest prawdziwe,
#   np. mentor is not none, gmina_contributes_money, partners | length > 0.
#   SZKIC: "false" wyłącza klauzulę; usuń tę linię, gdy tekst jest gotowy.
condition: "false"
# requires: dane, których tekst potrzebuje (dokumentacja i lint), np. [mentor.name]
requires: []
# locked: true — warstwa regionalna ani lokalna nie może jej zastąpić ani usunąć
locked: false
# note: uwaga dla mentorów; nigdy nie jest drukowana
note: {note}
# changes: dziennik zmian; dopisuje go `deedgen clause edit`
changes: []
---
{{# Wskazówki (komentarz: nie trafia do dokumentu; usuń go, gdy tekst jest gotowy):
   - linia zaczyna się od znacznika: ust. (ustęp), pkt. (punkt), lit. (litera), tir. (tiret),
     wsp. (część wspólna po wyliczeniu); inne linie doklejają się do jednostki powyżej
   - wartości z arkusza: {{{{ coalition.name }}}}, {{{{ gmina.name }}}}, {{{{ library.short_name }}}} …
   - odwołania: §[kategoria.nazwa] albo §[kategoria.nazwa#kotwica], nigdy numery
   - nie stawiaj średnika na końcu punktu: deedgen doda interpunkcję #}}
ust. Pierwszy ustęp. Koalicja {{{{ coalition.name }}}} …
ust.[lista] Drugi ustęp wprowadza wyliczenie:
pkt. pierwszy punkt
pkt. drugi punkt
"""

_SKELETON_EN = """\
---
# English variant of {clause_id}. Only id, title and version (and note, changes) go here;
# the version must equal the Polish file's version. The body mirrors the Polish structure
# lines and anchors.
id: {clause_id}
title: {title}
version: {version}
---
{{# Hints (a comment: not printed): structure lines and anchors as in the Polish file;
   sheet values as {{{{ coalition.name }}}}; references as §[category.name#anchor], never numbers. #}}
ust. First paragraph. The Coalition {{{{ coalition.name }}}} …
ust.[lista] The second paragraph introduces a list:
pkt. first point
pkt. second point
"""


def new_clause(
    library: ClauseLibrary,
    clause_id: str,
    *,
    category: str | None = None,
    documents: tuple[str, ...] = ("declaration",),
    title: str | None = None,
    order: int = 500,
    allow_central: bool = False,
    today: dt.date | None = None,
) -> list[Path]:
    """Write a documented skeleton (Polish and English) into the top layer; return the files."""
    if not CLAUSE_ID.fullmatch(clause_id):
        raise ClauseError(
            f"id '{clause_id}' must look like category.name (lower case, a-z, 0-9, _)"
        )
    prefix = clause_id.split(".")[0]
    category = category or prefix
    if category != prefix:
        raise ClauseError(
            f"id '{clause_id}' must start with its category: {category}.{clause_id.rsplit('.', 1)[-1]}"
        )
    bad = [d for d in documents if d not in DOCUMENT_KINDS]
    if bad:
        raise ClauseError(
            f"unknown document(s) {', '.join(bad)}; expected some of {', '.join(DOCUMENT_KINDS)}"
        )
    layer = writable_layer(library, allow_central)
    existing = _existing_in_layer(layer, clause_id)
    if existing is not None:
        raise ClauseError(
            f"clause {clause_id} already exists in layer {layer.name}: {existing}; edit it with `deedgen clause edit {clause_id}`"
        )
    below = library.clauses.get(clause_id)
    if below is not None and below.locked:
        raise ClauseError(
            f"clause {clause_id} is locked in layer {below.layer} ({below.source}): it cannot be replaced"
        )
    paths = target_paths(layer, clause_id)
    fields = {
        "clause_id": clause_id,
        "category": category,
        "name": clause_id.rsplit(".", 1)[-1],
        "title": _yaml_scalar(title or "(tytuł klauzuli)"),
        "documents": ", ".join(documents),
        "documents_help": ", ".join(DOCUMENT_KINDS),
        "order": order,
        "note": _yaml_scalar(f"Nowa klauzula warstwy {layer.name}."),
        "today": (today or dt.date.today()).isoformat(),
        "version": below.version + 1 if below is not None else 1,
    }
    paths["pl"].parent.mkdir(parents=True, exist_ok=True)
    for lang, template in (("pl", _SKELETON_PL), ("en", _SKELETON_EN)):
        if paths[lang].exists():
            raise ClauseError(f"{paths[lang]} exists already: move it away first")
        content = template.format(**fields)
        if lang == "en":
            content = content.replace(f"title: {fields['title']}", "title: (clause title)")
        atomic_write_text(paths[lang], content, fsync=True)
    return [paths["pl"], paths["en"]]


def _yaml_scalar(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


# --- remove ------------------------------------------------------------------------------------


def remove_clause(
    library: ClauseLibrary,
    clause_id: str,
    *,
    note: str,
    allow_central: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Write a removal marker for *clause_id* into the top layer, after the same checks the loader
    makes (locked, required by a funding rule)."""
    from deedgen.clauses.library import _remove
    from deedgen.clauses.model import Removal
    from deedgen.clauses.required import funding_required_clauses

    layer = writable_layer(library, allow_central)
    if layer.central:
        raise ClauseError(
            "the central library has no removal markers: delete the clause files instead"
        )
    clause = library.get(clause_id)
    if clause.layer == layer.name:
        raise ClauseError(
            f"clause {clause_id} is defined in this layer ({clause.source}): delete that file to "
            "bring back the wording of the layer below, or remove it there"
        )
    paths = target_paths(layer, clause_id)
    probe = ClauseLibrary(layers=library.layers, clauses={clause_id: clause})
    marker = Removal(
        id=clause_id, path=str(paths["pl"]), layer=layer.name, layer_dir=str(layer.path)
    )
    problems = [f for f in _remove(probe, marker, funding_required_clauses()) if f.is_error]
    if problems:
        raise problems[0].to_error()
    when = (today or dt.date.today()).isoformat()
    content = (
        "---\n"
        "# Removal marker: this layer (and the layers above it) do without the clause.\n"
        f"id: {clause_id}\n"
        "remove: true\n"
        f"note: {_yaml_scalar(note)}\n"
        f"changes:\n  - {{date: {when}, note: {_yaml_scalar(f'removed {clause.layer} v{clause.version}')}}}\n"
        "---\n"
    )
    paths["pl"].parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(paths["pl"], content, fsync=True)
    return paths["pl"]


# --- edit --------------------------------------------------------------------------------------


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
        raise DeedgenError(f"editor not found: {command[0]} (set VISUAL or EDITOR)") from None


@dataclass(frozen=True)
class EditHooks:
    """How an edit talks to the user (the CLI passes click's prompts; tests pass scripts)."""

    interactive: bool = False
    echo: Callable[[str], None] = print
    retry: Callable[[], bool] = lambda: False  # re-open the editor after an invalid edit?
    ask_note: Callable[[], str] | None = None
    editor: Callable[[list[Path]], int] = run_editor


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
        raise DeedgenError(
            'give the change note with --note "…" (it goes into the clause\'s change log)'
        )
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
                raise EditRejected(
                    f"the editor exited with code {code}: nothing applied{_kept(kept)}"
                )
            if edited == edit.originals:
                hooks.echo(f"{clause_id}: no changes")
                version = edit.clause.version
                return EditResult(
                    clause_id, changed=False, old_version=version, new_version=version
                )
            final, problems, result = _prepare(edit, edited, note or "")
            if not problems:
                break
            hooks.echo(f"{clause_id}: the edit is not valid:")
            for problem in problems:
                hooks.echo(f"  ✗ {_describe(problem, edit.drafts, edit.targets)}")
            if hooks.interactive and hooks.retry():
                continue
            kept = _keep_rejected(edit.targets, edited, edit.originals)
            raise EditRejected(
                f"{clause_id}: {len(problems)} problem(s): nothing applied{_kept(kept)}"
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
            raise ClauseError(
                f"clause {clause_id} is locked in layer {clause.layer} ({clause.source}): "
                f"layer {layer.name} cannot replace it",
                location=Location(file=clause.source),
            )
        copied = f"{clause.layer} v{clause.version}"
        return _Edit(
            clause,
            library,
            target_paths(layer, clause_id),
            originals,
            copied_from=copied,
            base=copied,
        )
    below = library.replaced.get(clause_id)
    base = f"{below[0].layer} v{below[0].version}" if below else None
    recorded = [c.get("base") for c in clause.changes if isinstance(c, dict) and c.get("base")]
    if base and recorded and recorded[-1] != base:
        hooks.echo(
            f"note: this override was made on {recorded[-1]}; the layer below is now {base}. "
            f"Review the change (deedgen clause diff {clause_id}): this edit records {base}."
        )
    targets = {lang: Path(text.path) for lang, text in clause.texts.items()}
    return _Edit(clause, library, targets, originals, base=base)


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


def _front_matters(edit: _Edit, edited: dict[str, str]) -> tuple[dict, list[Finding]]:
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
        message = f"the id cannot change in an edit (keep id: {edit.clause.id}); create a new clause with `deedgen clause new`"
        return metas, [Finding("syntax", message, where)]
    if "remove" in metas["pl"]:
        return metas, [Finding("syntax", "to remove a clause use `deedgen clause remove`", where)]
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
) -> list[Finding]:
    """Parse and lint the final texts (written beside the drafts, under the same names)."""
    from deedgen.clauses.data_model import data_model
    from deedgen.clauses.lint import lint_clause

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
    findings = lint_clause(candidate, trial, model or data_model())
    return [_relocate(f, check_dir, drafts["pl"].parent) for f in findings if f.is_error]


def _relocate(finding: Finding, check_dir: Path, draft_dir: Path) -> Finding:
    loc = finding.location
    if loc is None or not loc.file:
        return finding
    path = Path(loc.file)
    if path.parent == check_dir:
        return replace(finding, location=replace(loc, file=str(draft_dir / path.name)))
    return finding


def _describe(problem: Finding, drafts: dict, targets: dict) -> str:
    """A problem with the layer's file name in place of the temporary draft's."""
    loc = problem.location
    if loc and loc.file:
        for lang, draft in drafts.items():
            if Path(loc.file) == draft:
                problem = replace(problem, location=replace(loc, file=str(targets[lang])))
    return problem.describe()


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
        while path.exists():
            path, n = base.with_name(f"{base.name}-{n}"), n + 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        kept.append(path)
    return kept


def _kept(paths: list[Path]) -> str:
    return f"; your text is kept in {', '.join(map(str, paths))}" if paths else ""


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
        raise ClauseError("the metadata block between '---' lines is missing")
    if version is None and change is None:
        return text
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    try:
        data = yaml.load("\n".join(lines[1:end])) or CommentedMap()
    except YAMLError as exc:
        raise ClauseError(f"invalid metadata: {exc}") from None
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


# --- show / diff -------------------------------------------------------------------------------


def describe_clause(library: ClauseLibrary, clause_id: str, lang: str = "pl") -> str:
    """The clause as it stands: metadata, provenance and the text in *lang*."""
    provenance = library.provenance(clause_id)
    clause = provenance.clause
    text = clause.text(lang)
    flags = " · locked" if clause.locked else ""
    lines = [
        f"{clause.id} — {text.title}",
        f"  version {clause.version} · layer {clause.layer}{flags}",
        f"  file: {text.path}",
        f"  sha256: {text.sha256}",
    ]
    for below in provenance.replaces:
        lines.append(f"  replaces: {below.layer} v{below.version} ({below.source})")
    lines.append(
        f"  documents: {', '.join(clause.documents)} · order {clause.order}"
        + (f" · slot {clause.slot}" if clause.slot else "")
    )
    for key in ("condition", "fallback"):
        if getattr(clause, key):
            lines.append(f"  {key}: {getattr(clause, key)}")
    if clause.requires:
        lines.append(f"  requires: {', '.join(clause.requires)}")
    if clause.note:
        lines.append(f"  note: {clause.note}")
    other = [x for x in clause.texts if x != lang]
    if other:
        lines.append(f"  other languages: {', '.join(other)}")
    if clause.changes:
        lines.append("  changes:")
        for change in clause.changes:
            lines.append(f"    - {_change_line(change)}")
    lines += ["", f"--- {lang} ---", text.body]
    return "\n".join(lines)


def _change_line(change) -> str:
    if not isinstance(change, dict):
        return str(change)
    head = " ".join(
        str(change[k]) if k != "version" else f"v{change[k]}"
        for k in ("date", "version")
        if k in change
    )
    rest = "; ".join(f"{k}: {v}" for k, v in change.items() if k not in ("date", "version", "note"))
    note = change.get("note", "")
    return " ".join(x for x in (head, "—", str(note), f"({rest})" if rest else "") if x)


def diff_clause(library: ClauseLibrary, clause_id: str, lang: str = "pl") -> str:
    """The overlay's clause against the clause it replaces: metadata changes and a unified diff
    of the bodies. Empty when the clause replaces nothing."""
    if clause_id in library.removed and clause_id not in library.clauses:
        removal = library.removed[clause_id]
        below = library.replaced[clause_id][0]
        return f"{clause_id}: removed by {removal.path}\n  (was {below.layer} v{below.version}: {below.source})"
    provenance: Provenance = library.provenance(clause_id)
    old, new = provenance.replaced, provenance.clause
    if old is None:
        return ""
    lines = [
        f"{clause_id}: {new.layer} v{new.version} ({new.source}) replaces {old.layer} v{old.version} ({old.source})"
    ]
    for key in DIFF_KEYS:
        before, after = _meta_value(old, key, lang), _meta_value(new, key, lang)
        if before != after:
            lines.append(f"  {key}: {before} → {after}")
    old_text, new_text = old.texts.get(lang), new.texts.get(lang)
    if old_text is None or new_text is None:
        lines.append(
            f"  ({lang} text missing in {'the replaced clause' if old_text is None else 'the overlay'})"
        )
        return "\n".join(lines)
    body = difflib.unified_diff(
        old_text.body.splitlines(),
        new_text.body.splitlines(),
        fromfile=f"{old.layer}: {_in_layer(old, old_text.path)} (v{old.version})",
        tofile=f"{new.layer}: {_in_layer(new, new_text.path)} (v{new.version})",
        lineterm="",
    )
    diff = list(body)
    lines += diff if diff else ["  (the text is the same)"]
    return "\n".join(lines)


def _in_layer(clause: Clause, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(clause.layer_dir).resolve()).as_posix()
    except ValueError:
        return path


def _meta_value(clause: Clause, key: str, lang: str):
    if key == "title":
        text = clause.texts.get(lang)
        return text.title if text else None
    value = getattr(clause, key)
    return ", ".join(value) if isinstance(value, tuple) else value


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
