"""A clause file: YAML front matter (metadata) and a body in the clause syntax.

See ``docs/clause-format.md`` for the format a mentor edits. This module only parses; selection,
layering and linting live beside it.

An overlay may also hold a **removal marker**: a ``NAME.pl.txt`` whose metadata is ``id`` and
``remove: true`` (and optionally ``note``, ``changes``) with no body. It takes the clause out of
the library for this layer and the layers above it; the loader refuses it for locked clauses and
for clauses the funding rules require.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.front_matter import meta_line, read_text, split_front_matter
from deedgen.clauses.messages import Said, clause_error
from deedgen.exceptions import LanguageError, Location

DOCUMENT_KINDS = (
    "preliminary",
    "declaration",
    "action_plan",
    "evaluation_forms",
    "support",
    "goal_menu",
    "evaluation_report",  # deedgen.evaluation.annual: the annual evaluation report
)
LANGS = ("pl", "en")
# Metadata a clause's Polish file carries; the English file carries id, title and version only.
REQUIRED_KEYS = ("id", "title", "version", "category", "documents")
OPTIONAL_KEYS = ("order", "condition", "requires", "locked", "fallback", "slot", "note", "changes")
TRANSLATION_KEYS = ("id", "title", "version", "note", "changes")
REMOVAL_KEYS = ("id", "remove", "note", "changes")

CLAUSE_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_ID = CLAUSE_ID
_FILE = re.compile(r"(?P<name>[a-z][a-z0-9_]*)\.(?P<lang>pl|en)\.txt")
LANG_NAMES = {"pl": Said("polski", "Polish"), "en": Said("angielski", "English")}


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
    changes: tuple = field(default=(), compare=False, hash=False)  # the change log (`changes:`)

    def text(self, lang: str) -> ClauseText:
        try:
            return self.texts[lang]
        except KeyError:
            first = next(iter(self.texts.values()), None)
            raise clause_error(
                "no_variant",
                Location(file=first.path) if first else None,
                clause=self.id,
                code=lang,
                lang=LANG_NAMES.get(lang, lang),
                file=f"{self.id.split('.')[-1]}.{lang}.txt",
            ) from None

    def _main_text(self) -> ClauseText:
        return self.texts["pl"] if "pl" in self.texts else next(iter(self.texts.values()))

    @property
    def title(self) -> str:
        return self._main_text().title

    @property
    def source(self) -> str:
        """The Polish (authoritative) file, for provenance."""
        return self._main_text().path

    @property
    def source_in_layer(self) -> str:
        """The Polish file relative to its layer folder (``team/composition.pl.txt``)."""
        try:
            return (
                Path(self.source).resolve().relative_to(Path(self.layer_dir).resolve()).as_posix()
            )
        except ValueError:
            return self.source


@dataclass(frozen=True)
class Removal:
    """A removal marker of an overlay: the clause ``id`` is taken out from this layer up."""

    id: str
    path: str
    layer: str
    layer_dir: str
    note: str | None = None
    sha256: str = ""

    @property
    def source(self) -> str:
        return self.path


def _where(path: Path, key: str = "id") -> Location:
    return Location(file=str(path), line=meta_line(path, key))


def _check_name(path: Path) -> re.Match:
    match = _FILE.fullmatch(path.name)
    if not match:
        raise clause_error("file_name", Location(file=str(path)))
    return match


def _check_id(path: Path, meta: dict, name: str) -> None:
    if "id" not in meta:
        raise clause_error("metadata_missing", Location(file=str(path), line=2), key="id")
    if not isinstance(meta["id"], str) or not _ID.fullmatch(meta["id"]):
        raise clause_error("id_form", _where(path), id=meta["id"])
    if meta["id"].rsplit(".", 1)[-1] != name:
        raise clause_error("id_file", _where(path), id=meta["id"], file=path.name, name=name)


def read_clause_file(path: Path) -> tuple[dict, ClauseText]:
    """Parse one language file of a clause; return its metadata and its text."""
    match = _check_name(path)
    raw, text = read_text(path)
    meta, body, body_line = split_front_matter(path, text)
    lang = match.group("lang")
    if "remove" in meta:
        raise clause_error("remove_in_clause", _where(path, "remove"), keys=", ".join(REMOVAL_KEYS))
    allowed = set(REQUIRED_KEYS + OPTIONAL_KEYS) if lang == "pl" else set(TRANSLATION_KEYS)
    unknown = sorted(set(meta) - allowed)
    if unknown:
        raise clause_error(
            "unknown_keys",
            _where(path, unknown[0]),
            unknown=", ".join(unknown),
            allowed=", ".join(sorted(allowed)),
        )
    for key in ("id", "title", "version"):
        if key not in meta:
            raise clause_error("metadata_missing", Location(file=str(path), line=2), key=key)
    _check_id(path, meta, match.group("name"))
    if isinstance(meta["version"], bool) or not isinstance(meta["version"], int):
        meta["version"] = None
    if meta["version"] is None or meta["version"] < 1:
        raise clause_error("version_number", _where(path, "version"), found=repr(meta["version"]))
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

    def where(key: str) -> Location:
        return Location(file=pl_path, line=meta_line(pl_path, key))

    if "pl" not in texts:
        raise clause_error("no_polish", where("id"))
    for key in REQUIRED_KEYS:
        if key not in meta:
            raise clause_error("metadata_missing", where(key), key=key)
    documents = _documents(meta, where)
    if meta["id"].split(".")[0] != meta["category"]:
        raise clause_error(
            "id_category", where("category"), id=meta["id"], category=meta["category"]
        )
    requires = meta.get("requires") or ()
    if isinstance(requires, str):
        requires = [requires]
    order = meta.get("order", 500)
    if isinstance(order, bool) or not isinstance(order, int):
        raise clause_error("order_number", where("order"), found=repr(order))
    changes = meta.get("changes") or ()
    if not isinstance(changes, list | tuple):
        raise clause_error("changes_list", where("changes"))
    _check_translation_versions(meta, texts)
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
        changes=tuple(changes),
    )


def _documents(meta: dict, where) -> list:
    """The ``documents`` a clause belongs to (one name or a list), each a known kind."""
    documents = meta["documents"]
    if isinstance(documents, str):
        documents = [documents]
    if not isinstance(documents, list):
        documents = [str(documents)]
    bad = [d for d in documents if d not in DOCUMENT_KINDS]
    if bad or not documents:
        raise clause_error(
            "documents_unknown",
            where("documents"),
            bad=bad or "[]",
            kinds=", ".join(DOCUMENT_KINDS),
        )
    return documents


def _check_translation_versions(meta: dict, texts: dict[str, ClauseText]) -> None:
    """Every language variant carries the Polish text's version (else it is out of date)."""
    for lang, clause_text in texts.items():
        if lang != "pl":
            other = clause_text.version
            if other != meta["version"]:
                raise clause_error(
                    "variant_version",
                    Location(file=clause_text.path, line=meta_line(clause_text.path, "version")),
                    cls=LanguageError,
                    lang=LANG_NAMES.get(lang, lang),
                    other=other,
                    version=meta["version"],
                )


