"""The building blocks of the templates: paragraphs in a named style, docxtpl tags
(``{%p … %}`` paragraphs, ``{%tr … %}`` table rows), the page set-up with its header and footer,
tables with a repeated header row, the § body loop, the signature block and the draft findings."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from deedgen.render.numbering import UNIT_LEVELS, number_paragraph
from deedgen.render.template_styles import PAGE, SIGNATURE

CELL_MARGIN = 0.19  # cm, Word's default left and right margin of a table cell


def para(doc_or_cell, text="", style="Tekst"):
    paragraph = doc_or_cell.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def tag(doc_or_cell, text):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    return doc_or_cell.add_paragraph(text, style="Normal")


def labelled(doc, style, label="{{ b.label }}", text="{{ b.runs }}"):
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
    for side in ("left", "right", "top", "bottom"):
        setattr(section, f"{side}_margin", Cm(PAGE[side]))
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    header = section.header
    first = header.paragraphs[0]
    first.style = doc.styles["Nagłówek strony"]
    first.add_run("{{ coalition_name }}")
    tag(header, "{%p if translation_notice %}")
    para(header, "{{ translation_notice }}", "Nagłówek strony")
    tag(header, "{%p endif %}")
    tag(header, "{%p if draft %}")
    para(header, "{{ L.draft_mark }}", "Znak projektu")
    tag(header, "{%p endif %}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Stopka"]
    footer.add_run("{{ L.page }} ")
    field(footer, "PAGE")
    footer.add_run(" {{ L.of }} ")
    field(footer, "NUMPAGES")


def _row_flag(row, name: str, first: bool) -> None:
    """A row property without value (cantSplit comes first in the schema, tblHeader after it)."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    if first:
        tr_pr.insert(0, element)
    else:
        tr_pr.append(element)


def repeat_header(row):
    _row_flag(row, "w:tblHeader", first=False)
    _row_flag(row, "w:cantSplit", first=True)


def keep_row_whole(row):
    """The row never splits across pages (Word's "allow row to break across pages" off)."""
    _row_flag(row, "w:cantSplit", first=True)


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
    keep_row_whole(table.rows[2])
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


UNIT_STYLES = {"ust": "Ustęp", "pkt": "Punkt", "lit": "Litera", "tir": "Tiret"}


def blocks_loop(doc, source="blocks"):
    """The body of a § document: one paragraph per unit, each kind in its own style. The § headings
    and a §'s units are items of Word's list (their labels from numbering.xml); units outside a §
    (the comparition, the recitals) keep their typed labels."""
    tag(doc, f"{{%p for b in {source} %}}")
    tag(doc, '{%p if b.kind == "section" %}')
    number_paragraph(para(doc, "{{ b.mark }}", "Paragraf"), UNIT_LEVELS["section"])
    para(doc, "{{ b.title }}", "Tytuł paragrafu")
    for kind, style in UNIT_STYLES.items():
        tag(doc, f'{{%p elif b.kind == "{kind}" and b.listed %}}')
        number_paragraph(para(doc, "{{ b.runs }}", style), UNIT_LEVELS[kind])
        tag(doc, f'{{%p elif b.kind == "{kind}" %}}')
        labelled(doc, style)
    tag(doc, '{%p elif b.kind == "wsp" %}')
    para(doc, "{{ b.runs }}", "Część wspólna")
    tag(doc, "{%p else %}")
    para(doc, "{{ b.runs }}", "Tekst")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def slot_loop(doc, slot, before_table=False):
    """A slot's paragraphs; *before_table*: they stay on the page of the table that follows."""
    text_style, item_style = (
        ("Tekst przed tabelą", "Punkt przed tabelą") if before_table else ("Tekst", "Punkt")
    )
    tag(doc, f"{{%p for b in slots.{slot} %}}")
    tag(doc, '{%p if b.kind in ("pkt", "lit", "tir") %}')
    labelled(doc, item_style)
    tag(doc, "{%p else %}")
    para(doc, "{{ b.runs }}", text_style)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def signature_block(doc):
    """One row per Party: its name, then each representative's signature; the Treasurer's
    countersignature sits in the row of the Party it countersigns, directly under the
    executive's signature. The heading stays with the first row, a row never splits."""
    para(doc, "{{ signatures_heading }}", "Nagłówek sekcji")
    table = doc.add_table(rows=3, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for s in signature_parties %}")
    keep_row_whole(table.rows[1])
    left, right = table.rows[1].cells
    set_widths(table, [SIGNATURE["party"], _text_width() - SIGNATURE["party"]])
    left.paragraphs[0].style = doc.styles["Podpis strona"]
    left.paragraphs[0].add_run("{{ s.party_name }}")
    right.paragraphs[0].style = doc.styles["Normal"]
    right.paragraphs[0].add_run("{%p for r in s.lines %}")
    signature_line(right, "{{ r.person }}, {{ r.function }}").text = "{%p endfor %}"
    tag(right, "{%p if s.countersignature %}")
    para(right, "{{ L.countersignature }}", "Kontrasygnata")
    closing = signature_line(
        right, "{{ s.countersignature.person }}, {{ s.countersignature.function }}"
    )
    closing.text = "{%p endif %}"
    # a cell ends with a paragraph (Word requires it); this one takes no room
    para(right, "", "Podpis koniec")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def _text_width() -> float:
    return 21.0 - PAGE["left"] - PAGE["right"]


def signature_line(cell, person):
    """One signature, a borderless table of one row inside *cell*: the dotted line with the
    person below it, and beside them the date line with „(data)” below — in columns, so a long
    name and function wraps in its own column and the date stays level with the line.
    Returns the empty paragraph python-docx puts after the table (a cell's last element is a
    paragraph), for the caller to use."""
    table = cell.add_table(rows=1, cols=2)
    inside = _text_width() - SIGNATURE["party"] - 2 * CELL_MARGIN
    set_widths(table, [inside - SIGNATURE["date"], SIGNATURE["date"]])
    _cell_margins(table._tbl.tblPr, "w:tblCellMar", left=0, right=0)
    sign, date = table.rows[0].cells
    gutter = Cm(SIGNATURE["gutter"]).twips
    _cell_margins(date._tc.get_or_add_tcPr(), "w:tcMar", left=gutter, right=0)
    sign.paragraphs[0].style = cell.part.document.styles["Podpis linia"]
    sign.paragraphs[0].add_run("{{ signature_dots }}")
    para(sign, person, "Podpis osoba")
    date.paragraphs[0].style = cell.part.document.styles["Podpis linia"]
    date.paragraphs[0].add_run("{{ date_dots }}")
    para(date, "{{ L.date }}", "Podpis osoba")
    return cell.paragraphs[-1]


def _cell_margins(properties, name: str, **sides: int) -> None:
    """Cell margins in twips, for a whole table (tblCellMar) or one cell (tcMar)."""
    margins = OxmlElement(name)
    for side, width in sides.items():
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(width)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    look = properties.find(qn("w:tblLook"))  # the schema puts the margins before the look
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def findings_block(doc):
    tag(doc, "{%p if findings %}")
    para(doc, "{{ L.findings }}", "Nagłówek sekcji")
    tag(doc, "{%p for f in findings %}")
    labelled(doc, "Punkt", "{{ loop.index }})", "{{ f }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
