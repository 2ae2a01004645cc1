"""Cross-references of a § document as Word fields: the „§ 5” and the „2” of „§ 5 ust. 2” are
``REF <bookmark> \\n \\h`` fields to bookmarks on the paragraphs they name (the § heading, the
ustęp), their cached results the text the assembly resolved — the file reads the same before any
field update, and after an editor inserts a § or an ustęp and the fields are updated (F9 in Word;
LibreOffice on load) the numbers follow the list.

``\\n`` prints the referenced paragraph's own label without a trailing full stop and without
the levels above it: „§ 5” for a § (the list prints „§ 5”) and „2” for an ustęp („2.”), the same
in Word and in LibreOffice (7.4, tested in ``tests/render/test_docx_numbering.py``). A punkt or a
litera stays typed: their labels are „3)” and „a)”, and the reference must read „pkt 3” — Word's
``\\t`` would drop the parenthesis but LibreOffice ignores that switch and would print „pkt 3)”,
so no field form reads the same in both. (Word's ``\\w`` full context would print the list's
labels „§ 5 2.”, not the Polish „§ 5 ust. 2”, so each number is its own field.)
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

from deedgen.document import Reference, Section

# The numbers of a resolved address follow a non-breaking space: „§ 5 ust. 2 pkt 3 lit. a”.
_NUMBER = re.compile("(?<=\u00a0)[0-9a-z]+")
SECTION_SIGN = "§\u00a0"  # what the § level of the list prints before the number


def bookmark_name(address: tuple) -> str:
    """A hidden bookmark (Word hides names starting with "_") for a unit's address prefix."""
    return "_Ref_" + "_".join("0" if part is None else str(part) for part in address)


def _inert(text: str) -> str:
    """Escaped text whose braces docxtpl's post-render rewriting cannot touch (see docx.py)."""
    escaped = str(escape(text))
    return escaped.replace("{_", "{&#95;").replace("_}", "&#95;}") if "_" in escaped else escaped


# NIP („819-093-78-65”), postal codes and other numbers joined by hyphens: their hyphens become
# Word's non-breaking hyphen, so no line ends inside them. Tested against LibreOffice: it keeps the
# number on one line and pdftotext still reads a plain „-” (a typed U+2011 would be a different
# character in the DOCX text); python-docx reads the element as „-” too.
_HYPHENATED_NUMBER = re.compile(r"(?<![\w-])\d+(?:-\d+)+(?![\w-])")
NO_BREAK_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def _text(text: str) -> str:
    """A piece of a unit's text, escaped, with hyphenated numbers unbreakable."""
    escaped = _inert(text)
    if "-" not in escaped:  # most units: skip the regular expression
        return escaped
    return _HYPHENATED_NUMBER.sub(_unbreakable, escaped)


def _unbreakable(match: re.Match) -> str:
    return match.group().replace("-", NO_BREAK_HYPHEN)


TEXT_RUN_BREAK = '</w:t></w:r>{}<w:r><w:t xml:space="preserve">'


def _field(name: str, cached: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> REF {name} \\n \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{_inert(cached)}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def reference_targets(reference: Reference) -> list[tuple]:
    """The address prefix of each number the reference shows, in its text's order."""
    section, ust, pkt, lit = reference.target
    levels = [] if reference.local else [(section,)]
    if ust is not None:
        levels.append((section, ust))
    if pkt is not None:
        levels.append((section, ust, pkt))
    if lit is not None:
        levels.append((section, ust, pkt, lit))
    return levels


def fielded(address: tuple) -> bool:
    """Whether a reference shows this number as a field: a § („§ 5”) or an ustęp („2”) — see the
    module's note on why a punkt or a litera stays typed."""
    return len(address) <= 2


@functools.lru_cache(maxsize=16384)
def with_fields(text: str, references: tuple[Reference, ...], before: str = "") -> Markup:
    """A unit's text for the template's run (escaped), each reference's § and ust. as REF fields;
    *before*: run XML to put first (a :func:`bookmark`). Remembered: most units are the same
    text in coalition after coalition."""
    if not references:
        return Markup(before + _text(text))
    pieces, last = [before], 0
    for reference in references:
        pieces.append(_text(text[last : reference.start]))
        shown = text[reference.start : reference.end]
        at = 0
        for match, address in zip(
            _NUMBER.finditer(shown), reference_targets(reference), strict=True
        ):
            if not fielded(address):
                continue
            start = match.start() - len(SECTION_SIGN) if len(address) == 1 else match.start()
            pieces.append(_text(shown[at:start]))
            field = _field(bookmark_name(address), shown[start : match.end()])
            pieces.append(TEXT_RUN_BREAK.format(field))
            at = match.end()
        pieces.append(_text(shown[at:]))
        last = reference.end
    pieces.append(_text(text[last:]))
    return Markup("".join(pieces))


def bookmark(name: str, bookmark_id: int) -> str:
    """A bookmark at the start of a paragraph, run XML to put before its text in the template's run."""
    return TEXT_RUN_BREAK.format(
        f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>'
        f'<w:bookmarkEnd w:id="{bookmark_id}"/>'
    )


def unit_addresses(section: Section) -> list[tuple]:
    """The address of each unit of a numbered § (None for a unit that is not numbered)."""
    ust = pkt = lit = None
    addresses = []
    for unit in section.units:
        if unit.kind == "ust" and unit.label:
            ust, pkt, lit = int(unit.label.rstrip(".")), None, None
            addresses.append((section.number, ust))
        elif unit.kind == "pkt":
            pkt, lit = int(unit.label.rstrip(")")), None
            addresses.append((section.number, ust, pkt))
        elif unit.kind == "lit":
            lit = unit.label.rstrip(")")
            addresses.append((section.number, ust, pkt, lit))
        else:
            addresses.append(None)
    return addresses


def referenced(sections) -> set[tuple]:
    """Every address prefix some reference of the document shows a number of."""
    return {
        address
        for section in sections
        for unit in section.units
        for reference in unit.references
        for address in reference_targets(reference)
        if fielded(address)
    }
