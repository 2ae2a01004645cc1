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
import re
import sys

from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

from deedgen import polish
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


class ClauseEnvironment(_DictItemsFirst, ImmutableSandboxedEnvironment):
    """The sandbox clause texts render in."""


class TemplateEnvironment(_DictItemsFirst, SandboxedEnvironment):
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
        undefined=StrictUndefined,
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
        line = body_line + (getattr(exc, "lineno", 1) or 1) - 1
        raise ClauseError(
            f"clause {clause_id}: template syntax: {exc.message}",
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
        raise ClauseError(
            f"clause {clause_id}: {exc.message or exc} — see the data names in docs/clause-format.md",
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
    except (TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError) as exc:
        message = getattr(exc, "message", None) or str(exc)
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
