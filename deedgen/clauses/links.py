"""Symbolic links in a clause layer: a link whose target lies outside the layer is never
followed (its text would reach the documents from a folder nobody reviews as this layer)."""

from __future__ import annotations

import os
from pathlib import Path

from deedgen.clauses.findings import clause_problem
from deedgen.clauses.messages import said
from deedgen.exceptions import Location, Problem


def leaves(path: Path, root: Path) -> bool:
    """A symbolic link (to a file or a folder) whose target is outside the layer *root*."""
    return path.is_symlink() and not path.resolve().is_relative_to(root)


def escaping_links(layer) -> list[Problem]:
    """An error for each symbolic link of the layer that leads out of it: its text would reach
    the documents from a folder nobody reviews as this layer, so it is never followed."""
    root = layer.path.resolve()
    problems = []
    for parent, subfolders, names in os.walk(layer.path):
        for name in sorted(subfolders + names):
            path = Path(parent) / name
            if leaves(path, root):
                problems.append(
                    clause_problem(
                        code="symlink",
                        message=said("symlink_out", layer=layer.name, target=path.resolve()),
                        location=Location(file=str(path), line=1),
                    )
                )
    return problems
