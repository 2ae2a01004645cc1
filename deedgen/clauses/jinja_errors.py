"""Jinja errors in a mentor's words (Polish): what is wrong in the clause file, where, and what
to write instead.

- a name the data does not have lists the names near it (``czy chodziło o: coalition?``);
- an attribute of an empty value (``'None' has no attribute 'name'``) says which condition to
  add (``dodaj warunek {% if treasurer %}``);
- a syntax error gives the line and column in the clause file, and for a block left open the
  line of its ``{% if %}``.

The sandbox's :class:`MentorUndefined` makes the error carry the object and the name that were
missing, so the message can say which fields the object does have.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import SecurityError
from jinja2.utils import missing

from deedgen.clauses.messages import Said, said
from deedgen.template_limits import RenderLimit

_DOTTED = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\]]*\])*"
_TAG = re.compile(r"\{%-?\s*(\w+)")
_BLOCKS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall",
           "filter": "endfilter", "set": "endset", "raw": "endraw"}  # fmt: skip


class MissingData(UndefinedError):
    """An undefined name or attribute, with the object it was looked up on."""

    def __init__(self, message: str | None = None, *, obj=missing, name: str | None = None):
        super().__init__(message)
        self.obj, self.name = obj, name


class MentorUndefined(StrictUndefined):
    """:class:`~jinja2.StrictUndefined` whose error is a :class:`MissingData`."""

    __slots__ = ()

    def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError):
        super().__init__(hint, obj, name, exc)
        self._undefined_exception = functools.partial(MissingData, obj=obj, name=name)


def near_names(name: str, names: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The names most like *name* (difflib), best first."""
    return difflib.get_close_matches(name, sorted(set(names)), n=n, cutoff=cutoff)


# The data names are English; a mentor often writes the Polish word.
POLISH_NAMES = {
    "koalicja": "coalition", "gmina": "gmina", "strony": "parties", "partnerzy": "partners",
    "szkoly": "schools", "szkoły": "schools", "organizacje": "ngos", "ngo": "ngos",
    "skarbnik": "treasurer", "biblioteka": "library", "mentorka": "mentor", "zespol": "team",
    "zespół": "team", "koordynator": "coordinator", "koordynatorka": "coordinator",
    "dzialania": "actions", "działania": "actions", "cele": "chosen_goals",
    "promocja": "promotion", "ewaluacja": "evaluation", "kwartaly": "quarters",
    "kwartały": "quarters", "wklady": "contributions", "wkłady": "contributions",
    "jezyk": "lang", "język": "lang",
}  # fmt: skip


def unknown_name_message(name: str, names: Iterable[str]) -> Said:
    """„koalicja” is not a data name: the valid names near it (or all the data names)."""
    names = {n for n in names if not n.startswith("_")}
    near = near_names(name, names, cutoff=0.45)
    translated = POLISH_NAMES.get(name.lower())
    if translated in names and translated not in near:
        near.insert(0, translated)
    if near:
        return said("unknown_name_near", name=name, near=", ".join(near))
    data_names = sorted(names - set(DEFAULT_NAMESPACE))
    return said("unknown_name", name=name, names=", ".join(data_names))


def render_error_message(
    exc: Exception, source: str, line: int, context: dict, *, condition: bool = False
) -> Said | None:
    """A Polish message for an error raised while rendering *source* (a clause body, or with
    *condition* a clause's condition) at template *line*; None when it is not one this module
    explains."""
    if not isinstance(exc, MissingData) or exc.name is None:
        return None
    name = str(exc.name)
    lines = source.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else source
    if exc.obj is missing:
        return unknown_name_message(name, context)
    owner = _owner_expression(text, name, context)
    if exc.obj is None and condition:
        return said("empty_in_condition", owner=owner or "…", name=name, source=source.strip())
    if exc.obj is None:
        return said("empty_in_text", owner=owner or "…", name=name)
    what = Said(f"„{owner}”", f"'{owner}'") if owner else said("this_value")
    if isinstance(exc.obj, dict):
        fields = [k for k in exc.obj if isinstance(k, str)]
        near = near_names(name, fields)
        if near:
            return said("no_field_near", what=what, name=name, near=", ".join(near))
        known = ", ".join(sorted(fields)) or said("none")
        return said("no_field", what=what, name=name, fields=known)
    return said("no_field_of_kind", what=what, kind=type(exc.obj).__name__, name=name)


def plain_reason(exc: BaseException) -> Said:
    """What went wrong, in Polish and English, for a render or condition that raised *exc*."""
    if isinstance(exc, RenderLimit):
        return Said(
            f"kod odrzucony przez piaskownicę ({exc})",
            f"template code refused by the sandbox ({exc.english})",
        )
    if isinstance(exc, SecurityError):  # the sandbox's own refusal, in Jinja's words
        return Said(
            f"kod odrzucony przez piaskownicę ({exc})",
            f"template code refused by the sandbox ({exc})",
        )
    if isinstance(exc, RecursionError):
        return Said(
            "zbyt głęboka rekurencja (makro wywołuje samo siebie?)",
            "recursion too deep (a macro that calls itself?)",
        )
    if isinstance(exc, MemoryError):
        return Said("zabrakło pamięci", "out of memory")
    if isinstance(exc, TemplateError):
        message = exc.message or exc
        return Said(
            f"{message} — nazwy danych: docs/clause-format.md",
            f"{message} — see the data names in docs/clause-format.md",
        )
    return Said(f"nie można wygenerować tekstu: {exc}", f"cannot render: {exc}")


