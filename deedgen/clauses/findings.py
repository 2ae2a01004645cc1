"""A problem found in a clause library: what, where (file and line), and how bad.

The layer loader and the linter report the same :class:`Finding`; the loader turns its first
error into a :class:`~deedgen.exceptions.ClauseError`, the linter prints them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from deedgen.clauses.model import Clause
from deedgen.exceptions import ClauseError, Location

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in a clause file; ``related`` points at the other file involved, if any."""

    code: str  # kind of problem, e.g. "placeholder", "locked-override" (docs/mentor-guide.md)
    message: str
    location: Location | None
    severity: str = ERROR
    clause_id: str | None = None
    related: Location | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        return format_location(self.location)

    def describe(self) -> str:
        """``clause_library/team/x.pl.txt:12: error [placeholder]: …``"""
        where = self.where()
        head = f"{where}: " if where else ""
        return f"{head}{self.severity} [{self.code}]: {self.message}"

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "severity": self.severity,
            "code": self.code,
            "clause": self.clause_id,
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
        }

    def to_error(self) -> ClauseError:
        return ClauseError(self.message, location=self.location)


def format_location(location: Location | None) -> str:
    """A location with the file path relative to the working folder when that is shorter."""
    if location is None or not location.file:
        return ""
    path = location.file
    try:
        relative = os.path.relpath(path)
        if len(relative) < len(path):
            path = relative
    except ValueError:  # another drive on Windows
        pass
    return f"{path}:{location.line}" if location.line is not None else path


def from_error(error: ClauseError, code: str = "syntax", clause_id: str | None = None) -> Finding:
    """A finding from a parse error (its message without the location prefix)."""
    from deedgen.clauses.model import LanguageError

    if isinstance(error, LanguageError):
        code = "language"
    message = error.message
    prefix = f"{error.location}: " if error.location and str(error.location) else ""
    if prefix and message.startswith(prefix):
        message = message[len(prefix) :]
    return Finding(code=code, message=message, location=error.location, clause_id=clause_id)


def raise_first(findings: list[Finding]) -> None:
    """Raise the errors among *findings*: one error as itself, several as one listing."""
    errors = [f for f in findings if f.is_error]
    if len(errors) == 1:
        raise errors[0].to_error()
    if errors:
        lines = [f"{len(errors)} problems in the clause library:"]
        lines += [f"  - {f.describe()}" for f in errors]
        raise ClauseError("\n".join(lines), location=None)


def clause_finding(
    code: str, message: str, path: str, line: int | None, clause: Clause, severity: str = ERROR
) -> Finding:
    return Finding(
        code=code,
        message=message,
        location=Location(file=path, line=line),
        severity=severity,
        clause_id=clause.id,
    )
