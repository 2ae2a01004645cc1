"""A problem found in a clause library: what, where (file and line), and how bad.

The layer loader and the linter report the same :class:`~deedgen.exceptions.Problem` (its
``subject`` is the clause id); the loader turns its first error into a
:class:`~deedgen.exceptions.ClauseError`, the linter prints them all.
"""

from __future__ import annotations

import os

from deedgen.clauses.messages import Said
from deedgen.clauses.model import Clause
from deedgen.exceptions import ClauseError, Location, Problem

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {"pl": {ERROR: "błąd", WARNING: "ostrzeżenie"}}


def clause_problem(
    code: str,
    message: str | Said,
    location: Location | None = None,
    severity: str = ERROR,
    clause_id: str | None = None,
    related: Location | None = None,
) -> Problem:
    """A problem in a clause file; ``code`` is its kind, e.g. "placeholder", "locked-override"
    (docs/mentor-guide.md); *message* a :class:`~deedgen.clauses.messages.Said` (Polish and
    English) or one text; ``related`` points at the other file involved, if any."""
    english = message.en if isinstance(message, Said) else None
    return Problem.text(
        code,
        str(message),
        location=location,
        severity=severity,
        subject=clause_id,
        related=related,
        english=english,
    )


def describe(problem: Problem, lang: str = "pl") -> str:
    """``clause_library/team/x.pl.txt:12: błąd [placeholder]: …`` (``error`` in English)."""
    where = format_location(problem.location)
    head = f"{where}: " if where else ""
    severity = SEVERITY_WORDS.get(lang, {}).get(problem.severity, problem.severity)
    return f"{head}{severity} [{problem.code}]: {problem.message(lang)}"


def as_dict(problem: Problem, lang: str = "pl") -> dict:
    """The JSON form ``clause lint --json`` prints (``severity`` and ``code`` never translated)."""
    loc = problem.location
    return {
        "severity": problem.severity,
        "code": problem.code,
        "clause": problem.subject,
        "message": problem.message(lang),
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
    }


def to_error(problem: Problem) -> ClauseError:
    return ClauseError(
        problem.message(),
        location=problem.location,
        problems=(problem,),
        english=problem.message("en"),
    )


def format_location(location: Location | None) -> str:
    """A location with the file path relative to the working folder when it lies inside it
    (a path that climbs out with „..” reads worse than the absolute one)."""
    if location is None or not location.file:
        return ""
    path = location.file
    try:
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative
    except ValueError:  # another drive on Windows
        pass
    return f"{path}:{location.line}" if location.line is not None else path


def from_error(error: ClauseError, code: str = "syntax", clause_id: str | None = None) -> Problem:
    """A finding from a parse error (its message without the location prefix)."""
    from deedgen.exceptions import LanguageError

    if isinstance(error, LanguageError):
        code = "language"
    if len(error.problems) == 1 and "text_en" in error.problems[0].params:
        own = error.problems[0]
        message = Said(own.message("pl"), own.message("en"))
        return clause_problem(code, message, error.location or own.location, clause_id=clause_id)
    prefix = f"{error.location}: " if error.location and str(error.location) else ""
    polish, english = (
        text[len(prefix) :] if prefix and text.startswith(prefix) else text
        for text in (error.message, error.english or error.message)
    )
    return clause_problem(code, Said(polish, english), error.location, clause_id=clause_id)


def raise_first(findings: list[Problem]) -> None:
    """Raise the errors among *findings*: one error as itself, several as one listing."""
    errors = [f for f in findings if f.is_error]
    if len(errors) == 1:
        raise to_error(errors[0])
    if errors:
        lines = [f"problemów w bibliotece klauzul: {len(errors)}"]
        lines += [f"  - {describe(f)}" for f in errors]
        english = [f"{len(errors)} problems in the clause library:"]
        english += [f"  - {describe(f, 'en')}" for f in errors]
        raise ClauseError(
            "\n".join(lines), location=None, problems=errors, english="\n".join(english)
        )


def clause_finding(
    code: str,
    message: str | Said,
    path: str,
    line: int | None,
    clause: Clause,
    severity: str = ERROR,
) -> Problem:
    return clause_problem(code, message, Location(file=path, line=line), severity, clause.id)
