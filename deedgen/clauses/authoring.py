"""Add a clause to a layer or remove one from it (``clause new``, ``clause remove``), always in
the layer a command may write to: the most specific one, the central library only when allowed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path

from deedgen.clauses.findings import to_error
from deedgen.clauses.front_matter import read_text, split_front_matter
from deedgen.clauses.library import ClauseLibrary, Layer
from deedgen.clauses.messages import clause_error, said
from deedgen.clauses.model import CLAUSE_ID, DOCUMENT_KINDS
from deedgen.exceptions import ClauseError
from deedgen.fsutil import atomic_write_text


def writable_layer(library: ClauseLibrary, allow_central: bool = False) -> Layer:
    """The top layer, refusing the central library unless *allow_central*."""
    top = library.top
    if top.central and not allow_central:
        raise clause_error("no_overlay")
    return top


# What `clause edit` keeps aside when an edit is invalid: NAME.pl.txt.rejected, …rejected-2.
REJECTED_DRAFT = re.compile(r"\.(pl|en)\.txt\.rejected(-[0-9]+)?$")


def rejected_drafts(layers: Iterable[Layer]) -> list[Path]:
    """The drafts ``clause edit`` kept aside in *layers*, in path order (nothing else matches:
    the name must end in ``.pl.txt.rejected`` or ``.en.txt.rejected-N``)."""
    found = set()
    for layer in layers:
        if layer.path.is_dir():
            for path in layer.path.rglob("*.txt.rejected*"):
                if REJECTED_DRAFT.search(path.name) and path.is_file() and not path.is_symlink():
                    found.add(path)
    return sorted(found)


def remove_rejected(paths: Iterable[Path]) -> list[Path]:
    """Remove the rejected drafts among *paths* (anything else is left alone); the removed."""
    removed = []
    for path in paths:
        if REJECTED_DRAFT.search(path.name) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def refuse_links(layer: Layer, path: Path) -> None:
    """Refuse to write *path* when it, or a folder between the layer and it, is a symbolic link
    (even a dangling one): a write through it would land outside the layer. The layer folder
    itself may be a link; it is what the mentor named."""
    try:
        parts = path.relative_to(layer.path).parts
    except ValueError:
        message = said("write_outside", path=path, layer=layer.name, folder=layer.path)
        raise ClauseError(message.pl, english=message.en) from None
    current = layer.path
    for part in parts:
        current = current / part
        if current.is_symlink():
            target = os.readlink(current)
            message = said("write_link", path=current, target=target, layer=layer.name)
            raise ClauseError(message.pl, english=message.en)


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
    category = _checked_category(clause_id, category, documents)
    layer = writable_layer(library, allow_central)
    existing = _existing_in_layer(layer, clause_id)
    if existing is not None:
        raise clause_error("new_exists", id=clause_id, layer=layer.name, path=existing)
    below = library.clauses.get(clause_id)
    if below is not None and below.locked:
        raise clause_error("new_locked", id=clause_id, layer=below.layer, source=below.source)
    paths = target_paths(layer, clause_id)
    for path in paths.values():
        refuse_links(layer, path)
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
            raise clause_error("file_exists", path=paths[lang])
        content = template.format(**fields)
        if lang == "en":
            content = content.replace(f"title: {fields['title']}", "title: (clause title)")
        atomic_write_text(paths[lang], content, fsync=True)
    return [paths["pl"], paths["en"]]


def _checked_category(clause_id: str, category: str | None, documents: tuple[str, ...]) -> str:
    """The new clause's category, once its id and documents are known to be well formed."""
    if not CLAUSE_ID.fullmatch(clause_id):
        raise clause_error("new_id_form", id=clause_id)
    prefix = clause_id.split(".")[0]
    category = category or prefix
    if category != prefix:
        name = clause_id.rsplit(".", 1)[-1]
        raise clause_error("new_id_category", id=clause_id, category=category, name=name)
    bad = [d for d in documents if d not in DOCUMENT_KINDS]
    if bad:
        kinds = ", ".join(DOCUMENT_KINDS)
        raise clause_error("new_documents", bad=", ".join(bad), kinds=kinds)
    return category


def _yaml_scalar(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


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
        raise clause_error("central_no_markers")
    clause = library.get(clause_id)
    if clause.layer == layer.name:
        raise clause_error("remove_own", id=clause_id, source=clause.source)
    paths = target_paths(layer, clause_id)
    probe = ClauseLibrary(layers=library.layers, clauses={clause_id: clause})
    marker = Removal(
        id=clause_id, path=str(paths["pl"]), layer=layer.name, layer_dir=str(layer.path)
    )
    problems = [f for f in _remove(probe, marker, funding_required_clauses()) if f.is_error]
    if problems:
        raise to_error(problems[0])
    refuse_links(layer, paths["pl"])
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
