"""Funding conditions as data: load and check a rule set (``schemas/funding-rules/<edition>.yaml``).

The operator edits the rule file; the code behind each rule kind never changes for a new edition.
Every mistake in the file — YAML syntax, an unknown kind, a missing, unknown or ill-typed
parameter, a duplicate id — is collected and reported at once, each with the file, the line and
the rule id, before any coalition is checked.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from deedgen.compliance.kinds import KINDS
from deedgen.compliance.model import SEVERITIES
from deedgen.exceptions import Location, ParamError, Problem, RulesError
from deedgen.resources import FUNDING_RULES

RULES_DIR = FUNDING_RULES
MAX_RULES_BYTES = 1024 * 1024

TOP_KEYS = ("edition", "version", "description", "rules")
RULE_KEYS = ("id", "kind", "severity", "description", "params", "hint")
_RULE_ID = re.compile(r"[a-z][a-z0-9]*([._-][a-z0-9]+)*")
_EDITION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Rule:
    """One funding condition: a rule kind with its parameters, as the rule file states it."""

    id: str
    kind: str
    severity: str  # "error" blocks funding; "warning" advises
    description: dict  # {"pl": …, "en": …}
    params: dict
    hint: dict | None = None  # optional advice {"pl": …, "en": …} added to the kind's own
    line: int | None = None  # where the rule starts in its file


@dataclass(frozen=True)
class RuleSet:
    """A loaded, checked rule set of one program edition."""

    path: str
    edition: str
    version: int
    description: dict  # {"pl": …, "en": …}
    rules: tuple[Rule, ...]
    sha256: str  # of the file's bytes: which conditions a report was checked against


def rules_path_for(edition: str, rules_dir: Path | None = None) -> Path:
    """The rule file of a program *edition*: ``schemas/funding-rules/<edition>.yaml``."""
    rules_dir = Path(rules_dir or RULES_DIR)
    if not _EDITION.fullmatch(edition or ""):
        raise RulesError(
            f"program edition '{edition}' cannot name a rule file (letters, digits, . _ - only); use --rules FILE"
        )
    path = rules_dir / f"{edition}.yaml"
    if not path.is_file():
        known = sorted(path.stem for path in rules_dir.glob("*.yaml")) if rules_dir.is_dir() else []
        raise RulesError(
            f"no funding rule set for program edition '{edition}' in {rules_dir} "
            f"(editions with rules: {', '.join(known) or 'none'}); give one with --rules FILE"
        )
    return path


def load_rules(source: Path | str, rules_dir: Path | None = None) -> RuleSet:
    """A rule set: a :class:`~pathlib.Path` is a rule file; a string is a program edition
    ("2026") looked up in the rule folder. The type decides, never the spelling."""
    if isinstance(source, Path):
        return load_rule_file(source)
    return load_rule_file(rules_path_for(source, rules_dir))


def rules_for(path: Path | None, edition: str) -> RuleSet:
    """The one resolution every command uses: the ``--rules`` file when given, else the rule
    set of the program *edition* the sheet or the cohort names."""
    return load_rule_file(path) if path is not None else load_rules(edition)


def load_rule_file(path: Path) -> RuleSet:
    """Read and check one rule file; raise :class:`RulesError` listing every mistake."""
    import deedgen.evaluation.funding  # noqa: F401 - registers the kind that reads reported facts

    path = Path(path)
    if not path.is_file():
        raise RulesError(
            f"nie ma pliku reguł finansowania: {path}",
            english=f"no such funding rule file: {path}",
        )
    raw = path.read_bytes()
    if len(raw) > MAX_RULES_BYTES:
        raise RulesError(f"{path}: too large for a rule file ({len(raw)} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesError(f"{path}: not UTF-8 text; save the rule file as UTF-8") from None
    tree = _parse(path, text)
    problems = _Problems(path)
    ruleset = _check_top(tree, problems, path, hashlib.sha256(raw).hexdigest())
    problems.raise_if_any()
    return ruleset


def _parse(path: Path, text: str):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise RulesError(
            f"{path}{line}: invalid YAML: {exc.problem or exc.context or 'syntax error'}"
        ) from None
    except YAMLError as exc:
        raise RulesError(f"{path}: invalid YAML: {exc}") from None


class _Problems:
    """Every mistake found in a rule file, reported together (each a :class:`Problem` whose
    subject is the rule id)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[Problem] = []

    def add(self, line: int | None, rule: str | None, message: str) -> None:
        where = Location(file=str(self.path), line=line)
        self.items.append(Problem.text("rule-file", message, location=where, subject=rule))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        ordered = sorted(self.items, key=lambda problem: problem.location.line or 0)
        lines = []
        for problem in ordered:
            line, rule = problem.location.line, problem.subject
            where = f"{self.path}:{line}" if line else str(self.path)
            text = problem.message()
            lines.append(f"{where}: rule '{rule}': {text}" if rule else f"{where}: {text}")
        if len(lines) > 1:
            lines.insert(0, f"{len(lines)} mistakes in the funding rule file {self.path}:")
        raise RulesError("\n".join(lines), problems=ordered)


