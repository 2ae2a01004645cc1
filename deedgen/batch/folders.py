"""One folder per coalition, ``OUTDIR/<TERC>-<gmina>``, always directly inside OUTDIR."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from deedgen.batch.triage import Task
from deedgen.exceptions import BatchError
from deedgen.manifest import Manifest
from deedgen.naming import folder_name


def assign_folders(tasks: list[Task], outdir: Path) -> list[Task]:
    """Each task with its folder: the one it had if the name still fits, else a free one
    (``-2``, ``-3`` … for duplicates). A name taken by a symbolic link, a file, or another
    sheet's build is passed over."""
    taken = {t.previous_folder for t in tasks if t.previous_folder}
    owners = _folder_owners(outdir)
    placed = []
    for task in tasks:
        name = _kept_folder(task, outdir) or _free_folder(task, outdir, taken, owners)
        taken.add(name)
        placed.append(replace(task, folder=name))
    for task in placed:  # the names above cannot escape; this guards the guarantee itself
        if not _usable(outdir, task.folder):
            raise BatchError(f"{task.label}: folder {task.folder} would lie outside {outdir}")
    return placed


def _kept_folder(task: Task, outdir: Path) -> str | None:
    base = folder_name(task.identity["terc"], task.identity["gmina"])
    kept = task.previous_folder
    if kept and re.fullmatch(re.escape(base) + r"(-\d+)?", kept) and _usable(outdir, kept):
        return kept
    return None


def _free_folder(task: Task, outdir: Path, taken: set, owners: dict[str, str]) -> str:
    base = folder_name(task.identity["terc"], task.identity["gmina"])
    number, name = 1, base
    while name in taken or owners.get(name, task.sheet) != task.sheet or not _usable(outdir, name):
        number += 1
        name = f"{base}-{number}"
    return name


def _usable(outdir: Path, name: str) -> bool:
    """True when the batch may write the folder *name*: nothing there yet, or a real folder
    directly inside *outdir* (not a link to elsewhere, not a file)."""
    path = outdir / name
    if "/" in name or name in ("", ".", "..") or path.is_symlink():
        return False
    if path.exists() and not path.is_dir():
        return False
    return path.resolve().parent == outdir


def _folder_owners(outdir: Path) -> dict[str, str]:
    """Folder name → the sheet its manifest was built from (folders of other coalitions, or of
    coalitions no longer in the cohort, are never reused for another sheet)."""
    owners = {}
    for folder in outdir.iterdir():
        if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            continue
        manifest = Manifest.read(folder)
        if manifest is not None:
            owners[folder.name] = manifest.sheet_path
    return owners