def explained_error(exc: BaseException, source: str, line: int, context: dict, **how) -> Said:
    """A data mistake in mentor words (:func:`render_error_message`), else :func:`plain_reason`."""
    plain = isinstance(exc, SecurityError | RecursionError | MemoryError)
    explained = None if plain else render_error_message(exc, source, line, context, **how)
    return explained or plain_reason(exc)


def _owner_expression(text: str, name: str, context: dict) -> str | None:
    """The expression written before ``.name`` on the line: the one whose value is empty in
    *context* when the line has several, else the first."""
    found = [m.group(1) for m in re.finditer(rf"({_DOTTED})\.{re.escape(name)}\b", text)]
    for expression in found:
        if _value(expression, context) is None:
            return expression
    return found[0] if found else None


def _value(expression: str, context: dict):
    value = context
    for part in expression.split("."):
        if not isinstance(value, dict) or part not in value:
            return missing
        value = value[part]
    return value


# --- syntax errors -----------------------------------------------------------------------------

_SYNTAX_MESSAGES = (  # Jinja's message → (Polish, English)
    (re.compile(r"Expected an expression, got 'end of statement block'"),
     "brak wyrażenia w znaczniku (np. {% if %} bez warunku)",
     "no expression in the tag (e.g. {% if %} without a condition)"),
    (re.compile(r"unexpected end of template, expected 'end of print statement'"),
     "niedomknięte {{ — brak }}", "unclosed {{: }} is missing"),
    (re.compile(r"expected token 'end of print statement', got '(.*)'"),
     r"w {{ … }} po wyrażeniu stoi „\1”: brak operatora albo kropki?",
     r"in {{ … }} the expression is followed by '\1': a missing operator or dot?"),
    (re.compile(r"expected token 'name', got '.*'"), "po „|” brak nazwy filtra",
     "no filter name after '|'"),
    (re.compile(r"expected name or number"), "po kropce brak nazwy pola",
     "no field name after the dot"),
    (re.compile(r"unexpected '(.*)'"), r"nieoczekiwany znak „\1”", r"unexpected character '\1'"),
    (re.compile(r"No filter named '(\w+)'"), r"nieznany filtr „\1”", r"unknown filter '\1'"),
    (re.compile(r"No test named '(\w+)'"), r"nieznany test „is \1”", r"unknown test 'is \1'"),
)  # fmt: skip


def syntax_error_position(exc: TemplateSyntaxError, source: str) -> tuple[int, int, Said]:
    """(line, column, Polish message) of a syntax error in *source* (lines and columns from 1):
    for a block left open, the line of the tag that opened it."""
    lines = source.split("\n")
    line = min(max(exc.lineno or 1, 1), len(lines))
    message = exc.message or str(exc)
    unclosed = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unclosed and message.lower().startswith("unexpected end of template"):
        tag = unclosed.group(1)
        opened = _last_open_block(lines, tag)
        if opened is not None:
            at, column = opened
            end = _BLOCKS.get(tag, f"end{tag}")
            return at, column, said("block_open", tag=tag, end=end)
    if unknown:
        tag = unknown.group(1)
        column = _column(lines[line - 1], rf"\{{%-?\s*{re.escape(tag)}\b")
        if unclosed:
            opened = unclosed.group(1)
            end = _BLOCKS.get(opened, f"end{opened}")
            return line, column, said("tag_misplaced", tag=tag, open=opened, end=end)
        near = near_names(tag, [*_BLOCKS, *_BLOCKS.values(), "elif", "else"])
        if near:
            return line, column, said("tag_unknown_near", tag=tag, near=", ".join(near))
        return line, column, said("tag_unknown", tag=tag)
    column = _error_column(lines[line - 1], message)
    for pattern, polish, english in _SYNTAX_MESSAGES:
        match = pattern.search(message)
        if match:
            return line, column, Said(match.expand(polish), match.expand(english))
    return line, column, said("syntax_other", message=message)


def syntax_error_text(line: int, column: int, message: Said) -> Said:
    return said("syntax_at", line=line, column=column, message=message)


def _last_open_block(lines: list[str], tag: str) -> tuple[int, int] | None:
    """(line, column) of the innermost *tag* block still open at the end of *lines*."""
    stack: list[tuple[str, int, int]] = []
    for number, text in enumerate(lines, 1):
        for match in _TAG.finditer(text):
            word = match.group(1)
            if word in _BLOCKS and not (
                word == "set" and "=" in text[match.end() :].split("%}")[0]
            ):
                stack.append((word, number, match.start() + 1))
            elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
                stack.pop()
    open_blocks = [(n, c) for word, n, c in stack if word == tag]
    return open_blocks[-1] if open_blocks else None


def _column(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    return match.start() + 1 if match else 1


def _error_column(text: str, message: str) -> int:
    """The column the message points at: a tag with nothing in it, the quoted token, else the
    last tag opened on the line."""
    if message.startswith("Expected an expression"):
        empty = re.search(r"\{%-?\s*\w+\s*-?%\}", text)
        if empty:
            return empty.start() + 1
    quoted = re.findall(r"'([^']+)'", message)
    for token in reversed(quoted):
        if token in text and not token.startswith("end of"):
            return text.rindex(token) + 1
    starts = [m.start() for m in re.finditer(r"\{\{|\{%", text)]
    return starts[-1] + 1 if starts else 1
