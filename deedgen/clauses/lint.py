"""Lint a clause library: every layer, every file, each finding with its file and line.

What is checked (the ``code`` of each finding, explained in ``docs/mentor-guide.md``):

- ``syntax``: front matter and metadata (from the parser); ``jinja-syntax``: the template;
- ``structure``: structure lines (``ust.``/``pkt.``/``lit.``/``tir.``/``wsp.``) and anchors;
- ``placeholder``/``attribute``/``filter``: names the data does not provide (``deedgen.context``),
  attribute paths missing from the sample sheets, unknown filters or tests;
- ``reference``/``anchor``/``fallback``: ``§[id#anchor]`` and ``fallback`` that point nowhere;
- ``language``: a missing or out-of-date language variant; ``translation-review``: a translation
  flagged by ``clause edit``;
- ``duplicate-id``, ``locked-override``, ``locked-removal``, ``required-removal``, ``removal``:
  the layering rules (from :func:`~deedgen.clauses.library.collect_library`);
- ``condition``: a condition that cannot be compiled or evaluated on the sample sheets;
- ``sandbox``: template code the sandbox refuses (private attributes, ``import``/``include``,
  mutating methods); ``render``: a clause that fails to render on a sample sheet;
- ``requires``: a ``requires:`` entry naming data that does not exist; ``folder``: a clause in
  a folder that is not its category.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateAssertionError, TemplateSyntaxError, nodes
from jinja2 import meta as jinja_meta
from jinja2.sandbox import (
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
)

from deedgen.clauses.findings import ERROR, WARNING, Finding, from_error
from deedgen.clauses.library import ClauseLibrary, collect_library
from deedgen.clauses.model import Clause, ClauseText, meta_line
from deedgen.exceptions import ClauseError, DeedgenError, Location

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = PROJECT_ROOT / "samples"
SLOTS = (
    "intro",
    "team",
    "actions",
    "calendar",
    "promotion",
    "evaluation",
    "quarterly_form",
    "annual_form",
)
_MARKER_LINE = re.compile(r"^(ust|pkt|lit|tir|wsp)\.(\[[^\]]*\]?)?(.?)")
_NEAR_MARKER = re.compile(r"^(ust|pkt|lit|tir|wsp)(\)|:|\s+\S)")
_REFERENCE = re.compile(r"§\[([^\]#]*)(?:#([^\]]*))?\]")
_REFERENCE_OK = re.compile(r"[a-z0-9_.]+")
_ANCHOR_OK = re.compile(r"[A-Za-z0-9_\-]+")
_CONTROL_LINE = re.compile(r"^\s*(\{%.*%\}|\{#.*#\})\s*$")
MUTATING = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update",
     "setdefault", "popitem", "add", "discard", "difference_update", "intersection_update",
     "symmetric_difference_update", "appendleft", "extendleft", "popleft", "rotate"}
)  # fmt: skip
UNSAFE_ATTRIBUTES = (
    UNSAFE_FUNCTION_ATTRIBUTES | UNSAFE_METHOD_ATTRIBUTES | UNSAFE_GENERATOR_ATTRIBUTES
)
# Tests and filters that tolerate a missing attribute (`x.y is defined`, `x.y | default`).
_TOLERANT_TESTS = frozenset({"defined", "undefined"})
_TOLERANT_FILTERS = frozenset({"default", "d"})
_UNKNOWN = object()


# --- the data a clause may use -----------------------------------------------------------------


@dataclass(frozen=True)
class DataModel:
    """What templates see: top-level names, filters and tests, and sample contexts (per language)
    built from the sample sheets to check attribute paths, conditions and rendering."""

    names: frozenset[str]
    filters: frozenset[str]
    tests: frozenset[str]
    samples: tuple[tuple[str, str, dict], ...] = ()  # (sheet file, lang, context)


def data_model(sheets: Sequence[str | Path] | None = None) -> DataModel:
    """The data model of ``deedgen.context`` with contexts from *sheets* (default: samples/)."""
    from deedgen.context import CONTEXT_NAMES
    from deedgen.templating import environment

    env = environment("pl")
    samples = []
    for sheet in default_sample_sheets() if sheets is None else [Path(s) for s in sheets]:
        samples.extend(_sample_contexts(sheet))
    return DataModel(
        names=frozenset(CONTEXT_NAMES) | frozenset(env.globals),
        filters=frozenset(env.filters),
        tests=frozenset(env.tests),
        samples=tuple(samples),
    )


def default_sample_sheets() -> list[Path]:
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _sample_contexts(sheet: Path) -> list[tuple[str, str, dict]]:
    try:
        stat = sheet.stat()
    except OSError:
        return []
    return list(_cached_contexts(str(sheet), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=16)
def _cached_contexts(sheet: str, mtime: int, size: int) -> tuple[tuple[str, str, dict], ...]:
    """Sample contexts, read once per process (templates cannot change them: the sandbox is
    immutable)."""
    return tuple(_read_contexts(Path(sheet)))


def _read_contexts(sheet: Path) -> list[tuple[str, str, dict]]:
    from deedgen.context import build_context
    from deedgen.sheet.validate import read_sheet

    try:
        data = read_sheet(sheet).data
        goals = ["(cel z menu celów)"]
        return [
            (str(sheet), lang, build_context(data, lang, chosen_goals=goals))
            for lang in ("pl", "en")
        ]
    except (DeedgenError, KeyError, StopIteration, ValueError):
        return []  # an invalid sample sheet is `deedgen validate`'s business, not the linter's


# --- the report --------------------------------------------------------------------------------


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    clauses: int = 0
    layers: tuple = ()
    samples: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def sorted(self) -> list[Finding]:
        def key(f: Finding):
            loc = f.location
            return (loc.file or "" if loc else "", (loc.line or 0) if loc else 0, f.code)

        return sorted(self.findings, key=key)


def lint_library(
    overlays: Sequence[str | Path] = (),
    central: Path | None = None,
    *,
    model: DataModel | None = None,
) -> LintReport:
    """Lint every layer of the library (overlays most specific first, then central)."""
    library, findings = collect_library(overlays, central)
    model = model or data_model()
    every = list(library.clauses.values()) + [
        c for chain in library.replaced.values() for c in chain
    ]
    seen: set[str] = set()
    for clause in every:
        if clause.source in seen:
            continue
        seen.add(clause.source)
        visible = library.clauses.get(clause.id) is clause
        findings.extend(lint_clause(clause, library, model, references=visible))
    findings.extend(override_findings(library))
    return LintReport(
        findings=_dedupe(findings),
        clauses=len(seen),
        layers=library.layers,
        samples=tuple(dict.fromkeys(s for s, _, _ in model.samples)),
    )


_BASE = re.compile(r"(?P<layer>\S+) v(?P<version>\d+)$")


def override_findings(library: ClauseLibrary) -> list[Finding]:
    """Overrides to review: one whose version is not above the clause it replaces, and one made
    on an older version of that clause (its last change entry's ``base`` says so)."""
    findings = []
    for clause_id in sorted(set(library.clauses) | set(library.replaced)):
        visible = library.clauses.get(clause_id)
        chain = ([visible] if visible else []) + list(library.replaced.get(clause_id, ()))
        for upper, lower in zip(chain, chain[1:], strict=False):
            line = meta_line(upper.source, "version")
            if upper.version <= lower.version:
                findings.append(
                    _finding(
                        "override-version",
                        f"version {upper.version} is not above the version it replaces "
                        f"({lower.layer} v{lower.version}): raise it so documents and manifests "
                        "tell the two apart",
                        upper.source,
                        line,
                        upper,
                        WARNING,
                    )
                )
            bases = [c.get("base") for c in upper.changes if isinstance(c, dict) and c.get("base")]
            match = _BASE.match(str(bases[-1])) if bases else None
            if match and (match["layer"], int(match["version"])) != (lower.layer, lower.version):
                findings.append(
                    _finding(
                        "stale-override",
                        f"this override was made on {bases[-1]}, but it now replaces "
                        f"{lower.layer} v{lower.version}: review the change below "
                        f"(deedgen clause diff {clause_id}) and record it with a new base",
                        upper.source,
                        meta_line(upper.source, "changes"),
                        upper,
                        WARNING,
                    )
                )
    return findings


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    out, seen = [], set()
    for finding in findings:
        key = (finding.code, finding.message, finding.location)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


# --- one clause --------------------------------------------------------------------------------


def lint_clause(
    clause: Clause, library: ClauseLibrary, model: DataModel, *, references: bool = True
) -> list[Finding]:
    """Every finding about one clause (all its language files); *references*: also check its
    cross-references and fallback against *library* (the clause as visible there)."""
    findings: list[Finding] = []
    findings += _metadata_findings(clause, library, model, references)
    texts_ok = {}
    for lang, text in clause.texts.items():
        own = _template_findings(clause, text, model) + _structure_findings(clause, text)
        findings += own
        if references:
            findings += _reference_findings(clause, text, library)
        texts_ok[lang] = not any(f.is_error for f in own)
    findings += _language_findings(clause)
    if all(texts_ok.values()) and not any(f.is_error and f.code == "condition" for f in findings):
        findings += _render_findings(clause, model, texts_ok)
    return findings


def _finding(
    code: str, message: str, path: str, line: int | None, clause: Clause, severity: str = ERROR
) -> Finding:
    return Finding(
        code=code,
        message=message,
        location=Location(file=path, line=line),
        severity=severity,
        clause_id=clause.id,
    )


def _metadata_findings(
    clause: Clause, library: ClauseLibrary, model: DataModel, references: bool
) -> list[Finding]:
    path = clause.source
    findings: list[Finding] = []

    def add(code: str, key: str, message: str, severity: str = ERROR) -> None:
        findings.append(_finding(code, message, path, meta_line(path, key), clause, severity))

    folder = Path(path).parent.name
    if folder != clause.category and Path(path).parent != Path(clause.layer_dir):
        message = f"clause of category '{clause.category}' is in the folder '{folder}/'"
        add("folder", "category", f"{message}; move it to {clause.category}/", WARNING)
    # In the action plan and the forms a slot names a place in the template; in the declarations
    # any slot just makes the section unnumbered (e.g. "head" for the comparition and preamble).
    templated = "/".join(sorted({"action_plan", "evaluation_forms"} & set(clause.documents)))
    if clause.slot is not None and templated and clause.slot not in SLOTS:
        expected = f"expected one of {', '.join(SLOTS)} (docs/clause-format.md)"
        add(
            "syntax",
            "slot",
            f"slot '{clause.slot}' is not a place in the {templated} template; {expected}",
        )
    if clause.condition and clause.condition.strip().lower() == "false":
        message = 'draft: condition "false" keeps the clause out of every document'
        add("draft", "condition", f"{message}; remove the line when the text is ready", WARNING)
    if clause.condition:
        findings += _condition_findings(clause, model)
    if references and clause.fallback:
        target = library.clauses.get(clause.fallback)
        if target is None:
            why = " (removed by an overlay)" if clause.fallback in library.removed else ""
            add("fallback", "fallback", f"fallback '{clause.fallback}' is not in the library{why}")
        elif not set(target.documents) & set(clause.documents):
            elsewhere = ", ".join(target.documents)
            add(
                "fallback",
                "fallback",
                f"fallback '{clause.fallback}' belongs to other documents ({elsewhere})",
                WARNING,
            )
        if not clause.condition:
            add("fallback", "fallback", "a fallback without a condition is never used", WARNING)
    for entry in clause.requires:
        head = entry.split(".")[0].split("[")[0]
        if head not in model.names:
            add(
                "requires",
                "requires",
                f"requires '{entry}': the data has no '{head}' (see docs/clause-format.md, Data)",
            )
    return findings


def _condition_findings(clause: Clause, model: DataModel) -> list[Finding]:
    from deedgen.templating import environment

    path, line = clause.source, meta_line(clause.source, "condition")
    env = environment("pl")
    try:
        env.compile_expression(clause.condition)
        ast = env.parse("{{ (" + clause.condition + ") }}")
    except TemplateSyntaxError as exc:
        return [
            _finding(
                "condition",
                f"condition '{clause.condition}' is not a valid expression: {exc.message}",
                path,
                line,
                clause,
            )
        ]
    findings = [
        Finding(
            code=f.code if f.code != "placeholder" else "condition",
            message=f"condition: {f.message}",
            location=Location(file=path, line=line),
            severity=f.severity,
            clause_id=clause.id,
        )
        for f in _ast_findings(ast, model, clause, path, lambda _: line)
    ]
    if any(f.is_error for f in findings):
        return findings
    for sheet, lang, context in model.samples:
        try:
            env.compile_expression(clause.condition, undefined_to_none=False)(**context)
        except Exception as exc:  # noqa: BLE001 - anything a condition raises is reported
            message = getattr(exc, "message", None) or str(exc)
            findings.append(
                _finding(
                    "condition",
                    f"condition '{clause.condition}' cannot be evaluated on "
                    f"{Path(sheet).name} ({lang}): {message}",
                    path,
                    line,
                    clause,
                )
            )
            break
    return findings


def _template_findings(clause: Clause, text: ClauseText, model: DataModel) -> list[Finding]:
    from deedgen.templating import environment

    try:
        ast = environment(text.lang).parse(text.body)
    except TemplateSyntaxError as exc:
        line = text.body_line + (exc.lineno or 1) - 1
        return [
            _finding("jinja-syntax", f"template syntax: {exc.message}", text.path, line, clause)
        ]
    return _ast_findings(ast, model, clause, text.path, lambda n: text.body_line + (n or 1) - 1)


def _ast_findings(
    ast: nodes.Template, model: DataModel, clause: Clause, path: str, file_line
) -> list[Finding]:
    """Static checks of a parsed template: sandbox, names, filters and tests, attribute paths."""
    findings = []

    def add(code: str, message: str, node: nodes.Node, severity: str = ERROR) -> None:
        findings.append(_finding(code, message, path, file_line(node.lineno), clause, severity))

    for node in ast.find_all((nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)):
        word = {
            nodes.Import: "import",
            nodes.FromImport: "from … import",
            nodes.Include: "include",
        }.get(type(node), "extends")
        add(
            "sandbox",
            f"'{{% {word} %}}' is not allowed: a clause cannot load other templates",
            node,
        )
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else _const(node.arg)
        if isinstance(name, str) and (name.startswith("_") or name in UNSAFE_ATTRIBUTES):
            add(
                "sandbox",
                f"access to '{name}' is refused by the sandbox (private or internal attribute)",
                node,
            )
    for node in ast.find_all(nodes.Call):
        if isinstance(node.node, nodes.Getattr) and node.node.attr in MUTATING:
            add(
                "sandbox",
                f"'.{node.node.attr}(…)' changes data: the sandbox refuses it (templates read data only)",
                node,
            )
    for node in ast.find_all(nodes.Filter):
        if node.name == "attr" and node.args and str(_const(node.args[0]) or "").startswith("_"):
            add("sandbox", f"attr('{_const(node.args[0])}') is refused by the sandbox", node)
        if node.name not in model.filters:
            add(
                "filter",
                f"unknown filter '{node.name}'; known: {', '.join(sorted(_custom_filters(model)))} "
                "and Jinja's built-in filters",
                node,
            )
    for node in ast.find_all(nodes.Test):
        if node.name not in model.tests:
            add("filter", f"unknown test 'is {node.name}'", node)
    undeclared = _undeclared(ast) - model.names
    for name in sorted(undeclared):
        first = next(
            (n for n in ast.find_all(nodes.Name) if n.name == name and n.ctx == "load"), ast
        )
        add(
            "placeholder",
            f"'{name}' is not in the data a clause can use (see docs/clause-format.md, Data)",
            first,
        )
    for (lineno, dotted), (missing, found) in _attribute_paths(ast, model).items():
        if missing and not found:
            add(
                "attribute",
                f"'{dotted}' is not in the data of the sample sheets (misspelt?)",
                _At(lineno),
            )
    return findings


def _undeclared(ast: nodes.Template) -> set[str]:
    try:
        return set(jinja_meta.find_undeclared_variables(ast))
    except TemplateAssertionError:  # an unknown filter (reported on its own): approximate
        stored = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
        return {n.name for n in ast.find_all(nodes.Name) if n.ctx == "load"} - stored - {"loop"}


class _At:
    def __init__(self, lineno: int) -> None:
        self.lineno = lineno


def _custom_filters(model: DataModel) -> set[str]:
    from deedgen.templating import FILTER_NAMES

    return set(FILTER_NAMES)


def _const(node):
    return node.value if isinstance(node, nodes.Const) else None


# --- attribute paths against the sample contexts ------------------------------------------------


def _attribute_paths(ast: nodes.Template, model: DataModel) -> dict:
    """(line, dotted path) → (samples where the attribute is missing, samples where it exists)."""
    results: dict = {}
    for _, _, context in model.samples:
        seen: dict = {}
        _walk(ast, dict(context), seen)
        for key, ok in seen.items():
            missing, found = results.get(key, (0, 0))
            results[key] = (missing + (not ok), found + ok)
    return results


def _walk(node: nodes.Node, scope: dict, seen: dict) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, seen)
        inner = dict(scope)
        _bind(node.target, _element(_resolve(node.iter, scope, seen)), inner)
        inner["loop"] = _UNKNOWN
        for child in [*node.body, *node.else_]:
            _walk(child, inner, seen)
        if node.test is not None:
            _walk(node.test, inner, seen)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        _bind(node.target, _UNKNOWN, scope)
    if isinstance(node, nodes.Macro | nodes.CallBlock):
        inner = dict(scope)
        for arg in getattr(node, "args", []):
            _bind(arg, _UNKNOWN, inner)
        inner.update(caller=_UNKNOWN, varargs=_UNKNOWN, kwargs=_UNKNOWN)
        for child in node.body:
            _walk(child, inner, seen)
        return
    if isinstance(node, nodes.Test) and node.name in _TOLERANT_TESTS:
        return
    if isinstance(node, nodes.Filter) and node.name in _TOLERANT_FILTERS:
        for arg in node.args:
            _walk(arg, scope, seen)
        return
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        _resolve(node, scope, seen)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, seen)


