"""DOCX rendering: escaping, styles, tables, header/footer, determinism, LibreOffice re-saved templates."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.render.docx import render_docx
from deedgen.render.templates import TEMPLATE_DIR
from deedgen.sheet.validate import read_sheet
from tests.assemble.test_assemble import LIBRARY
from tests.helpers import SAMPLES, build_file_tree, load_sample, write_sheet

HOSTILE = "Stowarzyszenie „Razem” & Przyjaciele <Biblioteki>"


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    root = tmp_path_factory.mktemp("docx")
    library = load_library(central=build_file_tree(root / "lib", LIBRARY))
    data = load_sample("lipowiec")
    data["goals"]["chosen"] = ["goal_menu.reading"]
    data["parties"][2]["name"] = HOSTILE
    sheet = read_sheet(write_sheet(root / "sheet.yaml", data))
    return assemble_documents(sheet, library)


def open_docx(blob: bytes):
    return Document(io.BytesIO(blob))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_partner_names_are_escaped_exactly(documents):
    doc = open_docx(render_docx(documents["declaration"]))
    text = all_text(doc)
    assert HOSTILE in text  # in the signature block, exactly as typed
    assert "&amp;" not in text and "&lt;" not in text


def test_no_control_tags_or_empty_paragraphs_remain(documents):
    for kind, document in documents.items():
        doc = open_docx(render_docx(document))
        text = all_text(doc)
        assert "{%" not in text and "{{" not in text, kind
        body = [p for p in doc.paragraphs]
        empty = [  # a § heading's text is its list label (numbering.xml)
            i
            for i, p in enumerate(body)
            if not p.text.strip() and not p._p.xpath(".//w:br | ./w:pPr/w:numPr")
        ]
        assert empty == [], f"{kind}: empty paragraphs at {empty}"


def test_styles_not_direct_formatting(documents):
    doc = open_docx(render_docx(documents["declaration"]))
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[:4] == ["Tytuł dokumentu", "Podtytuł", "Paragraf", "Tytuł paragrafu"]
    assert {"Ustęp", "Punkt", "Litera", "Część wspólna"} <= set(styles)
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run.font.bold is None and run.font.size is None and run.font.name is None


def test_header_footer_and_repeated_table_headers(documents):
    doc = open_docx(render_docx(documents["action_plan"]))
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Koalicja „Biblioteka w sercu Lipowca”"
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    assert section.footer.paragraphs[0].text == "Strona  z "  # the numbers are PAGE/NUMPAGES fields
    assert len(doc.tables) == 5
    for table in doc.tables:
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    team = doc.tables[1]
    assert [c.text for c in team.rows[1].cells] == [
        "1",
        "Anna Zielińska",
        "Gminna Biblioteka Publiczna w Lipowcu",
        "koordynator",
    ]
    calendar = doc.tables[3]
    assert calendar.rows[1].cells[0].text == "II\u00a0kw.\u00a02026"


def test_draft_mark_and_findings(documents):
    doc = open_docx(
        render_docx(documents["declaration"], draft=True, findings=["za mało działań społecznych"])
    )
    assert "PROJEKT — niespełnione warunki finansowania" in doc.sections[0].header._element.xml
    text = all_text(doc)
    assert "Niespełnione warunki finansowania" in text and "za mało działań społecznych" in text


def test_same_input_gives_byte_identical_docx(documents):
    for document in documents.values():
        assert render_docx(document) == render_docx(document)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_template_resaved_by_libreoffice_still_renders(documents, tmp_path):
    profile = tmp_path / "profile"
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(TEMPLATE_DIR / "declaration.docx", source / "declaration.docx")
    out = tmp_path / "resaved"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source / "declaration.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    blob = render_docx(documents["declaration"], template_dir=out)
    text = all_text(open_docx(blob))
    assert "§ 3" in text.replace("\u00a0", " ") and HOSTILE in text and "{{" not in text


def _content(blob: bytes):
    doc = open_docx(blob)
    return (
        [(p.style.name, p.text) for p in doc.paragraphs],
        all_text(doc),
        doc.sections[0].header._element.xml,
    )


def test_prepared_template_renders_what_docxtpl_renders(documents):
    from deedgen.render.docx import render_docx_naive

    for document in documents.values():
        fast, naive = render_docx(document, draft=True), render_docx_naive(document, draft=True)
        assert _content(fast)[:2] == _content(naive)[:2]
        assert "PROJEKT" in _content(fast)[2]


def test_document_language_follows_the_rendering(tmp_path):
    import zipfile

    sheet = read_sheet(SAMPLES / "lipowiec.yaml")
    library = load_library()
    for lang, tag in (("pl", 'w:val="pl-PL"'), ("en", 'w:val="en-GB"')):
        document = assemble_documents(sheet, library, lang, kinds=("declaration",))["declaration"]
        styles = zipfile.ZipFile(io.BytesIO(render_docx(document))).read("word/styles.xml").decode()
        assert tag in styles
