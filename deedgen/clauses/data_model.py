"""The data a clause may use, as lint checks it: the names ``deedgen.context`` provides, the
custom filters, and the contexts of the sample sheets that attribute paths and conditions are
tried on.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deedgen.exceptions import DeedgenError
from deedgen.resources import SAMPLES

SAMPLES_DIR = SAMPLES


@dataclass(frozen=True)
class DataModel:
    """What templates see: top-level names, filters and tests, and sample contexts (per language)
    built from the sample sheets to check attribute paths, conditions and rendering."""

    names: frozenset[str]
    filters: frozenset[str]
    tests: frozenset[str]
    samples: tuple[tuple[str, str, dict], ...] = ()  # (sheet file, lang, context)


def data_model(sheets: Sequence[str | Path] | None = None) -> DataModel:
    """The data model of ``deedgen.context`` with contexts from *sheets* (default: samples/)."""
    from deedgen.context import CONTEXT_NAMES
    from deedgen.templating import environment

    env = environment("pl")
    samples = []
    for sheet in default_sample_sheets() if sheets is None else [Path(s) for s in sheets]:
        samples.extend(_sample_contexts(sheet))
    return DataModel(
        names=frozenset(CONTEXT_NAMES) | frozenset(env.globals),
        filters=frozenset(env.filters),
        tests=frozenset(env.tests),
        samples=tuple(samples),
    )


def default_sample_sheets() -> list[Path]:
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _sample_contexts(sheet: Path) -> list[tuple[str, str, dict]]:
    try:
        stat = sheet.stat()
    except OSError:
        return []
    return list(_cached_contexts(str(sheet), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=16)
def _cached_contexts(sheet: str, mtime: int, size: int) -> tuple[tuple[str, str, dict], ...]:
    """Sample contexts, read once per process (templates cannot change them: the sandbox is
    immutable)."""
    return tuple(_read_contexts(Path(sheet)))


def _read_contexts(sheet: Path) -> list[tuple[str, str, dict]]:
    from deedgen.context import build_context
    from deedgen.sheet.validate import read_sheet

    try:
        data = read_sheet(sheet).data
        goals = ["(cel z menu celów)"]
        return [
            (str(sheet), lang, build_context(data, lang, chosen_goals=goals))
            for lang in ("pl", "en")
        ]
    except (DeedgenError, KeyError, StopIteration, ValueError):
        return []  # an invalid sample sheet is `deedgen validate`'s business, not the linter's