def _bind(target: nodes.Node, value, scope: dict) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = value
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            _bind(item, _UNKNOWN, scope)


def _element(value):
    """A stand-in for one element of an iterable: dict elements merged, so a key any element has
    counts as present."""
    if not isinstance(value, list | tuple) or not value:
        return _UNKNOWN
    if all(isinstance(v, dict) for v in value):
        merged: dict = {}
        for item in value:
            for key, item_value in item.items():
                if merged.get(key) is None:
                    merged[key] = item_value
        return merged
    return value[0]


def _resolve(node: nodes.Node, scope: dict, seen: dict):
    """The sample value of *node* (or _UNKNOWN), recording each attribute step in *seen*."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name, _UNKNOWN)
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        base = _resolve(node.node, scope, seen)
        if isinstance(node, nodes.Getitem):
            _walk(node.arg, scope, seen)
            key = _const(node.arg)
        else:
            key = node.attr
        if base is _UNKNOWN or base is None or key is None:
            return _UNKNOWN
        dotted = f"{_dotted(node.node)}.{key}"
        if isinstance(base, dict):
            if key in base:
                seen[(node.lineno, dotted)] = True
                return base[key]
            ok = isinstance(key, str) and hasattr(base, key)  # dict methods: items(), values()
        elif isinstance(key, int) and isinstance(base, list | tuple):
            return base[key] if -len(base) <= key < len(base) else _UNKNOWN
        else:
            ok = isinstance(key, str) and hasattr(base, key)
        seen[(node.lineno, dotted)] = seen.get((node.lineno, dotted), False) or ok
        return _UNKNOWN
    _walk(node, scope, seen)
    return _UNKNOWN


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_dotted(node.node)}[{_const(node.arg)!r}]"
    return "…"


# --- structure lines, references, languages ----------------------------------------------------


_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def without_comments(body: str) -> str:
    """*body* with ``{# … #}`` comments blanked out, line breaks kept (lines stay true)."""
    return _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)


