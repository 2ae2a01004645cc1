"""Word's own multi-level list for the units of a § document: § → ust. → pkt → lit. → tiret.

The numbered documents' templates carry one abstract numbering definition (``numbering.xml``)
whose levels print „§ 1”, „1.”, „1)”, „a)” and „–”; each § heading and each ustęp, punkt, litera
and tiret of a § is a paragraph of that list at its level, so an editor who inserts a § or an
ustęp in Word or LibreOffice sees the following numbers move. A level restarts after any higher
level (Word's default), which is what a § / ust. / pkt hierarchy wants. A § with a single ustęp
prints it unnumbered: that paragraph is not in the list, and its punkty restart after the §.

The text of such a paragraph no longer holds its number, so whoever reads a DOCX's text (tests,
golden files) expands the labels with :func:`list_labels`, which follows the same rules as Word
for what this definition uses.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from deedgen.assemble.numbering import letter

LIST_ID = 1  # the one list instance (w:num) of a numbered document

# (level text, number format, what follows the label, paragraph style) per level: § heading,
# ust., pkt, lit., tiret. "§\u00a0%1": a non-breaking space, as in the references' „§ 5”.
LEVELS = (
    ("§\u00a0%1", "decimal", "nothing", "Paragraf"),
    ("%2.", "decimal", "tab", "Ustęp"),
    ("%3)", "decimal", "tab", "Punkt"),
    ("%4)", "lowerLetter", "tab", "Litera"),
    ("–", "bullet", "tab", "Tiret"),
)
UNIT_LEVELS = {"section": 0, "ust": 1, "pkt": 2, "lit": 3, "tir": 4}


def numbering_xml() -> str:
    """The definition, its elements in the schema's order (Word refuses a file otherwise)."""
    levels = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for index, (text, fmt, suffix, _) in enumerate(LEVELS)
    )
    return (
        f"<w:numbering {nsdecls('w')}>"
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}'
        f'</w:abstractNum><w:num w:numId="{LIST_ID}"><w:abstractNumId w:val="0"/></w:num>'
        "</w:numbering>"
    )


def add_numbering(doc) -> None:
    """Give *doc* (a python-docx Document, its styles defined) the units' numbering definition as
    its numbering part. Each level carries the indents and tab stops of its paragraph style:
    LibreOffice lets a list level's indents (zero when absent) override the style's, Word takes the
    style's; copied, both place label and text where the typed labels were."""
    numbering = parse_xml(numbering_xml())
    for lvl, (*_, style_name) in zip(numbering.iter(qn("w:lvl")), LEVELS, strict=True):
        style_p_pr = doc.styles[style_name].element.find(qn("w:pPr"))
        p_pr = OxmlElement("w:pPr")
        for name in ("w:tabs", "w:ind"):
            element = style_p_pr.find(qn(name))
            if element is not None:
                p_pr.append(copy.deepcopy(element))
        lvl.append(p_pr)
    doc.part.numbering_part._element = numbering


def number_paragraph(paragraph, level: int) -> None:
    """Make *paragraph* an item of the units' list at *level* (0 = §)."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), str(LIST_ID))
    num_pr.append(ilvl)
    num_pr.append(num_id)
    p_pr.append(num_pr)


# --- reading the labels back -----------------------------------------------------------------------

SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}


def _format(number: int, fmt: str) -> str:
    return letter(number - 1) if fmt == "lowerLetter" else str(number)


def _definitions(doc) -> dict[str, list[tuple[str, str, str]]]:
    """numId → its levels (text, format, suffix), from the document's numbering part."""
    try:
        numbering = doc.part.numbering_part.element
    except NotImplementedError:  # a document without lists
        return {}
    abstract = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        levels = []
        for lvl in definition.findall(qn("w:lvl")):
            suffix = lvl.find(qn("w:suff"))
            levels.append(
                (
                    lvl.find(qn("w:lvlText")).get(qn("w:val")),
                    lvl.find(qn("w:numFmt")).get(qn("w:val")),
                    "tab" if suffix is None else suffix.get(qn("w:val")),
                )
            )
        abstract[definition.get(qn("w:abstractNumId"))] = levels
    return {
        num.get(qn("w:numId")): abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for num in numbering.findall(qn("w:num"))
    }


def list_labels(doc) -> dict:
    """The label Word prints before each numbered paragraph of *doc*'s body, with what follows it
    („§ 3”, „2.\\t”, „a)\\t”), keyed by the paragraph's XML element. Counters per list; a level
    restarts after any higher level; paragraphs outside a list do not touch the counters."""
    definitions = _definitions(doc)
    counters: dict[str, list[int]] = {}
    labels = {}
    for p in doc.element.body.iter(qn("w:p")):
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        if num_id not in definitions:
            continue
        level = int(num_pr.find(qn("w:ilvl")).get(qn("w:val")))
        levels = definitions[num_id]
        counts = counters.setdefault(num_id, [0] * len(levels))
        counts[level] += 1
        counts[level + 1 :] = [0] * (len(levels) - level - 1)
        text, _, suffix = levels[level]
        for index, (_, fmt, _) in enumerate(levels[: level + 1]):
            text = text.replace(f"%{index + 1}", _format(max(counts[index], 1), fmt))
        labels[p] = text + SUFFIXES[suffix]
    return labels
