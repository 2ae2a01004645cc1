"""DOCX layout rules that keep things together: plan rows never split and headers repeat, intros
stay with their tables, each year's annual form starts a page, the countersignature sits under the
executive's signature, hyphenated identifiers never break — read back from the rendered files."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.render.docx import render_docx
from deedgen.render.pdf import PdfConverter
from deedgen.render.template_values import DATE_DOTS, SIGNATURE_DOTS
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES, cell_lines
from tests.render.pdf_helpers import pdftotext


@pytest.fixture(scope="module")
def documents():
    library = load_library()
    return {
        (sample, lang): assemble_documents(read_sheet(SAMPLES / f"{sample}.yaml"), library, lang)
        for sample in ("lipowiec", "brzeziny-nowe")
        for lang in ("pl", "en")
    }


def rendered(documents, sample, kind, lang="pl"):
    return Document(io.BytesIO(render_docx(documents[(sample, lang)][kind])))


def row_flags(row) -> set[str]:
    tr_pr = row._tr.trPr
    return set() if tr_pr is None else {child.tag.split("}")[1] for child in tr_pr}


def test_plan_rows_never_split_and_headers_repeat(documents):
    doc = rendered(documents, "lipowiec", "action_plan")
    assert len(doc.tables) == 5
    for table in doc.tables:
        header, *body = table.rows
        assert {"tblHeader", "cantSplit"} <= row_flags(header)
        assert body and all("cantSplit" in row_flags(row) for row in body)


def test_a_heading_and_its_intro_stay_with_their_table(documents):
    doc = rendered(documents, "lipowiec", "action_plan")
    body = list(doc.element.body.iterchildren())
    for table in doc.tables:
        before = body[body.index(table._tbl) - 1]
        style = doc.styles.get_by_id(before.pPr.pStyle.val, 1)
        assert style.paragraph_format.keep_with_next, style.name


def test_each_annual_form_starts_a_page_with_its_heading(documents):
    doc = rendered(documents, "lipowiec", "evaluation_forms")
    paragraphs = doc.paragraphs
    headings = [
        i for i, p in enumerate(paragraphs) if "Formularz ewaluacji rocznej za rok " in p.text
    ]
    assert len(headings) == 2
    for index in headings[1:]:
        assert paragraphs[index - 1]._p.xpath('.//w:br[@w:type="page"]')


def test_the_countersignature_sits_under_the_executives_signature(documents):
    doc = rendered(documents, "brzeziny-nowe", "declaration")
    signatures = doc.tables[-1]
    row = next(r for r in signatures.rows if r.cells[0].text == "Gmina Brzeziny Nowe")
    lines = cell_lines(row.cells[1])
    # each signature: the dotted line and the person, then the date line beside it and „(data)”
    assert lines == [
        SIGNATURE_DOTS["pl"],
        "Michał Adamczyk, Burmistrz Brzezin Nowych",
        DATE_DOTS,
        "(data)",
        "Kontrasygnata Skarbnika",
        SIGNATURE_DOTS["pl"],
        "Jolanta Pietrzak, Skarbnik Gminy Brzeziny Nowe",
        DATE_DOTS,
        "(data)",
    ]
    assert doc.paragraphs[-1].text != "Kontrasygnata Skarbnika"  # no longer after the table


def test_every_signature_has_its_date_line_beside_it_in_a_column_of_its_own(documents):
    """The date line sits in its own column of the signature's row, level with the line: a
    long name and function wraps in its column without pushing the date down."""
    doc = rendered(documents, "brzeziny-nowe", "declaration")
    signatures = [inner.rows[0] for row in doc.tables[-1].rows for inner in row.cells[1].tables]
    people = {line.person for line in documents[("brzeziny-nowe", "pl")]["declaration"].signatories}
    assert len(signatures) == len(people) == 10
    for signature in signatures:
        sign, date = signature.cells
        assert [p.text for p in sign.paragraphs][0] == SIGNATURE_DOTS["pl"]
        assert [p.text for p in date.paragraphs] == [DATE_DOTS, "(data)"]
        assert sign.paragraphs[0].style.name == date.paragraphs[0].style.name == "Podpis linia"
    # Word reports a file whose table cell ends with a table (not a paragraph) as damaged
    cells = doc.element.body.iter(qn("w:tc"))
    assert all(len(tc) and tc[-1].tag == qn("w:p") for tc in cells)


def test_english_signature_lines_point_at_the_polish_original(documents):
    doc = rendered(documents, "lipowiec", "declaration", "en")
    cells = [line for row in doc.tables[-1].rows for line in cell_lines(row.cells[1])]
    assert "[signed on the Polish original]" in cells and SIGNATURE_DOTS["pl"] not in cells
    assert cells.count("(date)") == cells.count("[signed on the Polish original]") == 5


def test_a_nip_never_breaks_and_still_reads_with_plain_hyphens(documents, tmp_path):
    """Word's non-breaking hyphen in the DOCX; LibreOffice's PDF text still reads „-”."""
    blob = render_docx(documents[("lipowiec", "pl")]["declaration"])
    doc = Document(io.BytesIO(blob))
    comparition = next(p for p in doc.paragraphs if "NIP: 819-093-78-65" in p.text)
    assert len(comparition._p.findall(f".//{qn('w:noBreakHyphen')}")) >= 3
    source = tmp_path / "deklaracja.docx"
    source.write_bytes(blob)
    with PdfConverter(workers=1, workdir=tmp_path) as converter:
        text = pdftotext(converter.convert_one(source, tmp_path / "pdf"))
    assert "819-093-78-65" in text and "\u2011" not in text


def test_english_documents_say_they_are_a_translation(documents):
    for kind in ("preliminary", "declaration", "action_plan", "evaluation_forms"):
        english = rendered(documents, "lipowiec", kind, "en").sections[0].header.paragraphs
        polish = rendered(documents, "lipowiec", kind, "pl").sections[0].header.paragraphs
        notice = "Translation from Polish — for information; in case of discrepancy the Polish text prevails"
        assert notice in [p.text for p in english], kind
        assert not any("Translation" in p.text for p in polish), kind


def test_the_annual_form_is_adopted_by_the_team(documents):
    texts = [p.text for p in rendered(documents, "lipowiec", "evaluation_forms").paragraphs]
    adopted = [t for t in texts if t.startswith("Raport przyjęty przez Zespół")]
    assert (
        adopted
        == [
            "Raport przyjęty przez Zespół na posiedzeniu w dniu ……… . "
            "W imieniu Zespołu: ……… (podpis Koordynatora)"
        ]
        * 2
    )  # one per year, 2026 and 2027
    assert sum(t.startswith("Sporządził(a)") for t in texts) == 5  # the quarterly forms
