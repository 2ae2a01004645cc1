"""The DOCX is editable the way a lawyer edits it: the units are Word's own list and the
cross-references REF fields, so a § or an ustęp inserted by hand renumbers what follows and the
references follow once the fields are updated. LibreOffice (headless, real) computes the list labels
and the REF fields' results when it loads a file — the PDF it writes shows them updated."""

from __future__ import annotations

import copy
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.render.docx import render_docx
from deedgen.render.pdf import PdfConverter
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES, docx_text
from tests.render.pdf_helpers import pdftotext


@pytest.fixture(scope="module")
def declaration():
    sheet = read_sheet(SAMPLES / "lipowiec.yaml")
    return assemble_documents(sheet, load_library(), "pl", kinds=("declaration",))["declaration"]


@pytest.fixture(scope="module")
def converter(tmp_path_factory):
    with PdfConverter(workers=1, workdir=tmp_path_factory.mktemp("lo")) as converter:
        yield converter


def pdf_words(converter, blob: bytes, folder) -> str:
    """The PDF's words, one space apart („§ 4”: pdftotext reads a centred „§ 4” as „§4”)."""
    folder.mkdir()
    source = folder / "deklaracja.docx"
    source.write_bytes(blob)
    words = " ".join(pdftotext(converter.convert_one(source, folder / "pdf")).split())
    return re.sub(r"§\s*", "§ ", words)


def level(paragraph) -> int | None:
    ilvl = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
    return None if ilvl is None else int(ilvl.get(qn("w:val")))


def typed_copy(paragraph, text: str):
    """A new paragraph in *paragraph*'s style and list level, holding only *text* — what Enter and
    typing give in Word (no bookmark or field of the original comes along)."""
    new = copy.deepcopy(paragraph)
    for child in list(new):
        if child.tag != qn("w:pPr"):
            new.remove(child)
    run = new.makeelement(qn("w:r"), {})
    run.append(new.makeelement(qn("w:t"), {}))
    run[0].text = text
    new.append(run)
    return new


def insert_section_and_ustep(blob: bytes) -> bytes:
    """A new § before § 4 (heading, title, one ustęp) and a new first ustęp in old § 6."""
    doc = Document(io.BytesIO(blob))
    body = list(doc.element.body.iter(qn("w:p")))
    headings = [p for p in body if level(p) == 0]
    fourth = headings[3]
    title = fourth.getnext()
    ustep = next(p for p in body[body.index(fourth) :] if level(p) == 1)
    fourth.addprevious(typed_copy(fourth, ""))
    fourth.addprevious(typed_copy(title, "Paragraf dopisany przez radcę"))
    fourth.addprevious(typed_copy(ustep, "Ustęp dopisany przez radcę."))
    sixth = headings[5]
    first_ustep = next(p for p in body[body.index(sixth) :] if level(p) == 1)
    first_ustep.addprevious(typed_copy(first_ustep, "Nowy pierwszy ustęp."))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_docx_reads_the_resolved_references_before_any_update(declaration):
    text = docx_text(render_docx(declaration)).replace("~", " ")
    assert "Zmianę przyjmuje Zespół w trybie § 4 ust. 2." in text
    assert "określony w § 10." in text
    assert "\n§ 6\n" in text and "\n§ 21\nEgzemplarze\n" in text


def test_an_inserted_section_and_ustep_renumber_units_and_references(
    declaration, converter, tmp_path
):
    blob = render_docx(declaration)
    before = pdf_words(converter, blob, tmp_path / "before")
    after = pdf_words(converter, insert_section_and_ustep(blob), tmp_path / "after")
    # unedited, LibreOffice's own numbers and field results equal the typed ones
    assert "w trybie § 4 ust. 2." in before and "określony w § 10." in before
    assert "wymóg określony w ust. 1." in before
    assert "Paragraf dopisany" not in before
    # the new § is § 4, every § after it moved by one, and so did the references to them
    assert "§ 4 Paragraf dopisany przez radcę 1. Ustęp dopisany przez radcę." in after
    assert "w trybie § 5 ust. 2." in after and "w trybie § 4 ust. 2" not in after
    assert "określony w § 11." in after and "określony w § 10." not in after
    assert "§ 21 Egzemplarze" in before and "§ 22 Egzemplarze" in after
    assert "o którym mowa w § 21. Po upływie" in after
    # old § 6 is § 7, its ust. 1 became ust. 2 after the new first ustęp; the reference inside
    # that § (typed „ust. 1”, no § number) follows
    assert "§ 7 " + re.search(r"§ 6 (\w+ ?\w*)", before).group(1) in after
    assert "1. Nowy pierwszy ustęp." in after
    assert "wymóg określony w ust. 2." in after and "wymóg określony w ust. 1." not in after


def test_a_reference_to_a_punkt_keeps_its_typed_punkt(declaration):
    """„§ 7 ust. 2 pkt 3”: § and ust. are fields, „pkt 3” stays text (LibreOffice would print a
    REF to the punkt as „3)”, see render/references.py)."""
    doc = Document(io.BytesIO(render_docx(declaration)))
    paragraph = next(p for p in doc.paragraphs if "pkt\u00a03" in p.text and "§\u00a07" in p.text)
    instructions = [t.text.split()[1] for t in paragraph._p.iter(qn("w:instrText"))]
    assert instructions == ["_Ref_7", "_Ref_7_2"]
    names = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert {"_Ref_7", "_Ref_7_2", "_Ref_4_2", "_Ref_10"} <= names
