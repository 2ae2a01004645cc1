"""``deedgen init``: write a blank partner sheet, or one filled from another sheet, as XLSX or
YAML, atomically and without overwriting a file unless asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import OutputError
from deedgen.fsutil import atomic_write_with
from deedgen.sheet.workbook import build_workbook
from deedgen.sheet.yaml_template import yaml_text


@dataclass
class Written:
    """What a writer did: the file, and the values of the source it could not place."""

    path: Path
    dropped: list[str] = field(default_factory=list)
    # what the source's loader itself could not read (a row naming an unknown party, a column
    # without a place): each a whole line, saying what and why
    unread: list[str] = field(default_factory=list)


def init_sheet(
    path: str | Path, *, fmt: str | None = None, force: bool = False, source=None
) -> Written:
    """Write a blank partner sheet to *path* (or one filled from the sheet *source*).

    The format is *fmt* (``xlsx`` or ``yaml``) or follows the file's extension. An existing file
    is overwritten only with *force*.
    """
    from deedgen.sheet.load import load_sheet

    path = Path(path)
    fmt = _format_for(path, fmt)
    if path.exists() and not force:
        raise OutputError(
            f"{path} już istnieje; dodaj --force, aby go zastąpić",
            english=f"{path} already exists; use --force to overwrite it",
        )
    if not path.parent.is_dir():
        missing = not path.parent.exists()
        raise OutputError(
            f"nie ma folderu {path.parent}: utwórz go najpierw"
            if missing
            else f"{path.parent} nie jest folderem",
            english=f"no folder {path.parent}: create it first"
            if missing
            else f"{path.parent} is not a folder",
        )
    raw = load_sheet(source) if source is not None else None
    data = raw.data if raw is not None else None
    if fmt == "yaml":
        text, dropped = yaml_text(data)
        _write_or_explain(path, lambda temporary: temporary.write_bytes(text.encode("utf-8")))
    else:
        workbook, dropped = build_workbook(data)
        _write_or_explain(path, workbook.save)
    return Written(path, dropped, _unread(raw))


# What a loader leaves out of the data when it reports these (a row, a column, a sheet)
LOSING_CODES = {
    "unknown_party": ("wiersz nieprzeniesiony", "row not carried"),
    "unknown_action": ("wiersz nieprzeniesiony", "row not carried"),
    "required": ("wiersz nieprzeniesiony", "row not carried"),
    "bad_header": ("kolumna nieprzeniesiona", "column not carried"),
    "duplicate_column": ("kolumna nieprzeniesiona", "column not carried"),
    "no_header": ("wartości nieprzeniesione", "values not carried"),
    "no_label": ("wartość nieprzeniesiona", "value not carried"),
    "duplicate_row": ("wiersz nieprzeniesiony", "row not carried"),
    "unknown_sheet": ("arkusz nieprzeniesiony", "sheet not carried"),
}


def _unread(raw) -> list[str]:
    """Each loader problem that left something out of the data, as „where: what — why”."""
    if raw is None:
        return []
    out = []
    for problem in raw.problems:
        if problem.code in LOSING_CODES and problem.location is not None:
            what = LOSING_CODES[problem.code][0]
            where = problem.location.sheet or str(problem.location)
            if problem.location.cell:
                where = f"{where}!{problem.location.cell}"
            out.append(f"{where}: {what} — {problem.message('pl')}")
    return out


def _format_for(path: Path, fmt: str | None) -> str:
    suffix = path.suffix.lower()
    by_suffix = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}.get(suffix)
    if fmt is None:
        if by_suffix is None:
            raise OutputError(
                f"{path.name}: nie wiadomo, jaki to format („{suffix}”); użyj .xlsx albo .yaml",
                english=f"{path.name}: cannot tell the format from '{suffix}'; use .xlsx or .yaml",
            )
        return by_suffix
    if by_suffix is not None and by_suffix != fmt:
        raise OutputError(
            f"{path.name}: rozszerzenie „{suffix}” nie pasuje do --format {fmt}",
            english=f"{path.name}: the extension '{suffix}' does not match --format {fmt}",
        )
    return fmt


def _write_or_explain(path: Path, write: Callable[[Path], None]) -> None:
    """Write through :func:`~deedgen.fsutil.atomic_write_with`, so a failure never leaves half
    a sheet behind, and say which file could not be written."""
    try:
        atomic_write_with(path, write)
    except OSError as exc:
        raise OutputError(
            f"nie można zapisać {path}: {exc.strerror or exc}",
            english=f"cannot write {path}: {exc.strerror or exc}",
        ) from exc
