"""Build the DOCX templates under ``templates/`` (real Word documents with styles and docxtpl tags).

    python -m deedgen.render.templates        # rewrite templates/*.docx

The templates are committed: a mentor may restyle them in Word or LibreOffice (change a style's
font, spacing, margins) without touching code; this builder only makes the first version. All
formatting is in named paragraph styles (:mod:`deedgen.render.template_styles`); the paragraphs and
tables are written with :mod:`deedgen.render.template_parts`.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from deedgen.document import NUMBERED_DOCUMENTS
from deedgen.fsutil import atomic_write_bytes
from deedgen.render.numbering import add_numbering
from deedgen.render.template_parts import (
    blocks_loop,
    data_table,
    findings_block,
    page_setup,
    para,
    signature_block,
    slot_loop,
    tag,
)
from deedgen.render.template_styles import define_styles, prune_styles
from deedgen.resources import TEMPLATES

TEMPLATE_DIR = TEMPLATES


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


def _numbered_template(**title):
    """A document in §§ with its signature block: the declaration, the preliminary one (*dated*)
    and annex 3 (*annex*: the declarations of support, signed by the groups' members)."""
    doc = new_document()
    add_numbering(doc)
    title_block(doc, **title)
    blocks_loop(doc)
    signature_block(doc)
    findings_block(doc)
    return doc


def declaration_template():
    return _numbered_template()


def preliminary_template():
    return _numbered_template(dated=True)


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
    slot_loop(doc, "team", before_table=True)
    data_table(
        doc,
        ["{{ L.no }}", "{{ L.name }}", "{{ L.institution }}", "{{ L.role }}"],
        ["{{ loop.index }}", "{{ m.name }}", "{{ m.party }}", "{{ m.role }}"],
        "m in team",
        [1.2, 7, 12, 4],
    )
    actions_section(doc)
    para(doc, "4. {{ L.calendar }}", "Nagłówek sekcji")
    slot_loop(doc, "calendar", before_table=True)
    data_table(
        doc,
        ["{{ L.quarter }}", "{{ L.action }}", "{{ L.micro_success }}"],
        ["{{ c.quarter }}", "{{ c.action }}", "{{ c.micro }}"],
        "c in calendar",
        [3.5, 8, 14],
    )
    para(doc, "5. {{ L.promotion }}", "Nagłówek sekcji")
    slot_loop(doc, "promotion", before_table=True)
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


def actions_section(doc):
    """Section 3 of the action plan: one row per action of the plan."""
    para(doc, "3. {{ L.actions }}", "Nagłówek sekcji")
    slot_loop(doc, "actions", before_table=True)
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


def page_break(doc):
    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)


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
    page_break(doc)
    para(doc, "B. {{ L.annual_form }}", "Nagłówek sekcji")
    slot_loop(doc, "annual_form")
    tag(doc, "{%p for y in annual %}")
    tag(doc, "{%p if not loop.first %}")  # each year's form starts a page, with its heading
    page_break(doc)
    tag(doc, "{%p endif %}")
    para(doc, "{{ L.annual_form }} {{ L.year }} {{ y.year }}", "Nagłówek sekcji")
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
    # the Team adopts the annual report; the Coordinator signs on its behalf (forms.annual v3)
    para(doc, "{{ L.adopted_by_team }}", "Pole do wypełnienia")
    tag(doc, "{%p endfor %}")
    findings_block(doc)
    return doc


def support_template():
    return _numbered_template(annex=True)


BUILDERS = {
    "preliminary": preliminary_template,
    "declaration": declaration_template,
    "action_plan": action_plan_template,
    "evaluation_forms": evaluation_forms_template,
    "support": support_template,
}
# the templates whose body loop may hold Word list paragraphs: they keep numbering.xml
WITH_NUMBERING = (*NUMBERED_DOCUMENTS, "support")


# --- saving ----------------------------------------------------------------------------------------


UNUSED_PARTS = ("stylesWithEffects", "customXml", "webSettings")


def save_lean(doc, path: Path, numbered: bool = False) -> None:
    """Save without the parts python-docx ships but the templates do not use (stylesWithEffects
    alone is 430 kB; numbering only where the units are a list), and with fixed zip timestamps
    (reproducible files)."""
    unused = UNUSED_PARTS if numbered else (*UNUSED_PARTS, "numbering")
    for rel_id, rel in list(doc.part.rels.items()):
        if any(name in rel.reltype for name in unused):
            del doc.part.rels[rel_id]
    buffer = io.BytesIO()
    doc.core_properties.title = ""
    doc.core_properties.author = "deedgen"
    doc.core_properties.last_modified_by = "deedgen"
    doc.core_properties.revision = 1
    fixed = datetime.datetime(2026, 1, 1)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.save(buffer)
    atomic_write_bytes(path, normalize_zip(buffer.getvalue(), drop=("docProps/thumbnail.jpeg",)))


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
        save_lean(doc, path, numbered=kind in WITH_NUMBERING)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build_templates():
        print(f"{written_path} ({written_path.stat().st_size} bytes)")
