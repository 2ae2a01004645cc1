"""The templates' named paragraph styles (all formatting is in them, nothing is formatted
directly), the documents' language, and the pruning of the ~160 styles python-docx ships but the
templates do not use (they would make every document larger and slower to convert)."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SERIF = "Liberation Serif"

SANS = "Liberation Sans"


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
        style.font.color.rgb = color


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
        fmt.alignment = align
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
    justify, center = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    right = WD_ALIGN_PARAGRAPH.RIGHT
    normal = doc.styles["Normal"]
    _font(normal, SERIF, 11)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    _paragraph_style(
        doc, "Tytuł dokumentu", align=center, before=6, after=2, size=15, bold=True, keep_next=True
    )
    _paragraph_style(doc, "Podtytuł", align=center, after=12, size=12, italic=True, keep_next=True)
    _paragraph_style(doc, "Miejsce i data", align=right, after=12)
    _paragraph_style(doc, "Załącznik", align=right, after=8, size=9, italic=True)
    _paragraph_style(doc, "Paragraf", align=center, before=10, after=0, bold=True, keep_next=True)
    _paragraph_style(doc, "Tytuł paragrafu", align=center, after=6, bold=True, keep_next=True)
    _paragraph_style(
        doc, "Nagłówek sekcji", before=10, after=4, size=12, bold=True, keep_next=True, font=SANS
    )
    _paragraph_style(doc, "Tekst", align=justify)
    _paragraph_style(doc, "Tekst przed tabelą", base="Tekst", align=justify, keep_next=True)
    _paragraph_style(doc, "Ustęp", align=justify, hanging=0.6)
    _paragraph_style(doc, "Punkt", align=justify, left=0.6, hanging=0.6, after=2)
    _paragraph_style(
        doc,
        "Punkt przed tabelą",
        base="Punkt",
        align=justify,
        left=0.6,
        hanging=0.6,
        after=2,
        keep_next=True,
    )
    _paragraph_style(doc, "Litera", align=justify, left=1.2, hanging=0.6, after=2)
    _paragraph_style(doc, "Tiret", align=justify, left=1.8, hanging=0.5, after=2)
    _paragraph_style(doc, "Część wspólna", align=justify, left=0.6, after=4)
    _paragraph_style(doc, "Tabela", after=0, size=9.5)
    _paragraph_style(doc, "Tabela nagłówek", after=0, size=9.5, bold=True)
    _paragraph_style(doc, "Podpis strona", after=2, bold=True, keep_next=True)
    _paragraph_style(doc, "Kontrasygnata", before=10, after=2, bold=True, keep_next=True)
    _paragraph_style(doc, "Podpis linia", before=30, after=0, keep_next=True)
    _paragraph_style(doc, "Podpis osoba", after=8, size=9.5)
    _paragraph_style(
        doc, "Nagłówek strony", align=center, after=0, size=8.5, italic=True, font=SANS
    )
    _paragraph_style(
        doc,
        "Znak projektu",
        align=center,
        after=0,
        size=11,
        bold=True,
        font=SANS,
        color=RGBColor(0xC0, 0x00, 0x00),
    )
    _paragraph_style(doc, "Stopka", align=center, after=0, size=8.5, font=SANS)
    _paragraph_style(
        doc, "Pole do wypełnienia", before=2, after=8, color=RGBColor(0x59, 0x59, 0x59)
    )


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