def read_removal(pl_path: Path, layer: str = "central", layer_dir: str = "") -> Removal | None:
    """The removal marker in *pl_path*, or None when the file is an ordinary clause."""
    match = _check_name(pl_path)
    raw, text = read_text(pl_path)
    if not re.search(r"^remove\s*:", text, re.M):
        return None
    meta, body, body_line = split_front_matter(pl_path, text)
    if "remove" not in meta:
        return None
    if match.group("lang") != "pl":
        raise clause_error("marker_polish", _where(pl_path, "remove"))
    if meta["remove"] is not True:
        raise clause_error("remove_true", _where(pl_path, "remove"), found=repr(meta["remove"]))
    unknown = sorted(set(meta) - set(REMOVAL_KEYS))
    if unknown:
        raise clause_error(
            "marker_keys",
            _where(pl_path, unknown[0]),
            keys=", ".join(REMOVAL_KEYS),
            found=", ".join(unknown),
        )
    _check_id(pl_path, meta, match.group("name"))
    if body.strip():
        raise clause_error("marker_body", Location(file=str(pl_path), line=body_line))
    sibling = pl_path.with_name(pl_path.name[: -len(".pl.txt")] + ".en.txt")
    if sibling.is_file():
        raise clause_error("marker_english", Location(file=str(sibling)))
    return Removal(
        id=meta["id"],
        path=str(pl_path),
        layer=layer,
        layer_dir=layer_dir,
        note=meta.get("note"),
        sha256=hashlib.sha256(raw).hexdigest(),
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
                raise clause_error(
                    "variant_id",
                    _where(sibling),
                    cls=LanguageError,
                    id=other_meta["id"],
                    pl_id=meta["id"],
                )
            texts[lang] = other_text
    return build_clause(meta, texts, layer, layer_dir)


def load_entry(pl_path: Path, layer: str = "central", layer_dir: str = "") -> Clause | Removal:
    """A Polish clause file of a layer: a clause, or a removal marker."""
    removal = read_removal(pl_path, layer, layer_dir)
    return removal if removal is not None else load_clause(pl_path, layer, layer_dir)
