"""Lint a clause's Jinja template: its syntax, the names and filters it uses, and the code the
sandbox refuses (private attributes, ``import``/``include``, mutating methods).
"""

from __future__ import annotations

from jinja2 import TemplateAssertionError, TemplateSyntaxError, nodes
from jinja2 import meta as jinja_meta
from jinja2.sandbox import (
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
)

from deedgen.clauses.data_model import DataModel
from deedgen.clauses.findings import ERROR, clause_finding
from deedgen.clauses.jinja_errors import (
    near_names,
    syntax_error_position,
    syntax_error_text,
    unknown_name_message,
)
from deedgen.clauses.lint_attributes import attribute_paths, constant_value
from deedgen.clauses.messages import Said, said
from deedgen.clauses.model import Clause, ClauseText
from deedgen.exceptions import Problem

MUTATING = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update",
     "setdefault", "popitem", "add", "discard", "difference_update", "intersection_update",
     "symmetric_difference_update", "appendleft", "extendleft", "popleft", "rotate"}
)  # fmt: skip


UNSAFE_ATTRIBUTES = (
    UNSAFE_FUNCTION_ATTRIBUTES | UNSAFE_METHOD_ATTRIBUTES | UNSAFE_GENERATOR_ATTRIBUTES
)


def template_findings(clause: Clause, text: ClauseText, model: DataModel) -> list[Problem]:
    from deedgen.templating import environment

    try:
        ast = environment(text.lang).parse(text.body)
    except TemplateSyntaxError as exc:
        line, column, message = syntax_error_position(exc, text.body)
        line = text.body_line + line - 1
        message = syntax_error_text(line, column, message)
        return [clause_finding("jinja-syntax", message, text.path, line, clause)]
    return ast_findings(ast, model, clause, text.path, lambda n: text.body_line + (n or 1) - 1)


def ast_findings(
    ast: nodes.Template, model: DataModel, clause: Clause, path: str, file_line
) -> list[Problem]:
    """Static checks of a parsed template: sandbox, names, filters and tests, attribute paths."""
    problems = [*_refused_by_sandbox(ast), *_unknown_names(ast, model)]
    return [
        clause_finding(code, message, path, file_line(node.lineno), clause, severity)
        for code, message, node, severity in problems
    ]


def _refused_by_sandbox(ast: nodes.Template):
    """(code, message, node, severity) for loading templates, private attributes, mutations."""
    for node in ast.find_all((nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)):
        word = {
            nodes.Import: "import",
            nodes.FromImport: "from … import",
            nodes.Include: "include",
        }.get(type(node), "extends")
        yield "sandbox", said("sandbox_load", word=word), node, ERROR
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else constant_value(node.arg)
        if isinstance(name, str) and (name.startswith("_") or name in UNSAFE_ATTRIBUTES):
            yield "sandbox", said("sandbox_private", name=name), node, ERROR
    for node in ast.find_all(nodes.Call):
        if isinstance(node.node, nodes.Getattr) and node.node.attr in MUTATING:
            yield "sandbox", said("sandbox_mutation", name=node.node.attr), node, ERROR


def _unknown_names(ast: nodes.Template, model: DataModel):
    """(code, message, node, severity) for filters, tests, names and attribute paths that the
    data does not provide (and ``attr('_…')``, which the sandbox refuses)."""
    for node in ast.find_all(nodes.Filter):
        if (
            node.name == "attr"
            and node.args
            and str(constant_value(node.args[0]) or "").startswith("_")
        ):
            yield "sandbox", said("sandbox_attr", name=constant_value(node.args[0])), node, ERROR
        if node.name not in model.filters:
            known = ", ".join(sorted(_custom_filters(model)))
            yield "filter", said("unknown_filter", name=node.name, known=known), node, ERROR
    for node in ast.find_all(nodes.Test):
        if node.name not in model.tests:
            yield "filter", said("unknown_test", name=node.name), node, ERROR
    for name in sorted(_undeclared(ast) - model.names):
        first = next(
            (n for n in ast.find_all(nodes.Name) if n.name == name and n.ctx == "load"), ast
        )
        yield "placeholder", unknown_name_message(name, model.names), first, ERROR
    for (lineno, dotted), (missing, found) in attribute_paths(ast, model).items():
        if missing and not found:
            yield "attribute", _missing_field_message(dotted, model), _At(lineno), ERROR


def _missing_field_message(dotted: str, model: DataModel) -> Said:
    """„coalition.nmae”: no sample sheet has it; the fields its owner has, nearest first."""
    owner, _, name = dotted.rpartition(".")
    fields: set[str] = set()
    for _, _, context in model.samples:
        value = context
        for part in owner.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, dict):
            fields.update(k for k in value if isinstance(k, str))
    near = near_names(name, fields)
    if near:
        return said(
            "missing_field_near", dotted=dotted, name=name, owner=owner, near=", ".join(near)
        )
    if fields:
        known = ", ".join(sorted(fields))
        return said("missing_field_known", dotted=dotted, name=name, owner=owner, fields=known)
    return said("missing_field", dotted=dotted, name=name, owner=owner)


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
