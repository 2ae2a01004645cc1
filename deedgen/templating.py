"""The Jinja2 environment for clause texts: sandboxed, strict, and data kept inert.

Clause files are edited by mentors, so they are untrusted: they render in a
:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with :class:`~jinja2.StrictUndefined` (a
misspelt name is an error, not a gap) and no loader (no ``include``/``import``). Clause output is
plain text, not HTML — the DOCX renderer escapes it for XML.

Partner data is never evaluated as a template: it only ever enters as a *value*. Every value a
``{{ … }}`` prints is wrapped in private-use delimiters (:data:`DATA_OPEN` … :data:`DATA_CLOSE`), so
the assembler can tell the clause author's structure lines (``ust.``, ``pkt.``) and references
(``§[id]``) from text that came from the sheet; line breaks in values are folded.
"""

from __future__ import annotations

import functools
import operator
import re
import sys
from numbers import Number

from jinja2 import TemplateError, meta, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from deedgen import polish
from deedgen.clauses import jinja_errors
from deedgen.exceptions import ClauseError, Location
from deedgen.template_limits import (
    RenderLimit,
    bounded,
    check_binop,
    check_call,
    check_result,
    meter_filters,
    meter_tree,
    refuse_if_over,
    tick,
    weight,
)

DATA_OPEN = "\ue000"
DATA_CLOSE = "\ue001"
DATA_RE = re.compile(f"{DATA_OPEN}.*?{DATA_CLOSE}", re.S)


_NEWLINE = re.compile(r"\s*\n\s*")


class _DictItemsFirst:
    """``value.key`` on a plain dict looks the key up directly: an item of a dict is data, so the
    sandbox has nothing to guard, and the attribute lookup that would fail first (and is most of
    the cost of a template render) is skipped. Everything else takes the sandbox's own path. (A
    key named like a dict method — ``items`` — now means the key, which is what a template
    author means.)"""

    def getattr(self, obj, attribute):
        if type(obj) is dict and type(attribute) is str:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


MAX_POWER_EXPONENT = 1000
MAX_INTEGER_BITS = 4096  # about 1,200 digits: far beyond any amount, date or count in a deed
MAX_REPEATED_LENGTH = 100_000  # characters of 'x' * n, items of [x] * n
MAX_RANGE_ITEMS = 10_000
MAX_RANGE_STEPS = 100_000  # items all ranges of one render may yield together (nested loops)


