"""What the mentor's pages ask of deedgen: a clause's text, a preview of an edit inside a
coalition's declaration, a word-level diff, and a save through ``deedgen clause edit``'s rules.

Saving goes through :func:`deedgen.clauses.editing.edit_clause` (the one implementation of the
editing rules: locked clauses, the copy into the top layer, lint, the version raised, the change
note), with the browser's text as the "editor". Before it, the edited clause is tried on every
valid coalition of the workspace; a save that would break one is refused with its reason.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.describe import word_changes
from deedgen.clauses.editing import EditHooks, edit_clause
from deedgen.clauses.front_matter import read_text
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.model import Clause, load_clause
from deedgen.exceptions import DeedgenError

MAX_CLAUSE_CHARS = 100_000


def clause_text(clause: Clause, lang: str = "pl") -> str:
    """The clause file's whole text (front matter and body), as the editor shows it."""
    return read_text(Path(clause.texts[lang].path))[1]


def trial_library(library: ClauseLibrary, clause: Clause, text: str) -> ClauseLibrary:
    """The library with *clause*'s Polish file replaced by *text* (raises ClauseError when the
    text does not parse); the other language files are the clause's own."""
    if len(text) > MAX_CLAUSE_CHARS:
        raise DeedgenError(f"tekst klauzuli za długi (najwyżej {MAX_CLAUSE_CHARS} znaków)")
    with tempfile.TemporaryDirectory(prefix="deedgen-studio-") as folder:
        category = Path(folder) / clause.category
        category.mkdir()
        pl_path = Path(clause.texts["pl"].path)
        (category / pl_path.name).write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        for lang, other in clause.texts.items():
            if lang != "pl":
                source = Path(other.path)
                (category / source.name).write_bytes(source.read_bytes())
        candidate = load_clause(category / pl_path.name, layer=clause.layer, layer_dir=folder)
    return ClauseLibrary(
        layers=library.layers,
        clauses={**library.clauses, clause.id: candidate},
        replaced=dict(library.replaced),
        removed=dict(library.removed),
    )


@dataclass(frozen=True)
class WordDiff:
    """A word-level side-by-side diff: each side a list of (kind, text), kind in same/del/ins."""

    before: list[tuple[str, str]] = field(default_factory=list)
    after: list[tuple[str, str]] = field(default_factory=list)
    changed: bool = False


def word_diff(old: str, new: str) -> WordDiff:
    """The edit word by word for the side-by-side view — the same comparison as
    ``clause diff`` (:func:`deedgen.clauses.describe.word_changes`), as runs of text."""
    changes = word_changes(old, new)
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    for kind, token in changes:
        if kind != "ins":
            _add(before, kind, token)
        if kind != "del":
            _add(after, kind, token)
    return WordDiff(before, after, changed=any(kind != "same" for kind, _ in changes))


def _add(side: list[tuple[str, str]], kind: str, token: str) -> None:
    """Append *token* to *side*: a space before it (as unchanged text) between two words,
    runs of one kind joined."""
    if side and token != "\n" and not side[-1][1].endswith("\n"):
        _join(side, "same", " ")
    _join(side, kind, token)


def _join(side: list[tuple[str, str]], kind: str, text: str) -> None:
    if side and side[-1][0] == kind:
        side[-1] = (kind, side[-1][1] + text)
    else:
        side.append((kind, text))


def body_of(text: str) -> str:
    """A clause file's body: what follows the front matter's closing ``---``."""
    parts = text.split("\n---", 1) if text.startswith("---") else ["", text]
    body = parts[-1] if len(parts) == 2 else text
    return body.strip("\n")


def base_body(library: ClauseLibrary, clause: Clause) -> tuple[str, str]:
    """What the edit is compared with: the clause it replaces, else its saved text; and a name."""
    replaced = library.provenance(clause.id).replaced
    if replaced is not None:
        return replaced.texts["pl"].body, f"{replaced.layer} v{replaced.version} (zastępowana)"
    return clause.texts["pl"].body, f"{clause.layer} v{clause.version} (zapisana)"


