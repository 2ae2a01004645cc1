"""Cross-references: ``§[id#anchor]`` outside partner data replaced with the numbers the target
got in this document (``§ 4 ust. 2 pkt 3``, or ``ust. 2 pkt 3`` inside § 4)."""

from __future__ import annotations

import re

from deedgen.assemble.numbering import Address, mark_reference
from deedgen.clauses.messages import Said, clause_error
from deedgen.clauses.model import Clause
from deedgen.document import DOCUMENT_TITLES
from deedgen.exceptions import Location
from deedgen.polish import NBSP
from deedgen.templating import DATA_RE

REFERENCE = re.compile(r"§\[([a-z0-9_.]+)(?:#([A-Za-z0-9_\-]+))?\]")


UNIT_NAMES = {"pl": ("ust.", "pkt", "lit."), "en": ("para.", "point", "letter")}


def format_address(target: Address, here: int | None, lang: str = "pl") -> str:
    """§ 4 ust. 2 pkt 3 lit. a (just "ust. 2 pkt 3" inside § 4); English: § 4 para. 2 point 3."""
    ust, pkt, lit = UNIT_NAMES[lang]
    parts = []
    if target.section != here or (target.ust is None and target.pkt is None):
        parts.append(f"§{NBSP}{target.section}")
    if target.ust is not None:
        parts.append(f"{ust}{NBSP}{target.ust}")
    if target.pkt is not None:
        parts.append(f"{pkt}{NBSP}{target.pkt}")
    if target.lit is not None:
        parts.append(f"{lit}{NBSP}{target.lit}")
    return " ".join(parts)


def resolve_references(
    text: str,
    *,
    clause: Clause,
    here: int | None,
    sections: dict,
    anchors: dict,
    kind: str,
    lang: str,
    marked: bool = False,
    outer: dict | None = None,
) -> str:
    """Replace ``§[id#anchor]`` outside partner data with the target's numbers; *marked* keeps
    each one's target beside it (:func:`~deedgen.assemble.numbering.mark_reference`). *outer*
    (an annex's): the declaration's § numbers, for a § of the declaration named without an
    anchor; printed as plain text, the § being in another file."""
    if "§[" not in text:  # most texts: nothing to resolve
        return text

    def substitute(match: re.Match) -> str:
        target_id, anchor = match.group(1), match.group(2)
        where = Location(file=clause.text(lang).path)
        if target_id not in sections and anchor is None and (outer or {}).get(target_id):
            return format_address(Address(outer[target_id]), None, lang)
        if target_id not in sections:
            target = target_id + ("#" + anchor if anchor else "")
            raise clause_error(
                "build_target_missing", where, clause=clause.id, target=target,
                target_id=target_id, document=_document(kind),
            )  # fmt: skip
        if sections[target_id] is None:
            raise clause_error(
                "build_target_unnumbered", where, clause=clause.id, target_id=target_id
            )
        if anchor is None:
            target = Address(sections[target_id])
            return shown(format_address(target, None, lang), target, False)
        if (target_id, anchor) not in anchors:
            known = sorted(a for c, a in anchors if c == target_id)
            raise clause_error(
                "build_target_anchor", where, clause=clause.id, target_id=target_id,
                anchor=anchor, known=Said(", ".join(known) or "brak", ", ".join(known) or "none"),
            )  # fmt: skip
        target = anchors[(target_id, anchor)]
        local = target.section == here and (target.ust is not None or target.pkt is not None)
        return shown(format_address(target, here, lang), target, local)

    def shown(text: str, target: Address, local: bool) -> str:
        return mark_reference(text, target, local) if marked else text

    pieces, last = [], 0
    for data in DATA_RE.finditer(text):
        pieces.append(REFERENCE.sub(substitute, text[last : data.start()]))
        pieces.append(data.group())
        last = data.end()
    pieces.append(REFERENCE.sub(substitute, text[last:]))
    return "".join(pieces)


def _document(kind: str) -> Said:
    titles = DOCUMENT_TITLES.get(kind, {})
    return Said(titles.get("pl", kind), titles.get("en", kind))
