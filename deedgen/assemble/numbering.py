"""Numbers and labels: every anchored unit's address (§, ust., pkt, lit.) in this document, and
the tree flattened into labelled units ``1.``, ``1)``, ``a)``, ``–`` with their final punctuation."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

from deedgen.assemble.punctuation import punctuate
from deedgen.assemble.units import Node
from deedgen.clauses.messages import clause_error
from deedgen.document import Reference, Unit
from deedgen.polish import typography
from deedgen.templating import unmark

CHILD = {"ust": "pkt", "pkt": "lit", "lit": "tir"}

# A resolved cross-reference travels through punctuation and typography between private-use
# marks carrying its target, and becomes a Reference of its unit (for the DOCX's REF fields).
REF_OPEN, REF_SEP, REF_CLOSE = "\ue002", "\ue003", "\ue004"
_MARKED = re.compile(f"{REF_OPEN}([^{REF_SEP}]*){REF_SEP}([^{REF_CLOSE}]*){REF_CLOSE}")


@dataclass(frozen=True)
class Address:
    section: int | None
    ust: int | None = None
    pkt: int | None = None
    lit: str | None = None


def mark_reference(text: str, target: Address, local: bool) -> str:
    """*text* (the resolved address) marked with its *target* for :func:`take_references`."""
    levels = (target.section, target.ust, target.pkt, target.lit)
    payload = ",".join("" if level is None else str(level) for level in levels)
    return f"{REF_OPEN}{payload}{'L' if local else ''}{REF_SEP}{text}{REF_CLOSE}"


def take_references(text: str) -> tuple[str, tuple[Reference, ...]]:
    """*text* without the reference marks, and the references at their places in it."""
    if REF_OPEN not in text:
        return text, ()
    pieces, references, last, length = [], [], 0, 0
    for match in _MARKED.finditer(text):
        before = text[last : match.start()]
        pieces.append(before)
        length += len(before)
        payload, shown = match.group(1), match.group(2)
        local = payload.endswith("L")
        section, ust, pkt, lit = payload.rstrip("L").split(",")
        target = (
            int(section) if section else None,
            int(ust) if ust else None,
            int(pkt) if pkt else None,
            lit or None,
        )
        references.append(Reference(length, length + len(shown), target, local))
        pieces.append(shown)
        length += len(shown)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), tuple(references)


def letter(index: int) -> str:
    """The *index*-th (from 0) letter of a list: a … z, aa … zz, aaa … (never runs out)."""
    letters, label = string.ascii_lowercase, ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


def _register(anchors, clause_id, node, address, where):
    if node.anchor:
        key = (clause_id, node.anchor)
        if key in anchors:
            raise clause_error("build_anchor_twice", where, clause=clause_id, anchor=node.anchor)
        anchors[key] = address


def number_anchors(clause_id: str, usts: list[Node], section: int | None, where) -> dict:
    anchors: dict = {}
    single = len(usts) == 1
    for ust_index, ust in enumerate(usts, 1):
        ust_no = None if single else ust_index
        _register(anchors, clause_id, ust, Address(section, ust_no), where)
        for pkt_no, pkt in enumerate(ust.children, 1):
            _register(anchors, clause_id, pkt, Address(section, ust_no, pkt_no), where)
            for lit_index, lit in enumerate(pkt.children):
                address = Address(section, ust_no, pkt_no, letter(lit_index))
                _register(anchors, clause_id, lit, address, where)
    return anchors


def flatten(usts: list[Node], resolve) -> tuple[Unit, ...]:
    units: list[tuple] = []  # (kind, label, text, anchor): each becomes a Unit at the end
    single = len(usts) == 1

    def items(nodes: list[Node], kind: str, parent_end: str) -> None:
        separator = ";" if kind == "pkt" else ","
        for i, node in enumerate(nodes):
            last = i == len(nodes) - 1
            end = parent_end if last else separator
            label = {"pkt": f"{i + 1})", "lit": f"{letter(i)})", "tir": "–"}[kind]
            text = resolve(node.text)
            if node.children:
                units.append((kind, label, unmark(text), node.anchor))
                items(node.children, CHILD[kind], end)
            else:
                units.append((kind, label, unmark(punctuate(text, end)), node.anchor))

    for ust_no, ust in enumerate(usts, 1):
        label = "" if single else f"{ust_no}."
        if ust.text or not ust.children:
            units.append(("ust", label, unmark(resolve(ust.text)), ust.anchor))
        elif label:
            units.append(("ust", label, "", ust.anchor))
        if ust.children:
            items(ust.children, "pkt", "" if ust.closing is not None else ".")
        if ust.closing is not None:
            units.append(("wsp", "", "– " + unmark(resolve(ust.closing)).lstrip("–— "), None))
    final = []
    for kind, label, text, anchor in units:
        text, references = _finished(text)
        final.append(Unit(kind, label, text, anchor, references))
    return tuple(final)


@functools.lru_cache(maxsize=16384)
def _finished(text: str) -> tuple[str, tuple[Reference, ...]]:
    """A unit's final text and references; the same unit text recurs coalition after coalition."""
    return take_references(typography(text))
