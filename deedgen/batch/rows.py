"""The cohort report's rows: one frozen :class:`Row` per coalition, and the :class:`RowSpool`
that keeps them on disk (one JSON line each) so memory does not grow with the cohort."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from deedgen.batch.options import STATUSES
from deedgen.manifest import Manifest

MAX_ERRORS_PER_ROW = 50


@dataclass(frozen=True)
class Row:
    """What the report says of one coalition. Serialised by :meth:`as_dict` to the JSON the
    report reads; a field left ``None`` (or an empty tuple) is not written."""

    index: int
    status: str  # one of STATUSES
    sheet: str | None = None  # the sheet as the cohort names it
    reason: str | None = None  # why it was (re)built or skipped
    folder: str | None = None
    terc: str | None = None
    gmina: str | None = None
    coalition: str | None = None
    draft: bool | None = None
    parties: int | None = None
    actions: int | None = None
    social_actions: int | None = None
    money: str | None = None  # "17250.00"
    warnings: int | None = None
    notices: tuple[str, ...] = ()  # the sheet's warnings, each with its place
    mentor: str | None = None  # the mentor the coalition's documents name
    mentor_email: str | None = None
    mentor_replaced: str | None = None  # the cohort workbook's mentor replaced the sheet's
    compliant: bool | None = None
    rules: dict | None = None  # rule id → "pass" / "warning" / "fail"
    documents: tuple[dict, ...] = ()
    bundles: tuple[dict, ...] = ()
    errors: tuple[str, ...] = ()
    traceback: str | None = None
    clause_changes: tuple[dict, ...] = ()

    @classmethod
    def failed(cls, index: int, sheet: str | None, errors, **facts) -> Row:
        return cls(index, "failed", sheet, errors=tuple(errors)[:MAX_ERRORS_PER_ROW], **facts)

    @classmethod
    def from_manifest(cls, index: int, sheet: str, folder: str, manifest: Manifest, **row) -> Row:
        """The row of a coalition as its manifest records it (the facts its last build kept)."""
        facts = known_fields(manifest.summary or {})
        facts.update(
            terc=manifest.terc,
            coalition=manifest.coalition,
            draft=manifest.draft,
            documents=tuple(manifest.document_links(folder)),
            bundles=tuple(manifest.bundle_links(folder)),
        )
        return cls(index=index, sheet=sheet, **{"folder": folder, **facts, **row})

    def but(self, **changes) -> Row:
        return replace(self, **changes)

    def as_dict(self) -> dict:
        data = {}
        for name in _FIELD_NAMES:  # a shallow copy: asdict() would deep-copy every link
            value = getattr(self, name)
            if value is not None and value != ():
                data[name] = list(value) if isinstance(value, tuple) else value
        return data


_FIELD_NAMES = tuple(f.name for f in fields(Row))
_ROW_FIELDS = frozenset(_FIELD_NAMES) - {"index", "status", "sheet"}


def known_fields(facts: dict) -> dict:
    """The entries of *facts* that are facts of a :class:`Row` (a manifest written by another
    version may carry more)."""
    return {key: value for key, value in facts.items() if key in _ROW_FIELDS}


class RowSpool:
    """The report rows, one JSON line each in a scratch file, read back in cohort order."""

    def __init__(self, path: Path, labels: list[str]) -> None:
        self.path = path
        self.labels = labels  # each coalition's sheet, in cohort order
        self.offsets: dict[int, int] = {}
        self.statuses: dict[int, str] = {}
        self._file = open(path, "a+b")  # noqa: SIM115 - closed by close()
        self.clause_changes: dict[str, dict] = {}  # "id: change" → {clause, change, folders}

    def write(self, row: Row) -> None:
        self._file.seek(0, os.SEEK_END)
        self.offsets[row.index] = self._file.tell()
        self.statuses[row.index] = row.status
        line = json.dumps(row.as_dict(), ensure_ascii=False, default=str)
        self._file.write(line.encode() + b"\n")
        for change in row.clause_changes:
            key = f"{change['clause']}: {change['change']}"
            entry = self.clause_changes.setdefault(key, {**change, "folders": []})
            entry["folders"].append(row.folder)

    def rows(self) -> Iterator[dict]:
        self._file.flush()
        with open(self.path, "rb") as reader:
            for index in sorted(self.offsets):
                reader.seek(self.offsets[index])
                yield json.loads(reader.readline())

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for status in self.statuses.values():
            counts[status] = counts.get(status, 0) + 1
        return counts

    def mark_pending(self) -> None:
        """Rows for the coalitions an interrupted batch did not reach."""
        for index in range(len(self.labels)):
            if index not in self.offsets:
                self.write(
                    Row(
                        index,
                        "pending",
                        self.labels[index],
                        errors=("nie przetworzono: partię przerwano (not processed: interrupted)",),
                    )
                )

    def close(self) -> None:
        self._file.close()
