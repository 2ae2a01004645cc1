"""What ``deedgen clause show`` and ``clause diff`` print: a clause as it stands (metadata,
provenance, text), and how the visible clause differs from the one it replaces, word by word.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import click

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


# clause show's labels: (Polish, English)
LABELS = {
    "version": ("wersja", "version"),
    "layer": ("warstwa", "layer"),
    "locked": ("zablokowana", "locked"),
    "file": ("plik", "file"),
    "replaces": ("zastępuje", "replaces"),
    "documents": ("dokumenty", "documents"),
    "order": ("kolejność", "order"),
    "slot": ("miejsce", "slot"),
    "condition": ("warunek (condition)", "condition"),
    "fallback": ("zastępstwo (fallback)", "fallback"),
    "requires": ("wymaga (requires)", "requires"),
    "note": ("uwaga", "note"),
    "other languages": ("inne języki", "other languages"),
    "changes": ("zmiany", "changes"),
}


def describe_clause(
    library: ClauseLibrary, clause_id: str, lang: str = "pl", words: str = "pl"
) -> str:
    """The clause as it stands: metadata, provenance and the text in *lang*, its labels in
    *words* (the message language)."""
    say = {key: pair[words == "en"] for key, pair in LABELS.items()}
    provenance = library.provenance(clause_id)
    clause = provenance.clause
    text = clause.text(lang)
    flags = f" · {say['locked']}" if clause.locked else ""
    lines = [
        f"{clause.id} — {text.title}",
        f"  {say['version']} {clause.version} · {say['layer']} {clause.layer}{flags}",
        f"  {say['file']}: {text.path}",
        f"  sha256: {text.sha256}",
    ]
    for below in provenance.replaces:
        lines.append(f"  {say['replaces']}: {below.layer} v{below.version} ({below.source})")
    lines.append(
        f"  {say['documents']}: {', '.join(clause.documents)} · {say['order']} {clause.order}"
        + (f" · {say['slot']} {clause.slot}" if clause.slot else "")
    )
    for key in ("condition", "fallback"):
        if getattr(clause, key):
            lines.append(f"  {say[key]}: {getattr(clause, key)}")
    if clause.requires:
        lines.append(f"  {say['requires']}: {', '.join(clause.requires)}")
    if clause.note:
        lines.append(f"  {say['note']}: {clause.note}")
    other = [x for x in clause.texts if x != lang]
    if other:
        lines.append(f"  {say['other languages']}: {', '.join(other)}")
    if clause.changes:
        lines.append(f"  {say['changes']}:")
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


# clause diff's words: (Polish, English)
DIFF_WORDS = {
    "removed_by": ("{id}: usunięta przez {path}", "{id}: removed by {path}"),
    "was": ("  (była: {layer} v{version}: {source})", "  (was: {layer} v{version}: {source})"),
    "replaces": (
        "  zastępuje {layer} v{version} ({source})",
        "  replaces {layer} v{version} ({source})",
    ),
    "no_text_old": (
        "  (brak tekstu {lang} w klauzuli zastępowanej)",
        "  (no {lang} text in the replaced clause)",
    ),
    "no_text_new": ("  (brak tekstu {lang} w nakładce)", "  (no {lang} text in the overlay)"),
    "same_text": ("  (tekst bez zmian)", "  (text unchanged)"),
    "legend": (
        "--- {lang}: [-usunięte-] {{+dodane+}} ---",
        "--- {lang}: [-removed-] {{+added+}} ---",
    ),
}


def diff_clause(
    library: ClauseLibrary,
    clause_id: str,
    lang: str = "pl",
    *,
    width: int = 80,
    color: bool = False,
    words: str = "pl",
) -> str:
    """The overlay's clause against the clause it replaces: metadata changes and a word-level
    diff of the bodies in *lang* (``[-usunięte-]``, ``{+dodane+}``, in colour when *color*), each
    line wrapped to *width*, its own words in *words* (the message language). Empty when the
    clause replaces nothing."""

    def say(key: str, **params) -> str:
        return DIFF_WORDS[key][words == "en"].format(**params)

    if clause_id in library.removed and clause_id not in library.clauses:
        removal = library.removed[clause_id]
        below = library.replaced[clause_id][0]
        was = say("was", layer=below.layer, version=below.version, source=below.source)
        return say("removed_by", id=clause_id, path=removal.path) + "\n" + was
    provenance: Provenance = library.provenance(clause_id)
    old, new = provenance.replaced, provenance.clause
    if old is None:
        return ""
    lines = [
        f"{clause_id}: {new.layer} v{new.version} ({new.source})",
        say("replaces", layer=old.layer, version=old.version, source=old.source),
    ]
    for key in DIFF_KEYS:
        before, after = _meta_value(old, key, lang), _meta_value(new, key, lang)
        if before != after:
            lines.append(
                textwrap.fill(f"  {key}: {before} → {after}", width, subsequent_indent="      ")
            )
    old_text, new_text = old.texts.get(lang), new.texts.get(lang)
    if old_text is None or new_text is None:
        lines.append(say("no_text_old" if old_text is None else "no_text_new", lang=lang))
        return "\n".join(lines)
    changes = word_changes(old_text.body, new_text.body)
    if all(kind == "same" for kind, _ in changes):
        return "\n".join([*lines, say("same_text")])
    legend = say("legend", lang=lang)
    return "\n".join([*lines, "", legend, *format_word_diff(changes, width, color)])


MARKS = {"del": ("[-", "-]", "red"), "ins": ("{+", "+}", "green")}


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """*old* → *new* word by word (difflib): (kind, token) in reading order, kind ``same``,
    ``del`` or ``ins``; tokens are words, ``" "`` and ``"\n"`` (the clause's lines)."""
    old_words, new_words = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out += [("same", w) for w in old_words[a1:a2]]
            continue
        out += [("del", w) for w in old_words[a1:a2]]
        out += [("ins", w) for w in new_words[b1:b2]]
    return out


def _tokens(text: str) -> list[str]:
    """Words and line breaks (other whitespace is one space between words)."""
    tokens: list[str] = []
    for number, line in enumerate(text.strip().split("\n")):
        if number:
            tokens.append("\n")
        tokens += line.split()
    return tokens


def format_word_diff(changes: list[tuple[str, str]], width: int, color: bool) -> list[str]:
    """The changes as lines of text: each clause line (a deleted line break joins two), marked
    runs of deleted and inserted words, wrapped to *width* with continuation lines indented."""
    lines: list[list[tuple[str, str]]] = [[]]
    for kind, token in changes:
        if token == "\n":
            if kind != "del":
                lines.append([])
            continue
        lines[-1].append((kind, token))
    return [wrapped for line in lines for wrapped in _wrap(_units(line, color), width)]


def _units(words: list[tuple[str, str]], color: bool) -> list[tuple[str, int]]:
    """(printed text, visible width) per word, a run of changed words marked at its ends."""
    units = []
    for index, (kind, word) in enumerate(words):
        if kind == "same":
            units.append((word, len(word)))
            continue
        opening, closing, colour = MARKS[kind]
        first = index == 0 or words[index - 1][0] != kind
        last = index == len(words) - 1 or words[index + 1][0] != kind
        text = f"{opening if first else ''}{word}{closing if last else ''}"
        units.append((click.style(text, fg=colour) if color else text, len(text)))
    return units


def _wrap(units: list[tuple[str, int]], width: int, indent: str = "    ") -> list[str]:
    if not units:
        return [""]
    out, current, used = [], [], 0
    for text, size in units:
        if current and used + 1 + size > width:
            out.append(" ".join(current))
            current, used = [indent + text], len(indent) + size
        else:
            used += size + (1 if current else 0)
            current.append(text)
    out.append(" ".join(current))
    return out


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