class _Bounded:
    """Operator limits for untrusted templates: ``**`` and ``*`` refuse results that would take
    minutes or gigabytes, and ``range`` is short and counts what it yields, so nested loops over
    ranges end after :data:`MAX_RANGE_STEPS` steps per render. Both operators are intercepted, which
    also keeps Jinja from folding ``9**9**9`` while it compiles."""

    intercepted_binops = frozenset({"**", "*"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = _bounded_range

    def call_binop(self, context, operator_, left, right):
        if operator_ == "**":
            _check_power(left, right)
            return operator.pow(left, right)
        if operator_ == "*":
            _check_product(left, right)
            return operator.mul(left, right)
        return super().call_binop(context, operator_, left, right)


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_power(base, exponent) -> None:
    if not (isinstance(base, Number) and isinstance(exponent, Number)):
        return
    too_big = abs(exponent) > MAX_POWER_EXPONENT
    if _is_integer(base) and _is_integer(exponent) and abs(base) > 1 and exponent > 0:
        too_big = too_big or abs(base).bit_length() * exponent > MAX_INTEGER_BITS
    if too_big:
        raise RenderLimit(
            f"potęga zbyt duża (wykładnik {exponent}, najwyżej {MAX_POWER_EXPONENT} i"
            f" {MAX_INTEGER_BITS} bitów)",
            f"power too large (exponent {exponent}, at most {MAX_POWER_EXPONENT} and"
            f" {MAX_INTEGER_BITS} bits)",
        )


def _check_product(left, right) -> None:
    if _is_integer(left) and _is_integer(right):
        if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
            raise RenderLimit(
                f"iloczyn zbyt duży (ponad {MAX_INTEGER_BITS} bitów)",
                f"product too large (over {MAX_INTEGER_BITS} bits)",
            )
        return
    count, sequence = (left, right) if _is_integer(left) else (right, left)
    repeats = _is_integer(count) and isinstance(sequence, str | bytes | list | tuple)
    # A list counts what it holds too: [[1] * 1000] * 1000 is a million items.
    size = weight(sequence, MAX_REPEATED_LENGTH) - 1 if repeats else 0
    if repeats and size * count > MAX_REPEATED_LENGTH:
        raise RenderLimit(
            f"powtórzenie zbyt długie ({size} × {count}, najwyżej {MAX_REPEATED_LENGTH})",
            f"repetition too long ({size} × {count}, at most {MAX_REPEATED_LENGTH})",
        )


class _CountedRange:
    """A ``range`` whose iteration draws on the render's step budget."""

    def __init__(self, numbers: range, budget: list[int]):
        self._numbers = numbers
        self._budget = budget

    def __iter__(self):
        for number in self._numbers:
            self._budget[0] -= 1
            if self._budget[0] < 0:
                raise RenderLimit(
                    f"zbyt wiele kroków pętli (zakresy jednej klauzuli dają najwyżej"
                    f" {MAX_RANGE_STEPS} elementów)",
                    f"too many loop steps (ranges of one clause yield at most {MAX_RANGE_STEPS}"
                    " items)",
                )
            yield number

    def __len__(self):
        return len(self._numbers)

    def __getitem__(self, index):
        return self._numbers[index]

    def __contains__(self, value):
        return value in self._numbers

    def __repr__(self):
        return repr(self._numbers)


@pass_context
def _bounded_range(context, *args) -> _CountedRange:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE_ITEMS:
        raise RenderLimit(
            f"zakres zbyt duży ({len(numbers)}, najwyżej {MAX_RANGE_ITEMS} elementów)",
            f"range too large ({len(numbers)}, at most {MAX_RANGE_ITEMS} items)",
        )
    # One budget per render: every render and condition gets a fresh Context.
    budget = context.__dict__.setdefault("_deedgen_range_steps", [MAX_RANGE_STEPS])
    return _CountedRange(numbers, budget)


class _Metered:
    """The clock and the size cap of :mod:`deedgen.template_limits` at every call, lookup and
    operator; every ``for`` and ``~`` of a compiled template metered too."""

    intercepted_binops = _Bounded.intercepted_binops | {"+", "%"}

    def _generate(self, source, name, filename, defer_init=False):
        return super()._generate(meter_tree(source), name, filename, defer_init=defer_init)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        tick()
        args = check_call(__obj, args, kwargs)
        return check_result(super().call(__context, __obj, *args, **kwargs), "()")

    def getattr(self, obj, attribute):
        tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        tick()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator_, left, right):
        tick()
        check_binop(operator_, left, right)
        return super().call_binop(context, operator_, left, right)


class ClauseEnvironment(_Metered, _Bounded, _DictItemsFirst, ImmutableSandboxedEnvironment):
    """The sandbox clause texts render in."""


class TemplateEnvironment(_Bounded, _DictItemsFirst, SandboxedEnvironment):
    """The sandbox the DOCX templates render in (autoescaped XML)."""


def _mark(value) -> str:
    if value is None:
        return ""
    text = str(value)
    text = text.replace(DATA_OPEN, "").replace(DATA_CLOSE, "")
    if "\n" in text:
        text = _NEWLINE.sub(" ", text)
    refuse_if_over(len(text), "{{ … }}")
    return f"{DATA_OPEN}{text}{DATA_CLOSE}"


def unmark(text: str) -> str:
    return text.replace(DATA_OPEN, "").replace(DATA_CLOSE, "")


def filters_for(lang: str) -> dict:
    def amount(value):
        return polish.format_amount(value, lang)

    def money(value):
        return polish.format_money(value, lang)

    def date(value):
        return polish.format_date(value, lang)

    def quote(value):
        return polish.quote(unmark(str(value)), lang)

    def quarter(value):
        return polish.format_quarter(value, lang)

    def join_names(values):
        return polish.join_names(list(values), lang)

    return {
        "amount": amount,
        "money": money,
        "date": date,
        "quote": quote,
        "quarter": quarter,
        "join_names": join_names,
    }


FILTER_NAMES = frozenset(filters_for("pl"))


@functools.lru_cache(maxsize=4)
def environment(lang: str) -> ClauseEnvironment:
    env = ClauseEnvironment(
        undefined=jinja_errors.MentorUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_mark,
    )
    env.filters.update(filters_for(lang))
    meter_filters(env.filters)
    return env


@functools.lru_cache(maxsize=4096)
def _compile(lang: str, source: str):
    return environment(lang).from_string(source)


@functools.lru_cache(maxsize=4096)
def _compile_expression(lang: str, expression: str):
    return environment(lang).compile_expression(expression, undefined_to_none=False)


@functools.lru_cache(maxsize=4096)
def _is_static(lang: str, source: str) -> bool:
    """Whether a clause body uses no data at all (a third of the central clauses)."""
    return not meta.find_undeclared_variables(environment(lang).parse(source))


@functools.lru_cache(maxsize=4096)
def _render_static(lang: str, source: str) -> str:
    return _render_capped(_compile(lang, source), {})


def _render_capped(template, context: dict) -> str:
    """The template rendered under a fresh time budget, its output no longer than the cap."""
    parts, size = [], 0
    with bounded():
        for part in template.generate(context):
            size += len(part)
            refuse_if_over(size, ("tekst klauzuli", "clause text"))
            parts.append(part)
    return "".join(parts)


_RENDER_FAULTS = (TypeError, ValueError, AttributeError, KeyError, ArithmeticError)


def render_body(
    body: str, context: dict, *, lang: str, path: str, body_line: int, clause_id: str
) -> str:
    """Render a clause body under the time and size limits; errors name the clause file and line."""
    try:
        template = _compile(lang, body)
    except TemplateError as exc:
        line, column, message = jinja_errors.syntax_error_position(exc, body)
        line = body_line + line - 1
        text = jinja_errors.syntax_error_text(line, column, message)
        raise ClauseError(
            f"klauzula {clause_id}: {text.pl}",
            location=Location(file=path, line=line),
            english=f"clause {clause_id}: {text.en}",
        ) from None
    try:
        if _is_static(lang, body):  # no data in it: the same text for every coalition
            return _render_static(lang, body)
        return _render_capped(template, context)
    except (TemplateError, RecursionError, MemoryError, *_RENDER_FAULTS) as exc:
        why = jinja_errors.explained_error(exc, body, _template_line(exc), context)
        raise ClauseError(
            f"klauzula {clause_id}: {why.pl}",
            location=Location(file=path, line=body_line + _template_line(exc) - 1),
            english=f"clause {clause_id}: {why.en}",
        ) from None


def evaluate_condition(
    expression: str, context: dict, *, lang: str, path: str, clause_id: str
) -> bool:
    """Evaluate a clause's ``condition`` in the sandbox, under the same limits as a render."""
    try:
        compiled = _compile_expression(lang, expression)
    except TemplateError as exc:
        raise ClauseError(
            f"klauzula {clause_id}: warunek '{expression}' nie jest poprawnym wyrażeniem:"
            f" {exc.message}",
            location=Location(file=path, line=2),
            english=f"clause {clause_id}: the condition '{expression}' is not a valid"
            f" expression: {exc.message}",
        ) from None
    try:
        with bounded():
            return bool(compiled(**context))
    except (TemplateError, RecursionError, MemoryError, *_RENDER_FAULTS) as exc:
        why = jinja_errors.explained_error(exc, expression, 1, context, condition=True)
        raise ClauseError(
            f"klauzula {clause_id}: warunku '{expression}' nie można obliczyć: {why.pl}",
            location=Location(file=path, line=2),
            english=f"clause {clause_id}: the condition '{expression}' cannot be evaluated:"
            f" {why.en}",
        ) from None


def _template_line(exc: BaseException) -> int:
    """The template line of the innermost template frame of *exc*'s traceback (1 if unknown)."""
    line = getattr(exc, "lineno", None)
    if line:
        return line
    tb = exc.__traceback__ or sys.exc_info()[2]
    found = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found