def preview(studio, library: ClauseLibrary, clause: Clause, text: str, coalition_id) -> dict:
    """The word-level diff of the edit, and the document of the chosen coalition (the first
    valid one by default) that holds the clause, built with the edited text."""
    from deedgen.pipeline.plan import plan

    base, base_name = base_body(library, clause)
    out = {"diff": word_diff(base, body_of(text)), "base_name": base_name}
    out.update(document=None, preview_error=None)
    coalitions = [c for c in studio.workspace.coalitions() if studio.valid_sheet(c) is not None]
    chosen = next((c for c in coalitions if c.id == coalition_id), None)
    chosen = chosen or (coalitions[0] if coalitions else None)
    out["coalitions"], out["coalition_id"] = coalitions, chosen.id if chosen else None
    if chosen is None:
        out["preview_error"] = "W folderze roboczym nie ma poprawnej koalicji do podglądu."
        return out
    try:
        trial = trial_library(library, clause, text)
        sheet = studio.valid_sheet(chosen)
        options = studio.options(draft=True)
        planned = plan(sheet, options, library=trial, rules=studio.rules(sheet, options))
    except DeedgenError as error:
        out["preview_error"] = error.message
        return out
    documents = planned.documents["pl"].values()
    out["document"] = next((d for d in documents if d.section(clause.id)), None)
    return out


def breaking_coalitions(studio, trial: ClauseLibrary) -> list[str]:
    """Every coalition of the workspace whose documents the trial library cannot build, with
    the reason ("Koalicja X (plik.yaml): …")."""
    from deedgen.pipeline.plan import plan

    broken = []
    for coalition in studio.workspace.coalitions():
        sheet = studio.valid_sheet(coalition)
        if sheet is None:
            continue
        options = studio.options(draft=True)
        try:
            plan(sheet, options, library=trial, rules=studio.rules(sheet, options))
        except DeedgenError as error:
            broken.append(f"{sheet.name} ({coalition.id}): {error.message}")
    return broken


def save_clause(studio, clause: Clause, text: str, note: str):
    """Apply the edit with ``clause edit``'s rules; returns the EditResult. Raises DeedgenError
    with the reasons when the text is invalid or would break a coalition of the workspace."""
    if not note.strip():
        raise DeedgenError("Podaj notatkę o zmianie — trafi do historii zmian klauzuli.")
    library = studio.library()
    broken = breaking_coalitions(studio, trial_library(library, clause, text))
    if broken:
        raise DeedgenError(
            "Nie zapisano: zmiana zepsułaby dokumenty koalicji:\n" + "\n".join(broken)
        )
    said: list[str] = []

    def write_browser_text(drafts: list[Path]) -> int:
        drafts[0].write_text(text.replace("\r\n", "\n"), encoding="utf-8")  # the Polish draft
        return 0

    hooks = EditHooks(echo=said.append, editor=write_browser_text)
    try:
        with studio.workspace.saving():  # one writer at a time, across the server's processes
            result = edit_clause(library, clause.id, note=note.strip(), hooks=hooks)
    except DeedgenError as error:
        raise DeedgenError("\n".join([*said, error.message])) from None
    studio.reload()
    return result


def unreached_branches(studio, clause_id: str) -> list[str]:
    """The branches of the clause's ``{% if %}`` blocks that no coalition of the workspace and
    no sample takes, so no document was checked through them: ``wiersz 7 {% if … %}: why``."""
    from deedgen.clauses.data_model import data_model, default_sample_sheets
    from deedgen.clauses.lint_branches import untested_branches

    library = studio.library()
    clause = library.clauses.get(clause_id)
    if clause is None:
        return []
    own = [c.path for c in studio.workspace.coalitions() if studio.valid_sheet(c) is not None]
    model = data_model([*default_sample_sheets(), *own])
    path = str(clause.texts["pl"].path)
    return [
        f"wiersz {branch.line} {branch.tag}: {branch.why.pl}"
        for branch in untested_branches(library, model)
        if branch.path == path
    ]


def touched_coalitions(studio) -> list[dict]:
    """Which coalitions of the workspace use a clause of the workspace's own layer, and which:
    ``[{"coalition": id, "name": …, "clauses": ["final.disputes v4 (deklaracja partnerstwa)"]}]``,
    in the workspace's order. Empty when the workspace has no layer of its own."""
    from deedgen.document import DOCUMENT_TITLES

    library = studio.library()
    if library.top.central:
        return []
    out = []
    for coalition in studio.workspace.coalitions():
        sheet = studio.valid_sheet(coalition)
        if sheet is None:
            continue
        try:
            planned = studio.plan(sheet)
        except DeedgenError:
            continue  # the cohort report says why it does not build
        used = {}
        for kind, document in planned.documents["pl"].items():
            for clause in document.clauses:
                if clause.layer == library.top.name:
                    title = DOCUMENT_TITLES[kind]["pl"].lower()
                    used.setdefault(f"{clause.id} v{clause.version}", []).append(title)
        if used:
            lines = [f"{name} ({', '.join(kinds)})" for name, kinds in sorted(used.items())]
            out.append({"coalition": coalition.id, "name": sheet.name, "clauses": lines})
    return out
