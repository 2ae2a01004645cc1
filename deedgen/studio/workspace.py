"""A studio workspace: a folder of partner sheets, its deedgen.toml, and outputs in ``out/``.

The files are the source of truth: a coalition is a sheet file in the folder, known to the
studio by an id that is its file name. A client only ever names an id, which is looked up among
the files listed here — never joined into a path. Saving writes atomically and first copies the
file it replaces into ``.deedgen-history/<id>/``, so nothing a librarian typed is lost. A save's
version check and its write hold a lock of the workspace's files, so they stay one at a time
when several server processes serve it (``deedgen studio --workers``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from deedgen.config import CONFIG_NAME, LibrarySelection, find_config, load_config
from deedgen.exceptions import DeedgenError, UnknownId
from deedgen.fsutil import atomic_write_bytes, folder_mode
from deedgen.naming import safe_slug
from deedgen.studio.locks import STATE, locked, state_file

SHEET_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
HISTORY = STATE
SAVE_LOCK = ".save.lock"
OUTPUT = "out"
UPLOADS = ".deedgen-uploads"
HISTORY_KEPT = 50  # versions kept per coalition
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


@dataclass(frozen=True)
class Coalition:
    """A partner sheet of the workspace."""

    id: str  # its file name, e.g. "lipowiec.yaml"
    path: Path

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def format(self) -> str:
        return {".xlsx": "xlsx", ".json": "json"}.get(self.path.suffix.lower(), "yaml")


class Workspace:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise DeedgenError(f"folder roboczy nie istnieje: {self.root}")

    # --- what is in it ------------------------------------------------------------------------

    def coalitions(self) -> list[Coalition]:
        return [
            Coalition(p.name, p)
            for p in sorted(self.root.iterdir(), key=lambda p: p.name.casefold())
            if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES and ID_PATTERN.match(p.name)
        ]

    def coalition(self, coalition_id: str) -> Coalition:
        """The coalition of *coalition_id*, looked up among the workspace's files."""
        for coalition in self.coalitions():
            if coalition.id == coalition_id:
                return coalition
        raise UnknownId(f"nie ma takiej koalicji w folderze roboczym: {coalition_id}")

    def library(self) -> LibrarySelection:
        """The clause layers of the workspace's deedgen.toml (else the central library only)."""
        config = load_config(find_config(self.root))
        if config.path is None:
            return LibrarySelection()
        return LibrarySelection(
            config.library_layers, config.central, f"{CONFIG_NAME} ({config.path})"
        )

    def outdir(self, coalition: Coalition) -> Path:
        return self.root / OUTPUT / coalition.stem

    def output_files(self, coalition: Coalition) -> list[Path]:
        folder = self.outdir(coalition)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))

    def output_file(self, coalition: Coalition, name: str) -> Path:
        for path in self.output_files(coalition):
            if path.name == name:
                return path
        raise UnknownId(f"nie ma takiego pliku wynikowego: {name}")

    # --- writing --------------------------------------------------------------------------

    def new_id(self, name: str, suffix: str) -> str:
        """A free file name for a new coalition called *name*."""
        stem = safe_slug(name, 50) or "koalicja"
        taken = {c.path.stem.casefold() for c in self.coalitions()}
        candidate, number = stem, 2
        while candidate.casefold() in taken:
            candidate, number = f"{stem}-{number}", number + 1
        return candidate + suffix

    def create(self, file_name: str, content: bytes) -> Coalition:
        """Write a new sheet file (made by the studio, named by :meth:`new_id`)."""
        if not ID_PATTERN.match(file_name) or Path(file_name).suffix not in SHEET_SUFFIXES:
            raise DeedgenError(f"niedozwolona nazwa pliku: {file_name}")
        path = self.root / file_name
        with self.saving():
            if path.exists():
                raise DeedgenError(f"plik już istnieje: {file_name}")
            atomic_write_bytes(path, content, fsync=True)
        return Coalition(file_name, path)

    def save(self, coalition: Coalition, content: bytes, *, expected: str | None = None) -> bool:
        """Replace the sheet's file atomically, keeping the previous version in the history.
        With *expected* (the version the form was opened from), nothing is written and False
        is returned when the file has been saved by someone else since."""
        with self.saving():
            if expected is not None and version_of(coalition.path) != expected:
                return False
            self._keep_version(coalition)
            atomic_write_bytes(coalition.path, content, fsync=True)
            return True

    def saving(self):
        """The workspace's write lock (across the server's threads and processes)."""
        return locked(state_file(self.root, SAVE_LOCK))

    def version_file(self, coalition: Coalition, version: str) -> Path | None:
        """The file (the sheet or one in its history) whose version is *version*."""
        for path in [coalition.path, *self.history(coalition)]:
            if version_of(path) == version:
                return path
        return None

    def history(self, coalition: Coalition) -> list[Path]:
        folder = self.root / HISTORY / coalition.id
        return sorted(folder.iterdir(), reverse=True) if folder.is_dir() else []

    def _keep_version(self, coalition: Coalition) -> None:
        if not coalition.path.is_file():
            return
        folder = self.root / HISTORY / coalition.id
        folder.mkdir(parents=True, exist_ok=True, mode=folder_mode())
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        atomic_write_bytes(folder / f"{stamp}{coalition.path.suffix}", coalition.path.read_bytes())
        for old in self.history(coalition)[HISTORY_KEPT:]:
            old.unlink(missing_ok=True)

    def upload_folder(self) -> Path:
        """A private folder for an uploaded file until it has been read (then moved or removed)."""
        base = self.root / UPLOADS
        base.mkdir(exist_ok=True, mode=folder_mode())
        return Path(tempfile.mkdtemp(dir=base))

    @staticmethod
    def discard_upload(folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)


def version_of(path: Path) -> str:
    """A sheet file's version: a digest of its bytes ("" when there is no file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    except FileNotFoundError:
        return ""


def sheet_bytes(data: dict, fmt: str) -> bytes:
    """A partner sheet's data as the bytes of a file of *fmt* (yaml, json or xlsx), written by
    the same writers as ``deedgen init``."""
    if fmt == "xlsx":
        from deedgen.sheet.workbook import build_workbook

        workbook, _dropped = build_workbook(data)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    from deedgen.sheet.yaml_template import yaml_text

    text, _dropped = yaml_text(data)
    return text.encode("utf-8")
