"""How much text and how many items a value holds — :func:`weight`, the measure the size cap of
:mod:`deedgen.template_limits` refuses by — and, within one coalition's assembly, two ways to
weigh its data without walking the party records again for every clause:

* :func:`weight` remembers the weight of each dict, list or tuple it was asked for;
* :func:`fits` answers "certainly under the cap?" from an upper bound: any value reachable from
  the coalition's context weighs at most the context itself (a traversal from inside visits a
  part of what the traversal from the top visits), so a fresh list of party records weighs at
  most its own items plus the context's weight. Only when the bound is over the cap is the
  value weighed exactly: what is refused, and the size a refusal reports, are as before.

Both hold only while no render can change the data: the clause sandbox is immutable, and a
coalition's context is final before its documents render (:func:`remembered_weights`).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

MAX_TEXT_LENGTH = 1_000_000  # characters; the longest clause of the central library has ~3,000
_CONTAINERS = (dict, list, tuple, set, frozenset)


class _Known:
    """One coalition's context: the ids of its containers, and its weight (the ceiling of the
    weight of anything in it); the remembered weights."""

    __slots__ = ("ids", "ceiling", "memo", "context")

    def __init__(self, context) -> None:
        self.memo: dict = {}
        self.context = context  # held: its containers' ids stay theirs
        self.ids = _container_ids(context) if context is not None else frozenset()
        self.ceiling = _weight(context, MAX_TEXT_LENGTH) if context is not None else 0


_known: ContextVar[_Known | None] = ContextVar("deedgen_weights", default=None)


@contextmanager
def remembered_weights(context=None):
    """Within this block, the weight of a dict, list or tuple is counted once and remembered,
    and :func:`fits` bounds what is in *context* (which must not change meanwhile). Each
    remembered object is held, so that its ``id`` is not reused."""
    token = _known.set(_Known(context))
    try:
        yield
    finally:
        _known.reset(token)


def _container_ids(root) -> frozenset:
    ids, pending = set(), [root]
    while pending:
        item = pending.pop()
        if isinstance(item, _CONTAINERS) and id(item) not in ids:
            ids.add(id(item))
            pending.extend(item.values() if isinstance(item, dict) else item)
            if isinstance(item, dict):
                pending.extend(item.keys())
    return frozenset(ids)


def weight(value, limit: int = MAX_TEXT_LENGTH) -> int:
    """Characters and items in *value*, nested lists counted in full each time they appear — an
    upper bound of its printed length, good enough to refuse; counting stops once past *limit*.
    A dict is counted once: partner records refer to each other (a party, its contributions)."""
    known = _known.get()
    if known is None or not isinstance(value, dict | list | tuple):
        return _weight(value, limit)
    key = (id(value), limit)
    found = known.memo.get(key)
    if found is None:
        found = known.memo[key] = (value, _weight(value, limit))
    return found[1]


def fits(value, room: int = MAX_TEXT_LENGTH) -> bool:
    """True when *value* certainly weighs no more than *room* (its bound does not); False when
    it may — then the caller weighs it exactly."""
    return bound(value) <= room


def bound(value) -> int:
    """An upper bound of :func:`weight` (the weight itself outside a coalition's assembly)."""
    known = _known.get()
    if known is None or known.ceiling > MAX_TEXT_LENGTH:
        return weight(value)
    if id(value) in known.ids:
        return known.ceiling
    if type(value) is str:
        return len(value) + 1
    total, shared, pending, seen = 0, False, [value], set()
    while pending and total <= MAX_TEXT_LENGTH:
        item = pending.pop()
        if id(item) in known.ids:  # the context's: a dict adds its push, the context once
            if isinstance(item, dict):
                total, shared = total + 1, True
            else:  # a list is counted in full every time it appears
                total += known.ceiling
            continue
        total += _weigh_item(item, MAX_TEXT_LENGTH - total, pending, seen)
    return total + (known.ceiling if shared else 0)


def _weight(value, limit: int) -> int:
    # The exact types first (one comparison each, most of what is weighed); a subclass or any
    # other type takes the general path, in the same order, so the count is the same.
    total, pending, seen = 0, [value], set()
    while pending and total <= limit:
        item = pending.pop()
        kind = type(item)
        if kind is str:
            total += len(item) + 1
        elif kind is dict and id(item) not in seen:
            seen.add(id(item))
            total += len(item) + 1
            if total <= limit:
                pending.extend(item.keys())
                pending.extend(item.values())
        elif kind is list or kind is tuple:
            total += len(item) + 1
            if total <= limit:
                pending.extend(item)
        elif item is None or kind is bool:
            total += 1
        else:
            total += _weigh_item(item, limit - total, pending, seen)
    return total


def _weigh_item(item, room: int, pending: list, seen: set) -> int:
    """What *item* adds to a weight (its items go on *pending* while there is *room*)."""
    if isinstance(item, str | bytes):
        return len(item) + 1
    if isinstance(item, int):
        return item.bit_length() // 3 + 1
    if isinstance(item, list | tuple | set | frozenset):
        if len(item) + 1 <= room:
            pending.extend(item)
        return len(item) + 1
    if isinstance(item, dict) and id(item) not in seen:
        seen.add(id(item))
        if len(item) + 1 <= room:
            pending.extend(item.keys())
            pending.extend(item.values())
        return len(item) + 1
    return 1
