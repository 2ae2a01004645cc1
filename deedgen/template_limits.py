"""What one clause render may cost: a CPU-time limit and a size cap on every text it makes.

Clause files come from mentors, so a render must end and stay small whatever the text says. The
operator limits of :mod:`deedgen.templating` stop the single expensive operation (``9**9**9``,
``'x' * 4e9``); this module bounds the rest:

* **time** — a render or condition gets :data:`CLAUSE_TIME_LIMIT` CPU seconds. The clock is read
  at points every render passes through again and again: each call (macros included), attribute
  lookup, operator, filter and loop step. A loop with an empty body still steps, so it ends too.
* **size** — no string, list or output of a render may exceed :data:`MAX_TEXT_LENGTH`. Growth is
  estimated *before* the operation where one call could allocate gigabytes (``ljust``, ``center``,
  ``format`` widths, ``replace``, ``join``, ``indent``, ``+``, ``%``), and checked after the rest.

Sizes are weighed by :mod:`deedgen.template_weight`. The limits raise :class:`RenderLimit`, a :class:`~jinja2.sandbox.SecurityError` saying what was
refused in Polish (its message) and English (``english``), which the callers turn into a
:class:`~deedgen.exceptions.ClauseError` naming the clause file and line.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator
from contextvars import ContextVar

from jinja2 import nodes, pass_context
from jinja2.sandbox import SecurityError
from jinja2.visitor import NodeTransformer

from deedgen.template_weight import MAX_TEXT_LENGTH, bound, fits, weight

CLAUSE_TIME_LIMIT = 1.0  # CPU seconds per render; a real clause renders in well under 10 ms
_CLOCK_EVERY = 128  # metered steps between two reads of the clock

_STEPS_FILTER = "_deedgen_steps"
_TEXT_FILTER = "_deedgen_text"


class RenderLimit(SecurityError):
    """A render went over one of its limits (time, size, an operator's bound): *polish* is the
    message, *english* its English (``--lang en``)."""

    def __init__(self, polish: str, english: str | None = None):
        super().__init__(polish)
        self.english = english or polish


class _Budget:
    __slots__ = ("deadline", "steps")

    def __init__(self, seconds: float):
        self.deadline = time.thread_time() + seconds
        self.steps = 0


_budget: ContextVar[_Budget | None] = ContextVar("deedgen_render_budget", default=None)


class bounded:  # noqa: N801 (used as a function: ``with bounded():``)
    """Run one render (or condition) under a fresh time budget (per thread and context). A
    class, not a generator: it is entered for every clause and condition of every coalition."""

    __slots__ = ("seconds", "_token")

    def __init__(self, seconds: float = CLAUSE_TIME_LIMIT):
        self.seconds = seconds

    def __enter__(self) -> None:
        self._token = _budget.set(_Budget(self.seconds))

    def __exit__(self, *exc) -> None:
        _budget.reset(self._token)


def tick() -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget.steps += 1
    if budget.steps % _CLOCK_EVERY == 0 and time.thread_time() > budget.deadline:
        raise RenderLimit(
            f"przekroczony limit czasu ({CLAUSE_TIME_LIMIT:g} s na klauzulę)",
            f"the clause took longer than {CLAUSE_TIME_LIMIT:g} s of CPU time to render",
        )


def refuse_if_over(size: int, what: str | tuple[str, str]) -> None:
    """Refuse a text (or list) of *size* over the cap; *what* names it: code (``|join``), or
    words in Polish and English."""
    if size > MAX_TEXT_LENGTH:
        polish, english = (what, what) if isinstance(what, str) else what
        raise RenderLimit(
            f"{polish}: wynik zbyt długi (ok. {size:,} znaków, najwyżej {MAX_TEXT_LENGTH:,})",
            f"{english}: result too long (about {size:,} characters, at most {MAX_TEXT_LENGTH:,})",
        )


def check_result(value, what: str):
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset) and not fits(value):
        refuse_if_over(weight(value), what)
    return value


_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")
_PERCENT_SPEC = re.compile(r"%[-#0 +(\w)]*(\d+|\*)?(?:\.(\d+|\*))?")


def _largest_int(values) -> int:
    return max(
        (abs(v) for v in values if isinstance(v, int) and not isinstance(v, bool)), default=0
    )


def _largest_number_in(fields) -> int:
    return max((int(n) for field in fields for n in re.findall(r"\d+", field)), default=0)


def _replace_size(text: str, old, new, count=-1) -> int:
    if not (isinstance(old, str) and isinstance(new, str)):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


def _joined_size(separator: str, items) -> int:
    if isinstance(items, str) or not hasattr(items, "__len__"):
        return 0
    held = weight(items) if isinstance(items, list | tuple) else 8 * len(items)
    return held + len(separator) * len(items)


def _str_method_size(text: str, name: str, args: tuple, kwargs: dict) -> int:
    """The length a ``str`` method call would produce, estimated before it runs."""
    values = (*args, *kwargs.values())
    if name in ("ljust", "rjust", "center", "zfill"):
        return max(len(text), _largest_int(values))
    if name == "expandtabs":
        return len(text) + text.count("\t") * _largest_int(values or (8,))
    if name == "replace" and len(args) >= 2:
        return _replace_size(text, *args[:3])
    if name == "join" and args:
        return _joined_size(text, args[0])
    if name in ("format", "format_map"):
        widths = _largest_number_in(_FORMAT_FIELD.findall(text))
        return len(text) + weight(values) + max(widths, _largest_int(values))
    if name == "translate":
        return len(text) * (1 + max((weight(v) for v in _mapping_values(args)), default=0))
    return 0


def _mapping_values(args) -> list:
    return list(args[0].values()) if args and isinstance(args[0], dict) else []


def check_call(obj, args: tuple, kwargs: dict) -> tuple:
    """Refuse a ``str`` method call whose result would be over the size cap; *args*, with a lazy
    sequence given to ``join`` taken in full (within the cap) so that its size is known."""
    # The sandbox hands out str.format wrapped in a function of its own.
    text = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
    if isinstance(text, str):
        name = getattr(obj, "__name__", "")
        if name == "join" and args and isinstance(args[0], Iterator):
            args = (_bounded_items(args[0]), *args[1:])
        refuse_if_over(_str_method_size(text, name, args, kwargs), f"'…'.{name}()")
    return args


def check_binop(operator_: str, left, right) -> None:
    """Refuse ``+`` and ``%`` whose results would be over the size cap."""
    if operator_ == "+" and isinstance(left, str | list | tuple) and type(left) is type(right):
        if bound(left) + bound(right) > MAX_TEXT_LENGTH:
            refuse_if_over(weight(left) + weight(right), "+")
    elif operator_ == "%" and isinstance(left, str):
        arguments = right if isinstance(right, tuple) else (right,)
        widths = _largest_number_in(m.group(0) for m in _PERCENT_SPEC.finditer(left))
        size = len(left) + weight(arguments) + max(widths, _largest_int(arguments))
        refuse_if_over(size, "%")


def _filter_size(name: str, value, args: tuple, kwargs: dict) -> int:
    """The length a growing filter would produce, estimated before it runs (0: not estimated)."""
    values = (*args, *kwargs.values())
    if name == "center":
        return max(weight(value), _largest_int(values))
    if name == "indent" and isinstance(value, str):
        width = (values or (4,))[0]
        per_line = len(width) if isinstance(width, str) else _largest_int((width,))
        return len(value) + (value.count("\n") + 1) * per_line
    if name == "replace" and isinstance(value, str) and len(args) >= 2:
        return _replace_size(value, *args[:3])
    if name == "join":
        separator = (values or ("",))[0]
        return _joined_size(separator if isinstance(separator, str) else "", value)
    if name == "format" and isinstance(value, str):
        check_binop("%", value, tuple(args))
    return 0


def _bounded_items(items: Iterator) -> list:
    """A lazy sequence (``map``, ``select``…) taken in full, but no further than the size cap."""
    taken, size, exact = [], 0, False
    for item in items:
        tick()
        if exact:
            size += weight(item)
        else:  # bounds while their sum is under the cap; then the exact sizes, from the start
            size += bound(item)
            if size > MAX_TEXT_LENGTH:
                exact, size = True, sum(weight(i) for i in taken) + weight(item)
        refuse_if_over(size, "…")
        taken.append(item)
    return taken


# Filters whose output grows with the whole structure they are given (its printed form, its
# items): the input is weighed before they run. Others are estimated (:func:`_filter_size`) or
# checked after; weighing every filter's input cost 5 % of a normal build.
_WEIGHED_FILTERS = frozenset(
    [
        "string",
        "pprint",
        "tojson",
        "join",
        "sum",
        "list",
        "batch",
        "slice",
        "xmlattr",
        "dictsort",
        "items",
        "unique",
        "sort",
        "reverse",
    ]
)


def metered_filter(name: str, function):
    """*function* (a filter) with the clock read, its input and growth checked, its result capped."""

    @functools.wraps(function)
    def metered(*args, **kwargs):
        tick()
        # Context and eval-context filters take that first; the filtered value comes next.
        at = 1 if getattr(function, "jinja_pass_arg", None) else 0
        if len(args) > at and isinstance(args[at], Iterator) and not isinstance(args[at], str):
            args = (*args[:at], _bounded_items(args[at]), *args[at + 1 :])
        if len(args) > at:
            value = args[at]
            if name in _WEIGHED_FILTERS and not fits(value):
                refuse_if_over(weight(value), f"|{name}")
            refuse_if_over(_filter_size(name, value, args[at + 1 :], kwargs), f"|{name}")
        return check_result(function(*args, **kwargs), f"|{name}")

    return metered


@pass_context
def _metered_steps(context, iterable):
    for item in iterable:
        tick()
        yield item


def _capped_text(value):
    return check_result(value, "~")


class _MeterLoopsAndJoins(NodeTransformer):
    """Every ``for`` iterates through :func:`_metered_steps`; every ``~`` is capped in size."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _STEPS_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        return nodes.Filter(node, _TEXT_FILTER, [], [], None, None, lineno=node.lineno)


def meter_filters(filters: dict) -> None:
    """Wrap every filter of an environment in :func:`metered_filter` and add the two of the tree."""
    for name, function in list(filters.items()):
        filters[name] = metered_filter(name, function)
    filters[_STEPS_FILTER] = _metered_steps
    filters[_TEXT_FILTER] = _capped_text


def meter_tree(tree: nodes.Template) -> nodes.Template:
    return _MeterLoopsAndJoins().visit(tree)
