"""Everything ``check`` and ``build`` would refuse about a partner sheet, found in one pass for
``deedgen validate``: the sheet's own errors, goals the clause library does not have, an edition
without funding rules, and what assembling the documents needs (clause data). A librarian fixes
them all in one round instead of meeting the next refusal after each fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deedgen.exceptions import DeedgenError, Problem, SheetInvalid
from deedgen.sheet.enumerations import folded
from deedgen.sheet.load import load_sheet
from deedgen.sheet.raw import RawSheet
from deedgen.sheet.validate import Sheet, validate_sheet
from deedgen.sheet.wording import tab_order


@dataclass
class Findings:
    """A sheet (when it is valid) and every problem found, errors first, in tab order."""

    source: str
    sheet: Sheet | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def find_all(path: str, library=None) -> Findings:
    """Read *path* and find everything a build would refuse; *library* is a loaded
    :class:`~deedgen.clauses.library.ClauseLibrary` (the central one when None)."""
    raw = load_sheet(path)
    try:
        sheet = validate_sheet(raw)
        problems = list(sheet.warnings)
    except SheetInvalid as err:
        sheet, problems = None, list(err.problems)
    if library is None:
        from deedgen.clauses.library import load_library

        library = load_library()
    problems.extend(_goal_problems(raw, library, {p.path for p in problems}))
    problems.extend(_edition_problems(raw, {p.path for p in problems}))
    if sheet is not None and not any(p.is_error for p in problems):
        problems.extend(_assembly_problems(sheet, library))
    problems.sort(key=lambda p: (p.severity != "error", tab_order(p)))
    valid = not any(p.is_error for p in problems)
    return Findings(raw.source, sheet if valid else None, problems)


def _goal_problems(raw: RawSheet, library, reported: set[str]) -> list[Problem]:
    """Goals the library's goals menu lacks, each with the closest title as a suggestion."""
    import difflib

    menu = {
        c.id: c.text("pl").title for c in library.clauses.values() if "goal_menu" in c.documents
    }
    goals = raw.data.get("goals")
    chosen = goals.get("chosen") if isinstance(goals, dict) else None
    out = []
    for i, goal in enumerate(chosen if isinstance(chosen, list) else []):
        path = f"goals.chosen[{i}]"
        if not isinstance(goal, str) or goal in menu or path in reported:
            continue
        by_folded = {folded(title): title for title in menu.values()}
        close = difflib.get_close_matches(folded(goal), list(by_folded), n=1, cutoff=0.6)
        suggestion = by_folded[close[0]] if close else ""
        if close and close[0] == folded(goal):  # the very title, in a sheet without the goals
            suggestion = next(i for i, t in menu.items() if t == suggestion)  # list: its id
        params = {
            "found": goal,
            "expected": ", ".join(sorted(menu)),
            "expected_pl": ", ".join(sorted(menu.values())),
            "suggestion_pl": suggestion,
        }
        out.append(
            Problem(path, "goal_unknown", params, location=raw.locate(("goals", "chosen", i)))
        )
    return out


def _edition_problems(raw: RawSheet, reported: set[str]) -> list[Problem]:
    """An edition without funding rules: ``check`` and ``build`` could not judge the coalition."""
    from deedgen.compliance.rules import rules_for

    coalition = raw.data.get("coalition")
    edition = coalition.get("edition") if isinstance(coalition, dict) else None
    if edition is None or "coalition.edition" in reported:
        return []
    try:
        rules_for(None, str(edition))
    except DeedgenError:
        where = raw.locate(("coalition", "edition"))
        return [Problem("coalition.edition", "edition_unknown", {"found": edition}, location=where)]
    return []


def _assembly_problems(sheet: Sheet, library) -> list[Problem]:
    """Assemble every document in memory, as ``build`` does, and keep what it refuses."""
    from deedgen.assemble import assemble_documents

    try:
        assemble_documents(sheet, library, "pl")
    except SheetInvalid as err:
        return list(err.problems)
    except DeedgenError as err:
        return list(err.problems) or [Problem.text("document", err.format_message())]
    return []
