"""The column Raport of the cohort workbook: the filled reports a coalition's row names, read by
``deedgen evaluate COHORT.xlsx``.

A path is relative to the workbook's folder and must stay inside it: a workbook received from
someone else must not make deedgen read files elsewhere on the machine. An absolute path, ``..``
leading out of the folder and a symbolic link pointing out of it are refused at their cell, as
are a missing file and a file that is not a report (``.xlsx`` workbook or ``.pdf`` form). A
problem fails that coalition's evaluation, never the cohort's.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from deedgen.cohort.model import REPORT_SUFFIXES
from deedgen.cohort_messages import said
from deedgen.exceptions import Problem


def split_paths(value) -> list[str]:
    """The paths of one cell: several separated by ";" or line breaks, Windows "\\" read as "/"."""
    if value is None:
        return []
    parts = str(value).replace("\n", ";").split(";")
    return [part.strip().replace("\\", "/") for part in parts if part.strip()]


def report_paths(
    workbook: Path, sheet: str, cell: str, value
) -> tuple[tuple[Path, ...], tuple[Problem, ...]]:
    """The reports the cell *cell* of *sheet* names (absolute), and the problems of the others."""
    base = workbook.parent.resolve()
    found: list[Path] = []
    problems: list[Problem] = []

    def refuse(code: str, **params) -> None:
        problems.append(said(code, workbook, sheet, cell, **params))

    for name in split_paths(value):
        if name.startswith("/") or PureWindowsPath(name).drive:
            refuse("report_absolute", found=name, folder=base)
            continue
        try:
            target = (base / name).resolve()
        except (OSError, RuntimeError):  # a symbolic link loop
            refuse("no_report", found=name, target=base / name)
            continue
        if not target.is_relative_to(base):  # "..", or a symbolic link, out of the folder
            refuse("report_outside", found=name, folder=base)
        elif not target.exists():
            refuse("no_report", found=name, target=target)
        elif not target.is_file() or target.suffix.lower() not in REPORT_SUFFIXES:
            refuse("not_a_report", found=name, kinds=", ".join(REPORT_SUFFIXES))
        elif target not in found:
            found.append(target)
    return tuple(found), tuple(problems)