def static_anchors(body: str) -> tuple[set[str], bool]:
    """Anchors a body defines statically, and whether some anchor is built by template code."""
    anchors, dynamic = set(), False
    for line in without_comments(body).split("\n"):
        match = _MARKER_LINE.match(line.strip())
        if match and match.group(2):
            inside = match.group(2)[1:].rstrip("]")
            if "{" in inside:
                dynamic = True
            else:
                anchors.add(inside)
    return anchors, dynamic


def _exclusive(a: tuple, b: tuple) -> bool:
    """Two positions (tuples of (if-block, branch)) in different branches of one if-block."""
    branches = dict(a)
    return any(block in branches and branches[block] != branch for block, branch in b)


def _structure_findings(clause: Clause, text: ClauseText) -> list[Finding]:
    findings = []
    have_ust = have_pkt = have_lit = closed = False
    anchors: dict[str, list[tuple[int, tuple]]] = {}
    branch_stack: list[list[int]] = []  # open if-blocks: [block number, branch number]
    blocks = 0
    for offset, raw in enumerate(without_comments(text.body).split("\n")):
        line_no = text.body_line + offset
        line = raw.strip()
        for tag in re.finditer(r"\{%-?\s*(if|elif|else|endif)\b", raw):
            if tag.group(1) == "if":
                blocks += 1
                branch_stack.append([blocks, 0])
            elif tag.group(1) == "endif":
                if branch_stack:
                    branch_stack.pop()
            elif branch_stack:
                branch_stack[-1][1] += 1
        if not line or _CONTROL_LINE.match(line):
            continue

        def add(message: str, severity: str = ERROR, line_no: int = line_no) -> None:
            findings.append(_finding("structure", message, text.path, line_no, clause, severity))

        match = _MARKER_LINE.match(line)
        if not match:
            near = _NEAR_MARKER.match(line)
            if near:
                add(
                    f"'{near.group(1)}{near.group(2).strip()}' starts the line: did you mean the marker '{near.group(1)}.'?",
                    WARNING,
                )
            elif not have_ust:
                have_ust = True
            continue
        kind, bracket, after = match.group(1), match.group(2), match.group(3)
        if bracket is not None:
            inside = bracket[1:]
            if not inside.endswith("]"):
                add(f"anchor of '{kind}.' is not closed: write {kind}.[name]")
                continue
            inside = inside[:-1]
            if "{" not in inside and not _ANCHOR_OK.fullmatch(inside):
                add(f"anchor [{inside}]: use letters, digits, _ and - only")
            elif "{" not in inside:
                here = tuple(tuple(x) for x in branch_stack)
                clash = next(
                    (n for n, where in anchors.get(inside, []) if not _exclusive(here, where)), None
                )
                if clash is not None:
                    add(f"anchor [{inside}] is used twice in this clause (also line {clash})")
                anchors.setdefault(inside, []).append((line_no, here))
        if after and not after.isspace():
            add(f"'{kind}.' must be followed by a space (found '{kind}.{after}…')")
        if kind == "ust":
            have_ust, have_pkt, have_lit, closed = True, False, False, False
        elif kind == "pkt":
            if closed:
                add("'pkt.' after the 'wsp.' closing part of this ustęp: start a new 'ust.' first")
            have_ust, have_pkt, have_lit = True, True, False
        elif kind == "lit":
            if not have_pkt or closed:
                add("'lit.' must follow a 'pkt.' (a litera belongs to a punkt)")
            have_lit = True
        elif kind == "tir":
            if not have_lit or closed:
                add("'tir.' must follow a 'lit.' (a tiret belongs to a litera)")
        elif kind == "wsp":
            if not have_pkt:
                add("'wsp.' closes an enumeration, but no 'pkt.' precedes it in this ustęp")
            closed, have_pkt, have_lit = True, False, False
    return findings


