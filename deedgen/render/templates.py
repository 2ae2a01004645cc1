"""Build the DOCX templates under ``templates/`` (real Word documents with styles and docxtpl tags).

    python -m deedgen.render.templates        # rewrite templates/*.docx

The templates are committed: a mentor may restyle them in Word or LibreOffice (change a style's
font, spacing, margins) without touching code; this builder only makes the first version. All
formatting is in named paragraph styles — nothing is formatted directly — and the styles python-docx
ships but the templates do not use are pruned (they would make every document larger and slower to
convert).
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from deedgen.resources import TEMPLATES

TEMPLATE_DIR = TEMPLATES
SERIF = "Liberation Serif"
SANS = "Liberation Sans"
FONTS = (SERIF, SANS)  # the fonts the templates name; `deedgen doctor` checks they are installed


# --- styles ---------------------------------------------------------------------------------------


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
    J, C, R = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    normal = doc.styles["Normal"]
    _font(normal, SERIF, 11)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    _paragraph_style(
        doc, "Tytuł dokumentu", align=C, before=6, after=2, size=15, bold=True, keep_next=True
    )
    _paragraph_style(doc, "Podtytuł", align=C, after=12, size=12, italic=True, keep_next=True)
    _paragraph_style(doc, "Miejsce i data", align=R, after=12)
    _paragraph_style(doc, "Załącznik", align=R, after=8, size=9, italic=True)
    _paragraph_style(doc, "Paragraf", align=C, before=10, after=0, bold=True, keep_next=True)
    _paragraph_style(doc, "Tytuł paragrafu", align=C, after=6, bold=True, keep_next=True)
    _paragraph_style(
        doc, "Nagłówek sekcji", before=10, after=4, size=12, bold=True, keep_next=True, font=SANS
    )
    _paragraph_style(doc, "Tekst", align=J)
    _paragraph_style(doc, "Ustęp", align=J, hanging=0.6)
    _paragraph_style(doc, "Punkt", align=J, left=0.6, hanging=0.6, after=2)
    _paragraph_style(doc, "Litera", align=J, left=1.2, hanging=0.6, after=2)
    _paragraph_style(doc, "Tiret", align=J, left=1.8, hanging=0.5, after=2)
    _paragraph_style(doc, "Część wspólna", align=J, left=0.6, after=4)
    _paragraph_style(doc, "Tabela", after=0, size=9.5)
    _paragraph_style(doc, "Tabela nagłówek", after=0, size=9.5, bold=True)
    _paragraph_style(doc, "Podpis strona", after=2, bold=True, keep_next=True)
    _paragraph_style(doc, "Podpis linia", before=30, after=0, keep_next=True)
    _paragraph_style(doc, "Podpis osoba", after=8, size=9.5)
    _paragraph_style(doc, "Nagłówek strony", align=C, after=0, size=8.5, italic=True, font=SANS)
    _paragraph_style(
        doc,
        "Znak projektu",
        align=C,
        after=0,
        size=11,
        bold=True,
        font=SANS,
        color=RGBColor(0xC0, 0x00, 0x00),
    )
    _paragraph_style(doc, "Stopka", align=C, after=0, size=8.5, font=SANS)
    _paragraph_style(
        doc, "Pole do wypełnienia", before=2, after=8, color=RGBColor(0x59, 0x59, 0x59)
    )


# --- helpers to write tagged paragraphs --------------------------------------------------------------


def para(doc_or_cell, text="", style="Tekst"):
    paragraph = doc_or_cell.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def tag(doc_or_cell, text):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    return doc_or_cell.add_paragraph(text, style="Normal")


def labelled(doc, style, label="{{ b.label }}", text="{{ b.text }}"):
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label)
    paragraph.add_run("\t")
    paragraph.add_run(text)
    return paragraph


def field(paragraph, instruction):
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def page_setup(doc, landscape=False):
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    header = section.header
    first = header.paragraphs[0]
    first.style = doc.styles["Nagłówek strony"]
    first.add_run("{{ coalition_name }}")
    tag(header, "{%p if draft %}")
    para(header, "{{ L.draft_mark }}", "Znak projektu")
    tag(header, "{%p endif %}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Stopka"]
    footer.add_run("{{ L.page }} ")
    field(footer, "PAGE")
    footer.add_run(" {{ L.of }} ")
    field(footer, "NUMPAGES")


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def data_table(doc, headers, cells, loop, widths=None, row_height=None):
    """A table: a repeated header row, then one row per item of *loop* (a docxtpl row loop);
    *row_height* (cm) leaves room to write by hand in forms."""
    table = doc.add_table(rows=4, cols=len(headers))
    grid_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_header(table.rows[0])
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.paragraphs[0].style = doc.styles["Tabela nagłówek"]
        cell.paragraphs[0].add_run(header)
        body = table.rows[2].cells[i]
        body.paragraphs[0].style = doc.styles["Tabela"]
        body.paragraphs[0].add_run(cells[i])
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if widths:
        set_widths(table, widths)
    if row_height:
        from docx.enum.table import WD_ROW_HEIGHT_RULE

        table.rows[2].height = Cm(row_height)
        table.rows[2].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return table


def grid_borders(table) -> None:
    """Thin black lines around and between the cells, set on the table itself rather than
    through the "Table Grid" style: LibreOffice resolves a table style's conditional formatting
    cell by cell on import, which cost a fifth of the conversion time of the table-heavy action
    plan and evaluation forms. The look in Word and in the PDF is the same."""
    tbl_pr = table._tbl.tblPr
    for name in ("w:tblStyle", "w:tblLook"):
        for element in tbl_pr.findall(qn(name)):
            tbl_pr.remove(element)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.append(borders)


def set_widths(table, widths):
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)


def blocks_loop(doc, source="blocks"):
    """The body of a § document: one paragraph per unit, each kind in its own style."""
    tag(doc, f"{{%p for b in {source} %}}")
    tag(doc, '{%p if b.kind == "section" %}')
    para(doc, "{{ b.heading }}", "Paragraf")
    para(doc, "{{ b.title }}", "Tytuł paragrafu")
    tag(doc, '{%p elif b.kind == "ust" %}')
    labelled(doc, "Ustęp")
    tag(doc, '{%p elif b.kind == "pkt" %}')
    labelled(doc, "Punkt")
    tag(doc, '{%p elif b.kind == "lit" %}')
    labelled(doc, "Litera")
    tag(doc, '{%p elif b.kind == "tir" %}')
    labelled(doc, "Tiret")
    tag(doc, '{%p elif b.kind == "wsp" %}')
    para(doc, "{{ b.text }}", "Część wspólna")
    tag(doc, "{%p else %}")
    para(doc, "{{ b.text }}", "Tekst")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def slot_loop(doc, slot):
    tag(doc, f"{{%p for b in slots.{slot} %}}")
    tag(doc, '{%p if b.kind in ("pkt", "lit", "tir") %}')
    labelled(doc, "Punkt")
    tag(doc, "{%p else %}")
    para(doc, "{{ b.text }}", "Tekst")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def signature_block(doc):
    para(doc, "{{ signatures_heading }}", "Nagłówek sekcji")
    table = doc.add_table(rows=3, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for s in signature_parties %}")
    left, right = table.rows[1].cells
    set_widths(table, [7.6, 9.0])
    left.paragraphs[0].style = doc.styles["Podpis strona"]
    left.paragraphs[0].add_run("{{ s.party_name }}")
    right.paragraphs[0].style = doc.styles["Normal"]
    right.paragraphs[0].add_run("{%p for r in s.lines %}")
    para(right, "……………………………………………", "Podpis linia")
    para(right, "{{ r.person }}, {{ r.function }}", "Podpis osoba")
    tag(right, "{%p endfor %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    tag(doc, "{%p if countersignature %}")
    para(doc, "{{ L.countersignature }}", "Podpis strona")
    para(doc, "……………………………………………", "Podpis linia")
    para(doc, "{{ countersignature.person }}, {{ countersignature.function }}", "Podpis osoba")
    tag(doc, "{%p endif %}")


def findings_block(doc):
    tag(doc, "{%p if findings %}")
    para(doc, "{{ L.findings }}", "Nagłówek sekcji")
    tag(doc, "{%p for f in findings %}")
    labelled(doc, "Punkt", "{{ loop.index }})", "{{ f }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


# --- the four documents ------------------------------------------------------------------------------


def new_document(landscape=False):
    doc = Document()
    # python-docx's default document carries one empty paragraph; start from an empty body.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    define_styles(doc)
    page_setup(doc, landscape)
    return doc


def title_block(doc, *, annex: bool = False, dated: bool = False):
    """The lines above the body: the annex line or the place and date, the title, the coalition."""
    if annex:
        para(doc, "{{ annex_line }}", "Załącznik")
    if dated:
        para(doc, "{{ place_and_date }}", "Miejsce i data")
    para(doc, "{{ title_upper }}", "Tytuł dokumentu")
    para(doc, "{{ coalition_name }}", "Podtytuł")


def declaration_template():
    doc = new_document()
    title_block(doc)
    blocks_loop(doc)
    signature_block(doc)
    findings_block(doc)
    return doc


def preliminary_template():
    doc = new_document()
    title_block(doc, dated=True)
    blocks_loop(doc)
    signature_block(doc)
    findings_block(doc)
    return doc


def action_plan_template():
    doc = new_document(landscape=True)
    title_block(doc, annex=True)
    slot_loop(doc, "intro")
    para(doc, "1. {{ L.parties_contributions }}", "Nagłówek sekcji")
    data_table(
        doc,
        ["{{ L.party }}", "{{ L.resource }}", "{{ L.contribution }}"],
        ["{{ c.party }}", "{{ c.resource }}", "{{ c.description }}"],
        "c in contributions",
        [9, 3.5, 13],
    )
    para(doc, "2. {{ L.team }}", "Nagłówek sekcji")
    slot_loop(doc, "team")
    data_table(
        doc,
        ["{{ L.no }}", "{{ L.name }}", "{{ L.institution }}", "{{ L.role }}"],
        ["{{ loop.index }}", "{{ m.name }}", "{{ m.party }}", "{{ m.role }}"],
        "m in team",
        [1.2, 7, 12, 4],
    )
    para(doc, "3. {{ L.actions }}", "Nagłówek sekcji")
    slot_loop(doc, "actions")
    data_table(
        doc,
        [
            "{{ L.no }}",
            "{{ L.action }}",
            "{{ L.problem }}",
            "{{ L.lead }}",
            "{{ L.partners }}",
            "{{ L.period }}",
            "{{ L.budget }}",
        ],
        [
            "{{ a.no }}",
            "{{ a.title }}",
            "{{ a.problem }}",
            "{{ a.lead }}",
            "{{ a.partners }}",
            "{{ a.period }}",
            "{{ a.budget }}",
        ],
        "a in actions",
        [1.2, 5.5, 5.5, 4, 4.5, 3.2, 2.6],
    )
    para(doc, "4. {{ L.calendar }}", "Nagłówek sekcji")
    slot_loop(doc, "calendar")
    data_table(
        doc,
        ["{{ L.quarter }}", "{{ L.action }}", "{{ L.micro_success }}"],
        ["{{ c.quarter }}", "{{ c.action }}", "{{ c.micro }}"],
        "c in calendar",
        [3.5, 8, 14],
    )
    para(doc, "5. {{ L.promotion }}", "Nagłówek sekcji")
    slot_loop(doc, "promotion")
    data_table(
        doc,
        ["{{ L.quarter }}", "{{ L.kind }}", "{{ L.level }}", "{{ L.audience }}"],
        ["{{ e.quarter }}", "{{ e.kind }}", "{{ e.level }}", "{{ e.audience }}"],
        "e in promotion",
        [3.5, 7, 3, 12],
    )
    para(doc, "6. {{ L.evaluation }}", "Nagłówek sekcji")
    slot_loop(doc, "evaluation")
    para(doc, "{{ L.evaluation_when }}: {{ evaluation_when }}", "Tekst")
    para(doc, "{{ L.evaluation_method }}: {{ evaluation_method }}", "Tekst")
    para(doc, "{{ L.evaluation_recipients }}: {{ evaluation_recipients }}", "Tekst")
    findings_block(doc)
    return doc


def evaluation_forms_template():
    doc = new_document()
    title_block(doc, annex=True)
    para(doc, "A. {{ L.quarterly_form }}", "Nagłówek sekcji")
    slot_loop(doc, "quarterly_form")
    tag(doc, "{%p for q in quarterly %}")
    para(doc, "{{ L.quarterly_form }} — {{ q.label }}", "Nagłówek sekcji")
    data_table(
        doc,
        ["{{ L.action }}", "{{ L.micro_success }}", "{{ L.achieved }}", "{{ L.remarks }}"],
        ["{{ r.action }}", "{{ r.micro }}", "", ""],
        "r in q.rows",
        [4, 4.6, 2.8, 5.2],
        row_height=1.6,
    )
    para(
        doc,
        "{{ L.prepared_by }}: ……………………………………… ({{ L.date_and_signature }})",
        "Pole do wypełnienia",
    )
    tag(doc, "{%p endfor %}")
    page_break = doc.add_paragraph(style="Normal")
    page_break.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "B. {{ L.annual_form }}", "Nagłówek sekcji")
    slot_loop(doc, "annual_form")
    tag(doc, "{%p for y in annual %}")
    para(doc, "{{ L.annual_form }} — {{ L.year }} {{ y.year }}", "Nagłówek sekcji")
    data_table(
        doc,
        ["{{ L.action }}", "{{ L.problem }}", "{{ L.rating }}", "{{ L.conclusions }}"],
        ["{{ r.action }}", "{{ r.problem }}", "", ""],
        "r in y.actions",
        [4, 4, 2, 6.6],
        row_height=1.8,
    )
    para(doc, "{{ L.partnership_questions }}", "Tytuł paragrafu")
    data_table(
        doc,
        ["{{ L.party }}", "{{ L.contribution_delivered }}", "{{ L.remarks }}"],
        ["{{ p }}", "", ""],
        "p in y.parties",
        [6, 4, 6.6],
        row_height=1.2,
    )
    para(doc, "{{ L.team_meetings }}: ………", "Pole do wypełnienia")
    para(doc, "{{ L.presentations }}: ………", "Pole do wypełnienia")
    para(doc, "{{ L.new_partners }}: ……………………………………………………………", "Pole do wypełnienia")
    para(
        doc,
        "{{ L.prepared_by }}: ……………………………………… ({{ L.date_and_signature }})",
        "Pole do wypełnienia",
    )
    tag(doc, "{%p endfor %}")
    findings_block(doc)
    return doc


BUILDERS = {
    "preliminary": preliminary_template,
    "declaration": declaration_template,
    "action_plan": action_plan_template,
    "evaluation_forms": evaluation_forms_template,
}


# --- pruning ---------------------------------------------------------------------------------------


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


UNUSED_PARTS = ("stylesWithEffects", "customXml", "numbering", "webSettings")


def save_lean(doc, path: Path) -> None:
    """Save without the parts python-docx ships but the templates do not use (stylesWithEffects
    alone is 430 kB), and with fixed zip timestamps (reproducible files)."""
    for rel_id, rel in list(doc.part.rels.items()):
        if any(name in rel.reltype for name in UNUSED_PARTS):
            del doc.part.rels[rel_id]
    buffer = io.BytesIO()
    doc.core_properties.title = ""
    doc.core_properties.author = "deedgen"
    doc.core_properties.last_modified_by = "deedgen"
    doc.core_properties.revision = 1
    import datetime as dt

    fixed = dt.datetime(2026, 1, 1)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.save(buffer)
    path.write_bytes(normalize_zip(buffer.getvalue(), drop=("docProps/thumbnail.jpeg",)))


def normalize_zip(blob: bytes, drop=(), date_time=(2026, 1, 1, 0, 0, 0)) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and permissions, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and drop:
                text = data.decode("utf-8")
                text = text.replace('<Default Extension="jpeg" ContentType="image/jpeg"/>', "")
                data = text.encode("utf-8")
            if info.filename == "_rels/.rels" and drop:
                import re

                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()


def build_templates(target: Path = TEMPLATE_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, builder in BUILDERS.items():
        doc = builder()
        prune_styles(doc)
        path = target / f"{kind}.docx"
        save_lean(doc, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build_templates():
        print(f"{written_path} ({written_path.stat().st_size} bytes)")
    _ = copy  # keep the import for mentors extending the builder
