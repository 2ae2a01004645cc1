"""The DOCX container writer: what it writes must read back as a ZIP, a DOCX and a Word file."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from deedgen.clauses.library import load_library
from deedgen.options import BuildOptions
from deedgen.pipeline.plan import plan
from deedgen.render.templates import TEMPLATE_DIR
from deedgen.render.ziparchive import deflate, write_zip
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES


def test_members_read_back_with_names_dates_permissions_and_checksums():
    members = [
        deflate("[Content_Types].xml", b"<Types/>" * 50),
        deflate("word/empty.xml", b""),
        deflate("zażółć/gęślą.txt", "jaźń".encode()),
    ]
    blob = write_zip(members, (2026, 4, 20, 13, 45, 58))
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert archive.testzip() is None  # every CRC matches
    infos = archive.infolist()
    assert [i.filename for i in infos] == [
        "[Content_Types].xml",
        "word/empty.xml",
        "zażółć/gęślą.txt",
    ]
    assert archive.read("[Content_Types].xml") == b"<Types/>" * 50
    assert archive.read("word/empty.xml") == b""
    assert archive.read("zażółć/gęślą.txt") == "jaźń".encode()
    assert all(i.date_time == (2026, 4, 20, 13, 45, 58) for i in infos)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert all((i.external_attr >> 16) & 0o777 == 0o644 for i in infos)
    assert infos[2].flag_bits & 0x800  # a non-ASCII name is marked UTF-8
    assert write_zip(members, (2026, 4, 20, 13, 45, 58)) == blob  # reproducible


def test_a_date_before_1980_stamps_the_first_dos_date():
    blob = write_zip([deflate("a.txt", b"x")], (1926, 3, 15, 10, 0, 0))
    assert zipfile.ZipFile(io.BytesIO(blob)).infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_rendered_docx_opens_in_python_docx_and_shares_fixed_parts(tmp_path):
    sheet = read_sheet(SAMPLES / "lipowiec.yaml")
    planned = plan(sheet, BuildOptions(formats=("docx",)), library=load_library())
    declaration = tmp_path / "deklaracja-partnerstwa.docx"
    declaration.write_bytes(next(d.data for d in planned.docx if d.kind == "declaration"))
    document = Document(str(declaration))
    assert any("DEKLARACJA PARTNERSTWA" in p.text for p in document.paragraphs)
    archive = zipfile.ZipFile(declaration)
    assert archive.testzip() is None
    # the template's own parts are there, byte for byte
    template = zipfile.ZipFile(TEMPLATE_DIR / "declaration.docx")
    assert archive.read("word/theme/theme1.xml") == template.read("word/theme/theme1.xml")
    assert archive.read("word/styles.xml") == template.read("word/styles.xml")