def _reference_findings(clause: Clause, text: ClauseText, library: ClauseLibrary) -> list[Finding]:
    findings = []
    for offset, line in enumerate(without_comments(text.body).split("\n")):
        for match in _REFERENCE.finditer(line):
            line_no = text.body_line + offset
            target_id, anchor = match.group(1), match.group(2)
            written = match.group(0)
            if not _REFERENCE_OK.fullmatch(target_id) or (
                anchor is not None and not _ANCHOR_OK.fullmatch(anchor)
            ):
                findings.append(
                    _finding(
                        "reference",
                        f"{written}: write §[category.name] or §[category.name#anchor]",
                        text.path,
                        line_no,
                        clause,
                    )
                )
                continue
            target = library.clauses.get(target_id)
            if target is None:
                removal = library.removed.get(target_id)
                why = f"it is removed by {removal.path}" if removal else "no layer has it"
                findings.append(
                    _finding(
                        "reference",
                        f"{written} refers to clause {target_id}, but {why}",
                        text.path,
                        line_no,
                        clause,
                    )
                )
                continue
            if not set(target.documents) & set(clause.documents):
                findings.append(
                    _finding(
                        "reference",
                        f"{written}: clause {target_id} is in other documents "
                        f"({', '.join(target.documents)}), so the reference cannot be numbered",
                        text.path,
                        line_no,
                        clause,
                        WARNING,
                    )
                )
            if anchor is not None:
                target_text = target.texts.get(text.lang) or target.texts["pl"]
                anchors, dynamic = static_anchors(target_text.body)
                if anchor not in anchors and not dynamic:
                    known = ", ".join(sorted(anchors)) or "none"
                    findings.append(
                        _finding(
                            "anchor",
                            f"{written}: clause {target_id} ({target_text.path}) has no anchor "
                            f"[{anchor}] (its anchors: {known})",
                            text.path,
                            line_no,
                            clause,
                        )
                    )
    return findings


