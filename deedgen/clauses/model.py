"""A clause file: YAML front matter (metadata) and a body in the clause syntax.

See ``docs/clause-format.md`` for the format a mentor edits. This module only parses; selection,
layering and linting live beside it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import ClauseError, Location

DOCUMENT_KINDS = ("preliminary", "declaration", "action_plan", "evaluation_forms", "goal_menu")
LANGS = ("pl", "en")
# Metadata a clause's Polish file carries; the English file carries id, title and version only.
REQUIRED_KEYS = ("id", "title", "version", "category", "documents")
OPTIONAL_KEYS = ("order", "condition", "requires", "locked", "fallback", "slot", "note", "changes")
TRANSLATION_KEYS = ("id", "title", "version", "note", "changes")

_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_FILE = re.compile(r"(?P<name>[a-z][a-z0-9_]*)\.(?P<lang>pl|en)\.txt")


@dataclass(frozen=True)
class ClauseText:
    """One language variant of a clause: the file it came from and its body."""

    lang: str
    title: str
    version: int
    body: str
    path: str
    body_line: int  # line of the file where the body starts (for error locations)
    sha256: str


@dataclass(frozen=True)
class Clause:
    """A clause with its metadata and its language variants."""

    id: str
    category: str
    version: int
    documents: tuple[str, ...]
    order: int = 500
    condition: str | None = None
    requires: tuple[str, ...] = ()
    locked: bool = False
    fallback: str | None = None
    slot: str | None = None
    note: str | None = None
    texts: dict[str, ClauseText] = field(default_factory=dict, compare=False, hash=False)
    layer: str = "central"  # name of the layer the clause came from
    layer_dir: str = ""

    def text(self, lang: str) -> ClauseText:
        try:
            return self.texts[lang]
        except KeyError:
            raise ClauseError(
                f"clause {self.id} has no {lang} variant ({self.id.split('.')[-1]}.{lang}.txt)",
                location=Location(file=next(iter(self.texts.values())).path) if self.texts else None,
            ) from None

    @property
    def title(self) -> str:
        return self.text("pl").title if "pl" in self.texts else next(iter(self.texts.values())).title

    @property
    def source(self) -> str:
        """The Polish (authoritative) file, for provenance."""
        return self.text("pl").path if "pl" in self.texts else next(iter(self.texts.values())).path


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Split ``---``-delimited YAML front matter from the body; return (meta, body, body_line)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ClauseError("a clause file starts with a '---' line and its metadata", location=Location(file=str(path), line=1))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ClauseError("the metadata block is not closed by a '---' line", location=Location(file=str(path), line=1)) from None
    try:
        meta = YAML(typ="safe", pure=True).load("\n".join(lines[1:end])) or {}
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise ClauseError(f"invalid metadata: {getattr(exc, 'problem', exc)}", location=Location(file=str(path), line=line)) from None
    if not isinstance(meta, dict):
        raise ClauseError("the metadata block must be 'key: value' lines", location=Location(file=str(path), line=2))
    body = "\n".join(lines[end + 1 :]).strip("\n")
    return meta, body, end + 2


def read_clause_file(path: Path) -> tuple[dict, ClauseText]:
    """Parse one language file of a clause; return its metadata and its text."""
    match = _FILE.fullmatch(path.name)
    if not match:
        raise ClauseError("clause files are named NAME.pl.txt or NAME.en.txt (lower case, a-z, 0-9, _)", location=Location(file=str(path)))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ClauseError("not UTF-8 text; save the clause as UTF-8", location=Location(file=str(path))) from None
    meta, body, body_line = split_front_matter(path, text)
    lang = match.group("lang")
    allowed = set(REQUIRED_KEYS + OPTIONAL_KEYS) if lang == "pl" else set(TRANSLATION_KEYS)
    unknown = sorted(set(meta) - allowed)
    if unknown:
        raise ClauseError(
            f"unknown metadata key(s) {', '.join(unknown)}; allowed here: {', '.join(sorted(allowed))}",
            location=Location(file=str(path), line=2),
        )
    for key in ("id", "title", "version"):
        if key not in meta:
            raise ClauseError(f"metadata '{key}' is missing", location=Location(file=str(path), line=2))
    if not isinstance(meta["id"], str) or not _ID.fullmatch(meta["id"]):
        raise ClauseError(f"id '{meta['id']}' must look like category.name (lower case)", location=Location(file=str(path), line=2))
    if meta["id"].rsplit(".", 1)[-1] != match.group("name"):
        raise ClauseError(
            f"id '{meta['id']}' does not match the file name '{path.name}' (expected …{match.group('name')})",
            location=Location(file=str(path), line=2),
        )
    if not isinstance(meta["version"], int) or meta["version"] < 1:
        raise ClauseError(f"version must be a whole number ≥ 1, found {meta['version']!r}", location=Location(file=str(path), line=2))
    clause_text = ClauseText(
        lang=lang,
        title=str(meta["title"]),
        version=meta["version"],
        body=body,
        path=str(path),
        body_line=body_line,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    return meta, clause_text


def build_clause(meta: dict, texts: dict[str, ClauseText], layer: str, layer_dir: str) -> Clause:
    """Combine the Polish metadata and all language variants into a :class:`Clause`."""
    pl_path = texts["pl"].path if "pl" in texts else next(iter(texts.values())).path
    where = Location(file=pl_path, line=2)
    if "pl" not in texts:
        raise ClauseError("every clause has a Polish file (NAME.pl.txt), the authoritative text", location=where)
    for key in REQUIRED_KEYS:
        if key not in meta:
            raise ClauseError(f"metadata '{key}' is missing", location=where)
    documents = meta["documents"]
    if isinstance(documents, str):
        documents = [documents]
    bad = [d for d in documents if d not in DOCUMENT_KINDS]
    if bad or not documents:
        raise ClauseError(f"documents {bad or '[]'} unknown; expected some of {', '.join(DOCUMENT_KINDS)}", location=where)
    if meta["id"].split(".")[0] != meta["category"]:
        raise ClauseError(f"id '{meta['id']}' must start with its category '{meta['category']}.'", location=where)
    requires = meta.get("requires") or ()
    if isinstance(requires, str):
        requires = [requires]
    order = meta.get("order", 500)
    if not isinstance(order, int):
        raise ClauseError(f"order must be a whole number, found {order!r}", location=where)
    for lang, clause_text in texts.items():
        if lang != "pl":
            other = clause_text.version
            if other != meta["version"]:
                raise ClauseError(
                    f"the {lang} variant is version {other}, the Polish text is version {meta['version']}: "
                    "update the translation and its version",
                    location=Location(file=clause_text.path, line=2),
                )
    return Clause(
        id=meta["id"],
        category=meta["category"],
        version=meta["version"],
        documents=tuple(documents),
        order=order,
        condition=(str(meta["condition"]) if meta.get("condition") not in (None, "") else None),
        requires=tuple(str(r) for r in requires),
        locked=bool(meta.get("locked", False)),
        fallback=meta.get("fallback"),
        slot=meta.get("slot"),
        note=meta.get("note"),
        texts=dict(texts),
        layer=layer,
        layer_dir=layer_dir,
    )


def load_clause(pl_path: Path, layer: str = "central", layer_dir: str = "") -> Clause:
    """Load a clause from its Polish file and the sibling language files."""
    meta, pl_text = read_clause_file(pl_path)
    texts = {"pl": pl_text}
    name = pl_path.name[: -len(".pl.txt")]
    for lang in LANGS:
        if lang == "pl":
            continue
        sibling = pl_path.with_name(f"{name}.{lang}.txt")
        if sibling.is_file():
            other_meta, other_text = read_clause_file(sibling)
            if other_meta["id"] != meta["id"]:
                raise ClauseError(f"id '{other_meta['id']}' differs from the Polish file's '{meta['id']}'", location=Location(file=str(sibling), line=2))
            texts[lang] = other_text
    return build_clause(meta, texts, layer, layer_dir)