def _line(node, key=None, index=None) -> int | None:
    """1-based line of a key (mapping) or an item (sequence) in ruamel's round-trip tree."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is not None:
            return lc.key(key)[0] + 1
        if index is not None:
            return lc.item(index)[0] + 1
        return lc.line + 1
    except (KeyError, IndexError, TypeError):
        return None


def _plain(node):
    """ruamel's round-trip values as plain dicts, lists, str, int, bool."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_top(tree, problems: _Problems, path: Path, sha256: str) -> RuleSet | None:
    if not isinstance(tree, dict):
        problems.add(1, None, "expected a mapping with edition, version, description and rules")
        return None
    for key in tree:
        if key not in TOP_KEYS:
            problems.add(
                _line(tree, key=key),
                None,
                f"unknown key '{key}'{_suggest(key, TOP_KEYS)}; expected: {', '.join(TOP_KEYS)}",
            )
    edition = tree.get("edition")
    if isinstance(edition, bool) or not isinstance(edition, (str, int)) or not str(edition).strip():
        problems.add(
            _line(tree, key="edition") or 1,
            None,
            "'edition' is required: the program edition, e.g. \"2026\"",
        )
    version = tree.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.add(
            _line(tree, key="version") or 1,
            None,
            f"'version' is required: a whole number ≥ 1, found {version!r}",
        )
    description = tree.get("description")
    if isinstance(description, str) and description.strip():
        description = {"pl": str(description), "en": str(description)}
    else:
        description = _bilingual(tree, "description", problems, None)
    rules_node = tree.get("rules")
    if not isinstance(rules_node, list) or not rules_node:
        problems.add(
            _line(tree, key="rules") or 1, None, "'rules' is required: a non-empty list of rules"
        )
        rules_node = []
    rules, first_line = [], {}
    for index, node in enumerate(rules_node):
        rule = _check_rule(rules_node, index, node, problems, first_line)
        if rule is not None:
            rules.append(rule)
    return RuleSet(
        path=str(path),
        edition=str(edition),
        version=version if isinstance(version, int) else 0,
        description=description or {},
        rules=tuple(rules),
        sha256=sha256,
    )


def _bilingual(
    node, key: str, problems: _Problems, rule: str | None, required: bool = True
) -> dict | None:
    """A {pl: …, en: …} text; both languages required."""
    value = node.get(key)
    line = _line(node, key=key) or _line(node)
    if value is None:
        if required:
            problems.add(
                line, rule, f"'{key}' is required, with a Polish (pl) and an English (en) text"
            )
        return None
    if not isinstance(value, dict):
        problems.add(line, rule, f"'{key}' must have two entries, pl: and en:")
        return None
    out = {}
    for lang in ("pl", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.add(line, rule, f"'{key}' has no {lang} text")
        else:
            out[lang] = " ".join(str(text).split())
    for extra in value:
        if extra not in ("pl", "en"):
            problems.add(
                _line(value, key=extra) or line,
                rule,
                f"'{key}': unknown language '{extra}'; expected pl and en",
            )
    return out if len(out) == 2 else None


def _check_rule(rules_node, index: int, node, problems: _Problems, first_line: dict) -> Rule | None:
    line = _line(rules_node, index=index)
    if not isinstance(node, dict):
        problems.add(
            line,
            f"#{index + 1}",
            "a rule is a mapping with id, kind, severity, description and params",
        )
        return None
    rule_id = _check_rule_id(node, index, line, problems, first_line)
    for key in node:
        if key not in RULE_KEYS:
            problems.add(
                _line(node, key=key),
                rule_id,
                f"unknown key '{key}'{_suggest(key, RULE_KEYS)}; expected: {', '.join(RULE_KEYS)}",
            )
    kind_name = node.get("kind")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        problems.add(
            _line(node, key="kind") or line,
            rule_id,
            f"unknown rule kind {kind_name!r}{_suggest(kind_name, KINDS)}; known kinds: {', '.join(KINDS)}",
        )
    severity = node.get("severity")
    if severity not in SEVERITIES:
        problems.add(
            _line(node, key="severity") or line,
            rule_id,
            f"'severity' must be error or warning, found {severity!r}",
        )
    description = _bilingual(node, "description", problems, rule_id)
    hint = _bilingual(node, "hint", problems, rule_id, required=False)
    params = _check_params(node, kind, rule_id, problems, line) if kind else None
    if kind is None or params is None or severity not in SEVERITIES or description is None:
        return None
    return Rule(
        id=rule_id,
        kind=kind.name,
        severity=severity,
        description=description,
        params=params,
        hint=hint,
        line=line,
    )


def _check_rule_id(node: dict, index: int, line, problems: _Problems, first_line: dict) -> str:
    """The rule's id, or ``#N`` (its position) when the id is malformed; a duplicate is reported
    with the line of the first rule that has it."""
    rule_id = node.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        problems.add(
            _line(node, key="id") or line,
            f"#{index + 1}",
            f"'id' must be lower case letters, digits and - . _ (e.g. social-actions), found {rule_id!r}",
        )
        return f"#{index + 1}"
    if rule_id in first_line:
        problems.add(
            _line(node, key="id"),
            rule_id,
            f"duplicate rule id; first defined at line {first_line[rule_id]}",
        )
    else:
        first_line[rule_id] = _line(node, key="id")
    return rule_id


def _check_params(node, kind, rule_id: str, problems: _Problems, line: int | None) -> dict | None:
    given = node.get("params")
    if given is None:
        given = {}
    if not isinstance(given, dict):
        problems.add(
            _line(node, key="params"), rule_id, "'params' must be a mapping of parameter: value"
        )
        return None
    ok, out = True, {}
    for name in given:
        if name not in kind.params:
            expected = ", ".join(kind.params) or "none"
            problems.add(
                _line(given, key=name),
                rule_id,
                f"unknown parameter '{name}'{_suggest(name, kind.params)} for kind {kind.name}; its parameters: {expected}",
            )
            ok = False
    for name, spec in kind.params.items():
        if name not in given:
            problems.add(
                _line(node, key="params") or line,
                rule_id,
                f"missing parameter '{name}' ({spec.expected}): {spec.help}",
            )
            ok = False
            continue
        try:
            out[name] = spec.check(_plain(given[name]))
        except ParamError as err:
            problems.add(_line(given, key=name), rule_id, f"parameter '{name}': {err}")
            ok = False
    return out if ok else None
