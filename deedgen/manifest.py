"""What went into each output, with hashes: ``manifest.json`` beside a coalition's documents.

The manifest makes a build auditable (which clause, in which version, from which layer and file,
produced which document) and lets a batch skip coalitions whose inputs did not change
(:func:`inputs_digest`). :class:`Manifest` is the only code that knows its keys: it is written by
``write``, read back by the batch's triage, compared for clause changes and re-stamped.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import orjson

from deedgen import __version__
from deedgen.clauses.library import ClauseLibrary
from deedgen.fsutil import atomic_write_bytes

MANIFEST_NAME = "manifest.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def library_digest(library: ClauseLibrary) -> str:
    """One hash over every clause file visible through the layers (id, layer, file hashes)."""
    digest = hashlib.sha256()
    for clause_id in sorted(library.clauses):
        clause = library.clauses[clause_id]
        digest.update(f"{clause_id}|{clause.layer}|{clause.version}".encode())
        for lang in sorted(clause.texts):
            digest.update(clause.texts[lang].sha256.encode())
    return digest.hexdigest()


def templates_digest(template_dir: Path) -> str:
    """One hash over the DOCX templates (names and contents); re-read only when one of them
    changed (by inode, modification or change time, or size) — a batch asks once per coalition."""
    stamps = []
    for path in sorted(Path(template_dir).glob("*.docx")):
        info = path.stat()
        stamps.append((path.name, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size))
    return _templates_digest(str(template_dir), tuple(stamps))


@functools.lru_cache(maxsize=16)
def _templates_digest(template_dir: str, stamps: tuple) -> str:
    digest = hashlib.sha256()
    for name, *_stat in stamps:
        digest.update(name.encode())
        digest.update(sha256_file(Path(template_dir) / name).encode())
    return digest.hexdigest()


def inputs_digest(
    *, sheet_sha256: str, library: str, rules: str | None, templates: str, options: dict
) -> str:
    """A digest of everything a build's output depends on, deedgen's version included."""
    payload = json.dumps(
        {
            "deedgen": __version__,
            "sheet": sheet_sha256,
            "library": library,
            "rules": rules,
            "templates": templates,
            "options": options,
        },
        sort_keys=True,
    )
    return sha256_bytes(payload.encode())


def sheet_inputs_sha256(sheet_sha256: str, overrides: dict | None = None) -> str:
    """The sheet's part of the inputs digest: its file's hash, combined with the values a cohort
    workbook set in it (the file's hash alone when there are none)."""
    if not overrides:
        return sheet_sha256
    payload = json.dumps(
        {"sheet": sheet_sha256, "overrides": overrides}, sort_keys=True, ensure_ascii=False
    )
    return sha256_bytes(payload.encode())


def pretty_json(value) -> bytes:
    """Indented UTF-8 JSON ending in a newline, as ``json.dumps(indent=2, ensure_ascii=False)``
    lays it out — written by orjson, because the json module's indented encoder runs in Python
    and took ~4 ms of a coalition's ~25 ms in a batch."""
    options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
    return orjson.dumps(value, option=options)


def clause_record(used, library: ClauseLibrary) -> dict:
    """A used clause as the manifest records it: id, version, layer, file, hash, what it
    replaces."""
    entry = {
        "id": used.id,
        "version": used.version,
        "layer": used.layer,
        "source": used.source,
        "sha256": used.sha256,
    }
    below = library.replaced.get(used.id)
    if below:
        entry["replaces"] = {
            "layer": below[0].layer,
            "version": below[0].version,
            "source": below[0].source,
        }
    return entry


def library_record(library: ClauseLibrary) -> dict:
    """The layers a build read, the clauses they removed, and the library's digest."""
    return {
        "layers": [{"name": layer.name, "path": str(layer.path)} for layer in library.layers],
        "removed": sorted(library.removed),
        "sha256": library_digest(library),
    }


@dataclass(frozen=True)
class Manifest:
    """One coalition's build record, as ``manifest.json`` holds it (keys in this order)."""

    coalition: str
    terc: str
    input: dict  # path, sha256 and, from a cohort workbook, overrides
    options: dict  # BuildOptions.fingerprint()
    library: dict  # library_record()
    templates_sha256: str
    compliance: dict | None  # rule-set path, version, sha256, compliant
    inputs_digest: str | None
    draft: bool
    documents: list[dict]  # kind, lang, title, docx/pdf names and hashes, clauses
    bundles: list[dict]
    summary: dict | None = None  # a batch's report facts, kept for a later batch that skips it
    files: list[str] = field(default_factory=list)  # every file the build wrote
    deedgen_version: str = __version__

    # --- reading the facts a rerun needs ------------------------------------------------------

    @property
    def sheet_path(self) -> str:
        return self.input["path"]

    @property
    def sheet_sha256(self) -> str:
        return self.input["sha256"]

    @property
    def overrides(self) -> dict:
        return self.input.get("overrides") or {}

    @property
    def library_sha256(self) -> str:
        return self.library["sha256"]

    @property
    def rules_path(self) -> str | None:
        return (self.compliance or {}).get("path")

    @property
    def rules_sha256(self) -> str | None:
        return (self.compliance or {}).get("sha256")

    def complete(self, folder: Path) -> bool:
        """True when every file the manifest lists is in *folder*."""
        return bool(self.files) and all(
            "/" not in name and (folder / name).is_file() for name in self.files
        )

    def recorded_clauses(self) -> dict[tuple[str, str], list[dict] | None]:
        """(kind, lang) → the clause records of that document."""
        return {(d["kind"], d["lang"]): d.get("clauses") for d in self.documents}

    def document_links(self, folder: str) -> list[dict]:
        """Each document's kind, language, title and files, relative to the batch folder."""
        links = []
        for entry in self.documents:
            link = {
                "kind": entry["kind"],
                "lang": entry["lang"],
                "title": entry.get("title", entry["kind"]),
            }
            for ext in ("docx", "pdf"):
                if entry.get(ext):
                    link[ext] = f"{folder}/{entry[ext]}"
            links.append(link)
        return links

    def bundle_links(self, folder: str) -> list[dict]:
        return [
            {"lang": b.get("lang", "pl"), "file": f"{folder}/{b['file']}"} for b in self.bundles
        ]

    # --- changing and comparing ---------------------------------------------------------------

    def restamped(self, library: ClauseLibrary, digest: str | None) -> Manifest:
        """The same build, recorded as current with today's clause library."""
        return replace(self, library=library_record(library), inputs_digest=digest)

    def clause_changes(self, previous: Manifest | None) -> list[dict]:
        """What changed in the clauses of the documents since *previous*: a clause added,
        removed, or in another version, layer or wording. Empty for a first build."""
        if previous is None:
            return []
        old, new = _clause_table(previous), _clause_table(self)
        changes: dict[str, str] = {}
        for key in sorted(old.keys() | new.keys()):
            _compare_clauses(old.get(key, {}), new.get(key, {}), changes)
        return [
            {"clause": clause_id, "change": text} for clause_id, text in sorted(changes.items())
        ]

    # --- the file --------------------------------------------------------------------------------

    def as_dict(self) -> dict:
        data = {
            "deedgen_version": self.deedgen_version,
            "coalition": self.coalition,
            "terc": self.terc,
            "input": self.input,
            "options": self.options,
            "library": self.library,
            "templates_sha256": self.templates_sha256,
            "compliance": self.compliance,
            "inputs_digest": self.inputs_digest,
            "draft": self.draft,
            "documents": self.documents,
            "bundles": self.bundles,
        }
        if self.summary is not None:
            data["summary"] = self.summary
        data["files"] = self.files
        return data

    def write(self, folder: Path) -> Path:
        """Write ``manifest.json`` into *folder* atomically (a reader sees the old or the new)."""
        path = Path(folder) / MANIFEST_NAME
        atomic_write_bytes(path, pretty_json(self.as_dict()))
        return path

    @classmethod
    def from_dict(cls, data: dict) -> Manifest:
        """Raises KeyError or TypeError for a manifest of another shape."""
        if not isinstance(data, dict) or not isinstance(data["input"], dict):
            raise TypeError("not a manifest")
        data["input"]["path"], data["input"]["sha256"], data["library"]["sha256"]  # noqa: B018
        return cls(
            coalition=data["coalition"],
            terc=data["terc"],
            input=data["input"],
            options=data["options"],
            library=data["library"],
            templates_sha256=data["templates_sha256"],
            compliance=data.get("compliance"),
            inputs_digest=data["inputs_digest"],
            draft=bool(data.get("draft")),
            documents=list(data.get("documents", [])),
            bundles=list(data.get("bundles", [])),
            summary=data.get("summary"),
            files=list(data.get("files", [])),
            deedgen_version=data["deedgen_version"],
        )

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest in *folder*; None when there is none, it cannot be read, or it is of
        another shape (its coalition is then rebuilt)."""
        path = Path(folder) / MANIFEST_NAME
        if not path.is_file():
            return None
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _clause_table(manifest: Manifest) -> dict:
    return {
        (d["kind"], d["lang"]): {c["id"]: c for c in d.get("clauses", [])}
        for d in manifest.documents
    }


def _compare_clauses(before: dict, after: dict, changes: dict[str, str]) -> None:
    for clause_id in after.keys() - before.keys():
        record = after[clause_id]
        changes.setdefault(clause_id, f"added (v{record['version']}, {record['layer']})")
    for clause_id in before.keys() - after.keys():
        changes.setdefault(clause_id, "removed")
    for clause_id in before.keys() & after.keys():
        old, new = before[clause_id], after[clause_id]
        if (old["version"], old["layer"]) != (new["version"], new["layer"]):
            changes.setdefault(
                clause_id,
                f"v{old['version']} ({old['layer']}) → v{new['version']} ({new['layer']})",
            )
        elif old["sha256"] != new["sha256"]:
            changes.setdefault(clause_id, f"wording changed in v{new['version']} ({new['layer']})")
