"""Which clauses the funding rules need: an overlay may not remove them.

The operator's rule sets (``schemas/funding-rules/*.yaml``) name clauses in rule parameters —
``clause: mentoring.bw`` or ``clauses: [sustainability.continuity, …]``. Every clause id found in
such a parameter is *required*: the layer loader refuses a removal marker for it, and the linter
reports one. The lookup reads the YAML itself so it works whatever rule kinds exist; it does not
judge whether a rule is met (that is ``deedgen check``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deedgen.clauses.model import CLAUSE_ID
from deedgen.exceptions import Location, RulesError
from deedgen.resources import FUNDING_RULES

RULES_DIR = FUNDING_RULES
# Parameter names that hold clause ids in the rule kinds (a single id or a list of ids).
CLAUSE_PARAMS = (
    "clause",
    "clauses",
    "clause_id",
    "clause_ids",
    "fallback_clause",
    "required_clauses",
)


@dataclass(frozen=True)
class Requirement:
    """A funding rule that names a clause."""

    clause_id: str
    rule_id: str
    rule_file: str
    line: int | None = None
    edition: str | None = None

    @property
    def location(self) -> Location:
        return Location(file=self.rule_file, line=self.line)

    def describe(self) -> str:
        edition = f" (edition {self.edition})" if self.edition else ""
        where = (
            f"{Path(self.rule_file).name}:{self.line}" if self.line else Path(self.rule_file).name
        )
        return f"funding rule '{self.rule_id}'{edition} in {where}"

    def described(self):
        """:meth:`describe` in Polish and English."""
        from deedgen.clauses.messages import Said

        where = (
            f"{Path(self.rule_file).name}:{self.line}" if self.line else Path(self.rule_file).name
        )
        edition = f" (edycja {self.edition})" if self.edition else ""
        polish = f"reguła finansowania „{self.rule_id}”{edition} w {where}"
        return Said(polish, self.describe())


def rule_files(directory: Path | None = None) -> list[Path]:
    """The rule sets shipped with deedgen (every edition)."""
    folder = directory or RULES_DIR
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def funding_required_clauses(
    files: Iterable[str | Path] | None = None,
) -> dict[str, list[Requirement]]:
    """Clause id → the rules that name it, from *files* (default: every shipped rule set)."""
    required: dict[str, list[Requirement]] = {}
    for path in rule_files() if files is None else [Path(f) for f in files]:
        for requirement in _requirements_in(Path(path)):
            required.setdefault(requirement.clause_id, []).append(requirement)
    return required


def _requirements_in(path: Path) -> tuple[Requirement, ...]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise RulesError(
            f"cannot read the funding rules: {exc}", location=Location(file=str(path))
        ) from None
    return _cached_requirements(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _cached_requirements(path_text: str, mtime: int, size: int) -> tuple[Requirement, ...]:
    return tuple(_read_requirements(Path(path_text)))


def _read_requirements(path: Path) -> list[Requirement]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise RulesError(
            f"cannot read the funding rules: {exc}", location=Location(file=str(path))
        ) from None
    if not isinstance(data, dict):
        return []
    edition = data.get("edition")
    rules = data.get("rules") or []
    if isinstance(rules, dict):  # rules keyed by id
        rules = [
            dict(value, id=key) if isinstance(value, dict) else value
            for key, value in rules.items()
        ]
    found = []
    declared = _declared_clause_params()
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        rule_id = str(rule.get("id") or f"rules[{index}]")
        names = CLAUSE_PARAMS + declared.get(str(rule.get("kind")), ())
        for clause_id, line in _clause_values(rule, names):
            found.append(
                Requirement(
                    clause_id=clause_id,
                    rule_id=rule_id,
                    rule_file=str(path),
                    line=line,
                    edition=str(edition) if edition is not None else None,
                )
            )
    return found


def _declared_clause_params() -> dict[str, tuple[str, ...]]:
    """Rule kind → names of its parameters declared as clause ids."""
    from deedgen.compliance.kinds import KINDS
    from deedgen.compliance.params import ClauseId, ClauseIds

    types = (ClauseId, ClauseIds)
    return {
        name: tuple(k for k, param in kind.params.items() if isinstance(param, types))
        for name, kind in KINDS.items()
    }


def _clause_values(node, names: tuple[str, ...]):
    """(clause id, line) for every value under a clause parameter, at any depth of a rule."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in names:
                yield from _ids(value, _line_of(node, key))
            else:
                yield from _clause_values(value, names)
    elif isinstance(node, list):
        for item in node:
            yield from _clause_values(item, names)


def _ids(value, line):
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str) and CLAUSE_ID.fullmatch(item):
            yield item, line


def _line_of(mapping, key) -> int | None:
    lc = getattr(mapping, "lc", None)
    try:
        return lc.key(key)[0] + 1 if lc is not None else None
    except (KeyError, TypeError):
        return None
