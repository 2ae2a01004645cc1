"""``deedgen build`` end to end with each PDF engine: Typst by default, LibreOffice on request.

Each build is a real command run on a sample; its PDFs are read back (pikepdf, pdftotext) and
compared with the DOCX the same build wrote."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pikepdf
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.document import DOCUMENT_SLUGS
from tests.helpers import SAMPLES
from tests.render.typst_helpers import coalition, word_differences

SHEET = str(SAMPLES / "lipowiec.yaml")


def deedgen_build(out, *args) -> dict:
    """Run ``deedgen build`` on lipowiec into *out*; its manifest."""
    result = CliRunner().invoke(cli, ["build", SHEET, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def typst_build(tmp_path_factory):
    """No LibreOffice on PATH: the default engine must not need one."""
    out = tmp_path_factory.mktemp("typst") / "lipowiec"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(out.parent / "no-bin"))
        manifest = deedgen_build(out, "--doc-lang", "both", "--pdfa")
    return out, manifest


def creator(pdf_path) -> str:
    with pikepdf.open(pdf_path) as pdf, pdf.open_metadata() as meta:
        return str(meta.get("xmp:CreatorTool", "")) + str(pdf.docinfo.get("/Producer", ""))


def test_default_engine_is_typst_and_recorded(typst_build):
    out, manifest = typst_build
    assert manifest["options"]["pdf_engine"] == "typst"
    for entry in manifest["documents"]:
        assert (out / entry["pdf"]).is_file() and "Typst" in creator(out / entry["pdf"])
    assert [b["lang"] for b in manifest["bundles"]] == ["pl", "en"]
    assert all(b["signature_fields"] == 5 and b["pdfa"] for b in manifest["bundles"])


def test_typst_pdfs_are_pdfa_without_the_flag(tmp_path):
    """Typst's PDFs are PDF/A-2a and PDF/UA-1 by default: --pdfa asks for nothing more."""
    out = tmp_path / "lipowiec"
    manifest = deedgen_build(out)
    assert "pdfa" in manifest["options"] and not manifest["options"]["pdfa"]
    assert [b["pdfa"] for b in manifest["bundles"]] == [True]
    for pdf_path in sorted(out.glob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf, pdf.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A", pdf_path
            assert meta["pdfuaid:part"] == "1", pdf_path


def test_typst_pdfs_say_what_the_built_docx_says(typst_build):
    out, _ = typst_build
    for lang in ("pl", "en"):
        documents, draft, findings = coalition("lipowiec", lang)
        suffix = "" if lang == "pl" else ".en"
        for kind in documents:  # the documents the coalition has
            pdf = (out / f"{DOCUMENT_SLUGS[kind]}{suffix}.pdf").read_bytes()
            differences = word_differences(documents[kind], pdf, draft=draft, findings=findings)
            assert differences == [], f"{kind} {lang}: {differences[:5]}"


def test_typst_bundle_is_valid_pdfa_with_fields_and_labels(typst_build):
    out, _ = typst_build
    bundle_path = out / "gmina-lipowiec-pakiet.pdf"
    for pdf in out.glob("*.pdf"):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout}{check.stderr}"
    with pikepdf.open(bundle_path) as bundle, bundle.open_metadata() as meta:
        assert meta["pdfaid:part"] == "2" and meta["pdfuaid:part"] == "1"
        pages = meta["{http://ns.adobe.com/xap/1.0/t/pg/}NPages"]
        assert pages == str(len(bundle.pages))
        fields = [f for f in bundle.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]
        assert len(fields) == 5
        declaration_pages = len(pikepdf.open(out / "deklaracja-partnerstwa.pdf").pages)
        assert pikepdf.Page(bundle.pages[declaration_pages]).label == "Zał. 1, s. 1"


def test_typst_rebuild_is_byte_identical(typst_build, tmp_path):
    out, manifest = typst_build
    again = tmp_path / "again"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(tmp_path / "no-bin"))
        second = deedgen_build(again, "--doc-lang", "both", "--pdfa")
    for path in out.iterdir():
        if path.suffix in (".docx", ".pdf"):
            assert path.read_bytes() == (again / path.name).read_bytes(), path.name
    assert second["inputs_digest"] == manifest["inputs_digest"]
    assert second["documents"] == manifest["documents"]


def test_libreoffice_engine_on_request(tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is installed by scripts/setup.sh")
    first = deedgen_build(tmp_path / "a", "--pdf-engine", "libreoffice")
    second = deedgen_build(tmp_path / "b", "--pdf-engine", "libreoffice")
    assert first["options"]["pdf_engine"] == "libreoffice"
    for entry in first["documents"]:
        assert "LibreOffice" in creator(tmp_path / "a" / entry["pdf"]), entry["pdf"]
    for path in (tmp_path / "a").iterdir():
        if path.suffix in (".docx", ".pdf"):
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    assert first["inputs_digest"] == second["inputs_digest"]
    bundle = pikepdf.open(io.BytesIO((tmp_path / "a" / "gmina-lipowiec-pakiet.pdf").read_bytes()))
    assert len([f for f in bundle.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]) == 5


def test_the_engine_is_part_of_the_inputs_digest_only_with_pdfs(tmp_path):
    typst = deedgen_build(tmp_path / "t", "--format", "docx")
    other = deedgen_build(tmp_path / "l", "--format", "docx", "--pdf-engine", "libreoffice")
    assert "pdf_engine" not in typst["options"]
    assert typst["inputs_digest"] == other["inputs_digest"]  # DOCX only: nothing to redo
