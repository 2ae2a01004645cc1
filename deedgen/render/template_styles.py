"""The documents' styles — one source for both renderers — and the DOCX side of them: the
templates' named paragraph styles (all formatting is in them, nothing is formatted directly), the
documents' language, and the pruning of the ~160 styles python-docx ships but the templates do
not use (they would make every document larger and slower to convert).

:data:`PARAGRAPH_STYLES` (fonts, sizes, indents, spacing, emphasis, colour) and :data:`PAGE`
(margins) are read by the DOCX template generator here and by the Typst style
(``render/typst/deedgen.typ``, handed :func:`typst_styles` as data): a restyle made in them
reaches the DOCX and the PDF alike. What only one renderer knows stays there — Word's keep-with-
next here, Typst's measures of its own layout (the signature grid, a form kept on one page).
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SERIF = "Liberation Serif"

SANS = "Liberation Sans"

# the body text (the Normal style): font size in pt, space after in pt, line spacing
BODY = {"font": SERIF, "size": 11, "after": 4, "line_spacing": 1.1}

# page margins in cm
PAGE = {"left": 2.2, "right": 2.2, "top": 2.2, "bottom": 2.0}
# the signature block's columns (cm): the Party's name; then each signature, with the date line
# (its width includes the gutter before it) beside the signature line
SIGNATURE = {"party": 7.6, "date": 2.6, "gutter": 0.4}

# every named paragraph style, in the order the templates define them. Keys: align; left and
# hanging indent (cm); space before and after (pt); keep_next; font, size (pt), bold, italic,
# color (hex); base (the style it is based on). What is not given is the body's.
PARAGRAPH_STYLES: dict[str, dict] = {
    "Tytuł dokumentu": {
        "align": "center",
        "before": 6,
        "after": 2,
        "size": 15,
        "bold": True,
        "keep_next": True,
    },
    "Podtytuł": {"align": "center", "after": 12, "size": 12, "italic": True, "keep_next": True},
    "Miejsce i data": {"align": "right", "after": 12},
    "Załącznik": {"align": "right", "after": 8, "size": 9, "italic": True},
    "Paragraf": {"align": "center", "before": 10, "after": 0, "bold": True, "keep_next": True},
    "Tytuł paragrafu": {"align": "center", "after": 6, "bold": True, "keep_next": True},
    "Nagłówek sekcji": {
        "before": 10,
        "after": 4,
        "size": 12,
        "bold": True,
        "keep_next": True,
        "font": SANS,
    },
    "Tekst": {"align": "justify"},
    "Tekst przed tabelą": {"base": "Tekst", "align": "justify", "keep_next": True},
    "Ustęp": {"align": "justify", "hanging": 0.6},
    "Punkt": {"align": "justify", "left": 0.6, "hanging": 0.6, "after": 2},
    "Punkt przed tabelą": {
        "base": "Punkt",
        "align": "justify",
        "left": 0.6,
        "hanging": 0.6,
        "after": 2,
        "keep_next": True,
    },
    "Litera": {"align": "justify", "left": 1.2, "hanging": 0.6, "after": 2},
    "Tiret": {"align": "justify", "left": 1.8, "hanging": 0.5, "after": 2},
    "Część wspólna": {"align": "justify", "left": 0.6, "after": 4},
    "Tabela": {"after": 0, "size": 9.5},
    "Tabela nagłówek": {"after": 0, "size": 9.5, "bold": True},
    # the signature block is a table whose rows never split; no keep_next in it: a table row
    # whose paragraphs keep with the next keeps with the next row, and a block taller than what
    # is left of the page then moved whole to the next one, leaving its heading behind
    "Podpis strona": {"after": 2, "bold": True},
    "Kontrasygnata": {"before": 10, "after": 2, "bold": True},
    "Podpis linia": {"before": 30, "after": 0},
    "Podpis osoba": {"after": 8, "size": 9.5},
    "Podpis koniec": {"after": 0, "size": 1},
    "Nagłówek strony": {"align": "center", "after": 0, "size": 8.5, "italic": True, "font": SANS},
    "Znak projektu": {
        "align": "center",
        "after": 0,
        "size": 11,
        "bold": True,
        "font": SANS,
        "color": "C00000",
    },
    "Stopka": {"align": "center", "after": 0, "size": 8.5, "font": SANS},
    "Pole do wypełnienia": {"before": 2, "after": 8, "color": "595959"},
}

ALIGNMENTS = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
STYLE_DEFAULTS = {
    "align": None,
    "left": 0.0,
    "hanging": 0.0,
    "before": 0,
    "after": BODY["after"],
    "keep_next": False,
    "font": SERIF,
    "size": BODY["size"],
    "bold": False,
    "italic": False,
    "color": None,
}


def typst_styles() -> dict:
    """The styles as the Typst style reads them: every key of every paragraph style given (the
    body's where the table says nothing), the fonts, the body and the page."""
    return {
        "fonts": {"serif": SERIF, "sans": SANS},
        "body": BODY,
        "page": PAGE,
        "signature": SIGNATURE,
        "paragraphs": {
            name: {**STYLE_DEFAULTS, **{k: v for k, v in spec.items() if k != "base"}}
            for name, spec in PARAGRAPH_STYLES.items()
        },
    }


def _font(style, font=SERIF, size=11, bold=None, italic=None, color=None):
    style.font.name = font
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(color)


def _paragraph_style(
    doc,
    name,
    *,
    base="Normal",
    align=None,
    left=0.0,
    hanging=0.0,
    before=0,
    after=4,
    keep_next=False,
    **font,
):
    styles = doc.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if name != "Normal":
        style.base_style = styles[base]
    _font(style, **font)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = ALIGNMENTS[align]
    fmt.left_indent = Cm(left + hanging) if hanging else Cm(left)
    fmt.first_line_indent = Cm(-hanging) if hanging else Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    if hanging:
        tabs = fmt.tab_stops
        tabs.add_tab_stop(Cm(left + hanging))
    return style


def set_language(doc, tag: str = "pl-PL") -> None:
    """The documents' language (spell-checking in Word, /Lang of the PDF LibreOffice writes);
    the renderer switches it for the English rendering."""
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), tag)


