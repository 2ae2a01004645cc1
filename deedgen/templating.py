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
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

from deedgen import polish
from deedgen.clauses import jinja_errors
from deedgen.exceptions import ClauseError, Location

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
        raise SecurityError(
            f"potęga zbyt duża (wykładnik {exponent}) / power too large"
            f" (exponent {exponent}, at most {MAX_POWER_EXPONENT} and {MAX_INTEGER_BITS} bits)"
        )


def _check_product(left, right) -> None:
    if _is_integer(left) and _is_integer(right):
        if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
            raise SecurityError(
                f"iloczyn zbyt duży / product too large (over {MAX_INTEGER_BITS} bits)"
            )
        return
    count, sequence = (left, right) if _is_integer(left) else (right, left)
    repeats = _is_integer(count) and isinstance(sequence, str | bytes | list | tuple)
    if repeats and len(sequence) * count > MAX_REPEATED_LENGTH:
        raise SecurityError(
            f"powtórzenie zbyt długie ({len(sequence)} × {count}) / repetition too long"
            f" (at most {MAX_REPEATED_LENGTH})"
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
                raise SecurityError(
                    f"zbyt wiele kroków pętli / too many loop steps"
                    f" (ranges of one clause yield at most {MAX_RANGE_STEPS} items)"
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
        raise SecurityError(
            f"zakres zbyt duży ({len(numbers)}) / range too large (at most {MAX_RANGE_ITEMS} items)"
        )
    # One budget per render: every render and condition gets a fresh Context.
    budget = context.__dict__.setdefault("_deedgen_range_steps", [MAX_RANGE_STEPS])
    return _CountedRange(numbers, budget)


class ClauseEnvironment(_Bounded, _DictItemsFirst, ImmutableSandboxedEnvironment):
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
    return _compile(lang, source).render({})


def render_body(
    body: str, context: dict, *, lang: str, path: str, body_line: int, clause_id: str
) -> str:
    """Render a clause body; errors name the clause file and line."""
    try:
        template = _compile(lang, body)
    except TemplateError as exc:
        line, column, message = jinja_errors.syntax_error_position(exc, body)
        line = body_line + line - 1
        raise ClauseError(
            f"klauzula {clause_id}: {jinja_errors.syntax_error_text(line, column, message)}",
            location=Location(file=path, line=line),
        ) from None
    try:
        if _is_static(lang, body):  # no data in it: the same text for every coalition
            return _render_static(lang, body)
        return template.render(context)
    except SecurityError as exc:
        raise ClauseError(
            f"clause {clause_id}: template code refused by the sandbox ({exc})",
            location=Location(file=path, line=body_line + _template_line(exc) - 1),
        ) from None
    except TemplateError as exc:
        explained = jinja_errors.render_error_message(exc, body, _template_line(exc), context)
        raise ClauseError(
            f"klauzula {clause_id}: {explained}"
            if explained
            else f"clause {clause_id}: {exc.message or exc} — see the data names in docs/clause-format.md",
            location=Location(file=path, line=body_line + _template_line(exc) - 1),
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError) as exc:
        raise ClauseError(
            f"clause {clause_id}: cannot render: {exc}",
            location=Location(file=path, line=body_line + _template_line(exc) - 1),
        ) from None


def evaluate_condition(
    expression: str, context: dict, *, lang: str, path: str, clause_id: str
) -> bool:
    """Evaluate a clause's ``condition`` in the sandbox."""
    try:
        compiled = _compile_expression(lang, expression)
    except TemplateError as exc:
        raise ClauseError(
            f"clause {clause_id}: condition '{expression}' is not a valid expression: {exc.message}",
            location=Location(file=path, line=2),
        ) from None
    try:
        return bool(compiled(**context))
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError, ArithmeticError) as exc:
        message = jinja_errors.render_error_message(exc, expression, 1, context, condition=True)
        message = message or getattr(exc, "message", None) or str(exc)
        raise ClauseError(
            f"clause {clause_id}: condition '{expression}' cannot be evaluated: {message}",
            location=Location(file=path, line=2),
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
