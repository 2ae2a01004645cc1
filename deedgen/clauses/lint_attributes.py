"""Attribute paths in a clause's template (``party.address.city``), followed through loops and
assignments and checked against the sample sheets' contexts.
"""

from __future__ import annotations

from jinja2 import nodes

from deedgen.clauses.data_model import DataModel

# Tests and filters that tolerate a missing attribute (`x.y is defined`, `x.y | default`).
_TOLERANT_TESTS = frozenset({"defined", "undefined"})
_TOLERANT_FILTERS = frozenset({"default", "d"})
_UNKNOWN = object()  # a value the sample contexts cannot tell


def attribute_paths(ast: nodes.Template, model: DataModel) -> dict:
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
        _walk_loop(node, scope, seen)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        _bind(node.target, _UNKNOWN, scope)
    if isinstance(node, nodes.Macro | nodes.CallBlock):
        _walk_macro(node, scope, seen)
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


def _walk_loop(node: nodes.For, scope: dict, seen: dict) -> None:
    """A for-loop: its target is bound to a sample element of what it iterates over."""
    _walk(node.iter, scope, seen)
    inner = dict(scope)
    _bind(node.target, _element(_resolve(node.iter, scope, seen)), inner)
    inner["loop"] = _UNKNOWN
    for child in [*node.body, *node.else_]:
        _walk(child, inner, seen)
    if node.test is not None:
        _walk(node.test, inner, seen)


def _walk_macro(node: nodes.Macro | nodes.CallBlock, scope: dict, seen: dict) -> None:
    """A macro or call block: its arguments are unknown values inside it."""
    inner = dict(scope)
    for arg in getattr(node, "args", []):
        _bind(arg, _UNKNOWN, inner)
    inner.update(caller=_UNKNOWN, varargs=_UNKNOWN, kwargs=_UNKNOWN)
    for child in node.body:
        _walk(child, inner, seen)


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
            key = constant_value(node.arg)
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
        return f"{_dotted(node.node)}[{constant_value(node.arg)!r}]"
    return "…"


def constant_value(node):
    return node.value if isinstance(node, nodes.Const) else None
