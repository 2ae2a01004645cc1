"""``deedgen validate --oznacz`` (``--mark``): a copy of the workbook with every problem cell
highlighted and its message as the cell's comment, so a librarian fixes the sheet where they see
it. The original file is only read; the copy is written atomically next to it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from deedgen.exceptions import InputError, OutputError, Problem
from deedgen.fsutil import atomic_write_with

ERROR_FILL = "F8CBAD"  # light red
WARNING_FILL = "FFE699"  # light yellow
MARKED_SUFFIX = ".oznaczony"


def marked_path(source: str | Path) -> Path:
    """Where the marked copy of *source* goes: ``koalicja.xlsx`` → ``koalicja.oznaczony.xlsx``."""
    source = Path(source)
    return source.with_name(f"{source.stem}{MARKED_SUFFIX}{source.suffix}")


def mark_copy(source: str | Path, problems: list[Problem], lang: str = "pl") -> Path:
    """Write the marked copy of the workbook *source*; return its path."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    source = Path(source)
    if source.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(
            f"{source.name}: oznaczona kopia powstaje tylko ze skoroszytu XLSX "
            "(a marked copy is made of an XLSX workbook only)"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        workbook = openpyxl.load_workbook(source)
    notes: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        loc = problem.location
        if loc is None or loc.sheet not in workbook.sheetnames:
            continue
        notes.setdefault((loc.sheet, loc.cell or "A1"), []).append(problem)
    for (sheet, cell), found in notes.items():
        target = workbook[sheet][cell]
        worst = ERROR_FILL if any(p.is_error for p in found) else WARNING_FILL
        target.fill = PatternFill("solid", fgColor=worst)
        lines = [("✗ " if p.is_error else "! ") + p.message(lang) for p in found]
        if target.comment is not None:  # a header's help stays, under the problem
            lines.append(target.comment.text)
        comment = Comment("\n".join(lines), "deedgen")
        comment.width, comment.height = 360, 60 + 20 * sum(1 + len(x) // 60 for x in lines)
        target.comment = comment
    target_path = marked_path(source)
    try:
        atomic_write_with(target_path, workbook.save)
    except OSError as exc:
        raise OutputError(f"nie można zapisać {target_path}: {exc}") from exc
    return target_path
