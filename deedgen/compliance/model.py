"""What a compliance check produces: issues found by rule kinds, and the findings of a report.

A rule kind returns :class:`Issue` objects — a message code, its parameters and the places to fix
it. The check turns them into :class:`Finding` objects that also carry the rule's id, severity
and status. Texts live in :mod:`deedgen.compliance.messages`, in Polish and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.document import DOCUMENT_TITLES
from deedgen.exceptions import Location

STATUSES = ("pass", "fail", "warning")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Place:
    """Where to fix a problem: a data path in the partner sheet (with its cell or line), and the
    party, action, clause or document it concerns."""

    path: str | None = None  # data path, e.g. "actions[1].micro_successes"
    location: Location | None = None  # where the path is in the sheet: file:line or Sheet!C5
    party: str | None = None
    action: str | None = None
    clause: str | None = None
    document: str | None = None

    def describe(self, lang: str = "pl") -> str:
        """ "lipowiec.yaml:111 (actions[1].micro_successes)", "klauzula mentoring.bw (…)"."""
        pl = lang == "pl"
        parts = []
        where = _short_location(self.location)
        if where and self.path and self.location.sheet:  # a workbook: row and column, no path
            from deedgen.sheet.wording import short_place

            parts.append(short_place(self.location, self.path, lang))
        elif where and self.path:
            parts.append(f"{where} ({self.path})")
        elif where or self.path:
            parts.append(where or self.path)
        if self.party:
            parts.append(f"strona „{self.party}”" if pl else f"party '{self.party}'")
        if self.action:
            parts.append(f"działanie „{self.action}”" if pl else f"action '{self.action}'")
        if self.clause:
            doc = ""
            if self.document:
                title = DOCUMENT_TITLES.get(self.document, {}).get(lang, self.document)
                doc = f" ({'w dokumencie' if pl else 'in the document'}: {title})"
            parts.append(f"{'klauzula' if pl else 'clause'} {self.clause}{doc}")
        elif self.document:
            title = DOCUMENT_TITLES.get(self.document, {}).get(lang, self.document)
            parts.append(f"{'dokument' if pl else 'document'}: {title}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "path": self.path,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "sheet": loc.sheet if loc else None,
            "cell": loc.cell if loc else None,
            "party": self.party,
            "action": self.action,
            "clause": self.clause,
            "document": self.document,
        }


def _short_location(location: Location | None) -> str:
    """A location as a librarian reads it: the file's name and the line, or Sheet!Cell."""
    if location is None:
        return ""
    if location.sheet:
        return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    name = Path(location.file).name if location.file else ""
    return f"{name}:{location.line}" if location.line is not None and name else name


@dataclass(frozen=True)
class Issue:
    """One outcome of a rule kind: ``ok`` false means the condition is not met."""

    ok: bool
    code: str  # message code in deedgen.compliance.messages
    params: dict = field(default_factory=dict)
    places: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One line of a compliance report: a rule, its status, what was found and where to fix it."""

    rule_id: str
    kind: str
    severity: str  # "error" (blocks funding) or "warning" (advises)
    status: str  # "pass", "fail" (an error rule not met) or "warning" (a warning rule not met)
    code: str
    params: dict
    places: tuple[Place, ...]
    description: dict  # {"pl": …, "en": …}: the rule, from the rule file
    hint: dict | None = None  # the operator's own advice from the rule file, if any

    def message(self, lang: str = "pl") -> str:
        from deedgen.compliance.messages import render

        return render(self.code, self.params, lang)

    def fix(self, lang: str = "pl") -> str | None:
        """What to do, for a rule not met: the kind's advice, then the operator's hint."""
        if self.status == "pass":
            return None
        from deedgen.compliance.messages import render_fix

        texts = [
            t for t in (render_fix(self.code, self.params, lang), (self.hint or {}).get(lang)) if t
        ]
        return " ".join(texts) or None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule_id,
            "kind": self.kind,
            "severity": self.severity,
            "status": self.status,
            "code": self.code,
            "description": dict(self.description),
            "message": {lang: self.message(lang) for lang in ("pl", "en")},
            "fix": {lang: self.fix(lang) for lang in ("pl", "en")}
            if self.status != "pass"
            else None,
            "where": [place.as_dict() for place in self.places],
        }
