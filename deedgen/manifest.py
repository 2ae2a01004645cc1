"""What went into each output, with hashes: ``manifest.json`` beside a coalition's documents.

The manifest makes a build auditable (which clause, in which version, from which layer and file,
produced which document) and lets a batch skip coalitions whose inputs did not change
(:func:`inputs_digest`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import orjson

from deedgen import __version__
from deedgen.clauses.library import ClauseLibrary

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


def pretty_json(value) -> bytes:
    """Indented UTF-8 JSON ending in a newline, as ``json.dumps(indent=2, ensure_ascii=False)``
    lays it out — written by orjson, because the json module's indented encoder runs in Python
    and took ~4 ms of a coalition's ~25 ms in a batch."""
    options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
    return orjson.dumps(value, option=options)


def write_manifest(path: Path, manifest: dict) -> None:
    path.write_bytes(pretty_json(manifest))


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
