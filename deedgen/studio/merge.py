"""Two saves of one coalition: the second sees the first and is offered a merge, never a
silent overwrite.

The form carries the version (a digest of the file) it was opened from. When the file has
changed since, the three states — that version (the base, found in the history), the file as
saved now (theirs) and the posted form (mine) — are merged field by field: a field only one
side changed takes that side's text; a field both changed differently is a conflict, which
keeps the librarian's text and shows the saved one beside it. Nothing is written until the
librarian has looked at the merged form and saves again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deedgen.studio.form import FormState


@dataclass(frozen=True)
class Conflict:
    name: str  # the field's form name, e.g. "coalition.name" or "parties.2.nip"
    mine: str
    theirs: str


@dataclass
class Merged:
    state: FormState
    taken: list[str] = field(default_factory=list)  # fields taken from the saved version
    conflicts: list[Conflict] = field(default_factory=list)


def _pick(name: str, base: str | None, mine: str, theirs: str, out: Merged) -> str:
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        out.taken.append(name)
        return theirs
    out.conflicts.append(Conflict(name, mine, theirs))
    return mine


def _filled(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows without their empty cells (a posted row names every column, a loaded one may not)."""
    return [{c: v for c, v in row.items() if v} for row in rows]


def _merge_rows(key: str, base, mine, theirs, out: Merged) -> list[dict[str, str]]:
    """A table merged row by row while the rows line up; when both sides added or removed
    rows, rows cannot be matched safely, so the librarian's table is kept and the table as a
    whole is a conflict unless the saved one did not change."""
    if theirs == base or mine == theirs:
        return [dict(r) for r in mine]
    if mine == base:
        out.taken.append(key)
        return [dict(r) for r in theirs]
    if base is None or not (len(base) == len(mine) == len(theirs)):
        out.conflicts.append(Conflict(key, f"{len(mine)} wierszy", f"{len(theirs)} wierszy"))
        return [dict(r) for r in mine]
    rows = []
    for index, (b, m, t) in enumerate(zip(base, mine, theirs, strict=True)):
        columns = sorted(set(b) | set(m) | set(t))
        rows.append(
            {
                c: _pick(f"{key}.{index}.{c}", b.get(c, ""), m.get(c, ""), t.get(c, ""), out)
                for c in columns
            }
        )
    return rows


def merge(base: FormState | None, mine: FormState, theirs: FormState) -> Merged:
    """*mine* merged with *theirs* against *base* (None when that version is no longer in the
    history: then every difference is a conflict and the librarian's text is kept)."""
    out = Merged(FormState())
    for name in sorted(set(mine.values) | set(theirs.values)):
        mine_text, their_text = mine.value(name), theirs.value(name)
        base_text = base.value(name) if base is not None else None
        out.state.values[name] = _pick(name, base_text, mine_text, their_text, out)
    for key in sorted(set(mine.rows) | set(theirs.rows)):
        base_rows = _filled(base.rows.get(key, [])) if base is not None else None
        out.state.rows[key] = _merge_rows(
            key, base_rows, _filled(mine.rows.get(key, [])), _filled(theirs.rows.get(key, [])), out
        )
    return out
