"""What ``deedgen clause show`` and ``clause diff`` print: a clause as it stands (metadata,
provenance, text), and how the visible clause differs from the one it replaces.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from deedgen.clauses.library import ClauseLibrary, Provenance
from deedgen.clauses.model import Clause

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
