"""Parameter types of rule kinds: each checks one value from a rule file and says what it expected.

A rule kind declares its parameters with these types (see :mod:`deedgen.compliance.kinds`); the
rule-set loader checks every rule's ``params`` against that declaration, so a typo or a wrong type
in the operator's YAML is an error naming the rule and the line, never a silently ignored value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deedgen.document import DOCUMENT_ORDER
from deedgen.exceptions import ParamError
from deedgen.sheet.enumerations import PARTY_KINDS, PROMOTION_KINDS, PROMOTION_LEVELS

CLAUSE_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


def _describe(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class Param:
    """Base of the parameter types; ``help`` documents the parameter in README and errors."""

    help: str = ""

    expected = "a value"

    def check(self, value):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def fail(self, value):
        raise ParamError(f"expected {self.expected}, found {_describe(value)}")


@dataclass(frozen=True)
class Int(Param):
    """A whole number, at least ``min`` (and at most ``max`` when given)."""

    min: int = 0
    max: int | None = None

    @property
    def expected(self) -> str:
        if self.max is not None:
            return f"a whole number from {self.min} to {self.max}"
        return f"a whole number ≥ {self.min}"

    def check(self, value):
        # bool is an int in Python: "yes" must not pass for 1
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(value)
        if value < self.min or (self.max is not None and value > self.max):
            self.fail(value)
        return value


@dataclass(frozen=True)
class Bool(Param):
    expected = "true or false"

    def check(self, value):
        if not isinstance(value, bool):
            self.fail(value)
        return value


@dataclass(frozen=True)
class Choice(Param):
    """One of ``values``; ``nullable`` also accepts null (meaning: not required / not used)."""

    values: tuple[str, ...] = ()
    nullable: bool = False

    @property
    def expected(self) -> str:
        text = "one of: " + ", ".join(self.values)
        return text + " (or null)" if self.nullable else text

    def check(self, value):
        if value is None and self.nullable:
            return None
        if not isinstance(value, str) or value not in self.values:
            self.fail(value)
        return value


@dataclass(frozen=True)
class Choices(Param):
    """A list of distinct values, each one of ``values``; at least ``min_items`` of them."""

    values: tuple[str, ...] = ()
    min_items: int = 0

    @property
    def expected(self) -> str:
        least = f"at least {self.min_items} " if self.min_items else ""
        return f"a list of {least}values from: " + ", ".join(self.values)

    def check(self, value):
        if not isinstance(value, list) or len(value) < self.min_items:
            self.fail(value)
        for item in value:
            if not isinstance(item, str) or item not in self.values:
                raise ParamError(f"'{item}' is not allowed here; expected {self.expected}")
        if len(set(value)) != len(value):
            raise ParamError("a value is listed twice")
        return tuple(value)


@dataclass(frozen=True)
class ClauseId(Param):
    """A clause id such as ``mentoring.bw``; ``nullable`` accepts null (no clause required)."""

    nullable: bool = False

    @property
    def expected(self) -> str:
        text = "a clause id like category.name (e.g. mentoring.bw)"
        return text + " or null" if self.nullable else text

    def check(self, value):
        if value is None and self.nullable:
            return None
        if not isinstance(value, str) or not CLAUSE_ID.fullmatch(value):
            self.fail(value)
        return value


@dataclass(frozen=True)
class AlternativeClause(Param):
    """A clause id that *may* satisfy a rule by itself, or null. Unlike :class:`ClauseId` it does
    not make the clause required: the clause tools let an overlay remove it."""

    expected = "a clause id like category.name, or null"

    def check(self, value):
        return ClauseId(nullable=True).check(value)


@dataclass(frozen=True)
class ClauseIds(Param):
    """A non-empty list of distinct clause ids."""

    expected = "a non-empty list of clause ids like category.name"

    def check(self, value):
        if not isinstance(value, list) or not value:
            self.fail(value)
        for item in value:
            ClauseId().check(item)
        if len(set(value)) != len(value):
            raise ParamError("a clause id is listed twice")
        return tuple(value)


@dataclass(frozen=True)
class KindCounts(Param):
    """A mapping of party kind → whole number ≥ 0, e.g. ``{powiat: 2, association: 2}``."""

    expected = "a mapping of party kind to a whole number ≥ 0, e.g. {powiat: 2}"

    def check(self, value):
        if not isinstance(value, dict):
            self.fail(value)
        out = {}
        for kind, count in value.items():
            if kind not in PARTY_KINDS:
                raise ParamError(
                    f"'{kind}' is not a party kind; expected one of: {', '.join(PARTY_KINDS)}"
                )
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ParamError(f"{kind}: expected a whole number ≥ 0, found {_describe(count)}")
            out[str(kind)] = count
        return out


# Shorthands for the value sets kinds use most.
def PartyKind(help: str = "") -> Choice:  # noqa: N802 - reads as a type in declarations
    return Choice(help=help, values=PARTY_KINDS)


def PartyKinds(help: str = "", min_items: int = 0) -> Choices:  # noqa: N802
    return Choices(help=help, values=PARTY_KINDS, min_items=min_items)


def DocumentKind(help: str = "", nullable: bool = False) -> Choice:  # noqa: N802
    return Choice(help=help, values=DOCUMENT_ORDER, nullable=nullable)


def PromotionKinds(help: str = "") -> Choices:  # noqa: N802
    return Choices(help=help, values=PROMOTION_KINDS, min_items=1)


def PromotionLevels(help: str = "") -> Choices:  # noqa: N802
    return Choices(help=help, values=PROMOTION_LEVELS, min_items=1)