def define_styles(doc) -> None:
    set_language(doc)
    normal = doc.styles["Normal"]
    _font(normal, BODY["font"], BODY["size"])
    normal.paragraph_format.space_after = Pt(BODY["after"])
    normal.paragraph_format.line_spacing = BODY["line_spacing"]
    for name, spec in PARAGRAPH_STYLES.items():
        _paragraph_style(doc, name, **spec)


def used_styles(doc) -> set[str]:
    ids = set()
    parts = [doc.part] + [
        rel.target_part
        for rel in doc.part.rels.values()
        if "header" in rel.reltype or "footer" in rel.reltype
    ]
    for part in parts:
        for el in part.element.iter():
            if el.tag in (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle")):
                ids.add(el.get(qn("w:val")))
    return ids


def prune_styles(doc) -> None:
    """Drop the styles and latent styles no paragraph uses (python-docx ships ~160 of them)."""
    styles_el = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    keep = used_styles(doc) | {
        s.get(qn("w:styleId")) for s in by_id.values() if s.get(qn("w:default")) == "1"
    }
    stack = list(keep)
    while stack:
        style = by_id.get(stack.pop())
        if style is None:
            continue
        for link in ("w:basedOn", "w:next", "w:link"):
            el = style.find(qn(link))
            if el is not None and el.get(qn("w:val")) not in keep:
                keep.add(el.get(qn("w:val")))
                stack.append(el.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles_el.remove(style)
    latent = styles_el.find(qn("w:latentStyles"))
    if latent is not None:
        styles_el.remove(latent)