def _language_findings(clause: Clause) -> list[Finding]:
    findings = []
    pl = clause.texts["pl"]
    if "en" not in clause.texts:
        name = Path(pl.path).name.replace(".pl.txt", ".en.txt")
        findings.append(
            _finding(
                "language",
                f"no English variant ({name}): documents in English cannot use this clause",
                pl.path,
                meta_line(pl.path, "id"),
                clause,
                WARNING,
            )
        )
        return findings
    en = clause.texts["en"]
    pl_anchors, pl_dynamic = static_anchors(pl.body)
    en_anchors, en_dynamic = static_anchors(en.body)
    if not (pl_dynamic or en_dynamic) and pl_anchors != en_anchors:
        diff = sorted(pl_anchors ^ en_anchors)
        findings.append(
            _finding(
                "anchor",
                f"the Polish and English texts define different anchors ({', '.join(diff)}): "
                "references would resolve in one language only",
                en.path,
                en.body_line,
                clause,
            )
        )
    review = _pending_review(en.path)
    if review:
        findings.append(
            _finding(
                "translation-review",
                f"the English text awaits review since version {review} "
                "(the Polish text changed; remove 'review: true' from its change entry when done)",
                en.path,
                meta_line(en.path, "changes"),
                clause,
                WARNING,
            )
        )
    return findings


def _pending_review(path: str):
    from deedgen.clauses.model import read_text, split_front_matter

    try:
        text = read_text(Path(path))[1]
        if "review" not in text:
            return None
        meta, _, _ = split_front_matter(Path(path), text)
    except ClauseError:
        return None
    changes = meta.get("changes") or []
    last = changes[-1] if isinstance(changes, list) and changes else None
    if isinstance(last, dict) and last.get("review"):
        return last.get("version", "?")
    return None


# --- rendering on the sample sheets -------------------------------------------------------------


def _render_findings(clause: Clause, model: DataModel, texts_ok: dict[str, bool]) -> list[Finding]:
    """Render every language on every sample where the condition holds (and parse the structure
    lines the way the assembler does)."""
    from deedgen.assemble import parse_units, render_clause

    findings: list[Finding] = []
    reported: set = set()
    env_condition = _condition_function(clause)
    for sheet, lang, context in model.samples:
        text = clause.texts.get(lang)
        if text is None or not texts_ok.get(lang):
            continue
        try:
            if env_condition is not None and not env_condition(**context):
                continue
        except Exception:  # noqa: BLE001 - already reported by the condition check
            continue
        try:
            rendered = render_clause(clause, context, lang)
            if "goal_menu" not in clause.documents:
                parse_units(rendered, clause, lang)
        except ClauseError as error:
            code = "sandbox" if "sandbox" in error.message else "render"
            finding = from_error(error, code=code, clause_id=clause.id)
            if (finding.message, finding.location) in reported:
                continue  # the same failure on another sample sheet
            reported.add((finding.message, finding.location))
            findings.append(
                Finding(
                    code=finding.code,
                    message=f"{finding.message} (sample {Path(sheet).name}, {lang})",
                    location=finding.location,
                    clause_id=clause.id,
                )
            )
    return findings


def _condition_function(clause: Clause):
    if not clause.condition:
        return None
    from deedgen.templating import environment

    try:
        return environment("pl").compile_expression(clause.condition, undefined_to_none=False)
    except TemplateSyntaxError:
        return None
