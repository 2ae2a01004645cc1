"""``deedgen build`` of a coalition with supporting informal groups: annex 3 („Deklaracje
poparcia”) is written as DOCX and PDF beside the other documents, bundled after annex 2, and its
signers — the groups' members — get signature fields on its pages, with either PDF engine. A
coalition without such a group writes exactly the files it wrote before."""

from __future__ import annotations

import json
import shutil
import subprocess

import pikepdf
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.helpers import SAMPLES
from tests.legal.test_support_annex import MEMBERS, supported_sheet

LIPOWIEC_FILES = [
    "deklaracja-partnerstwa.docx",
    "deklaracja-partnerstwa.pdf",
    "formularze-ewaluacji.docx",
    "formularze-ewaluacji.pdf",
    "gmina-lipowiec-pakiet.pdf",
    "manifest.json",
    "plan-dzialan.docx",
    "plan-dzialan.pdf",
    "wstepna-deklaracja.docx",
    "wstepna-deklaracja.pdf",
    "zgodnosc.json",
    "zgodnosc.md",
]


def deedgen_build(sheet, out, *args) -> dict:
    result = CliRunner().invoke(cli, ["build", str(sheet), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def pdf_text(path) -> str:
    """The PDF's words, one space between each (lines re-flow between the engines)."""
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    return " ".join(run.stdout.decode("utf-8").split())


def member_fields(bundle_path) -> dict[str, str]:
    """Each signature field of a supporting group's member (its tooltip) → the page label it
    stands on."""
    with pikepdf.open(bundle_path) as bundle:
        pages = {page.obj.objgen: pikepdf.Page(page).label for page in bundle.pages}
        fields = [f for f in bundle.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]
        return {
            str(f.TU): pages[f.P.objgen]
            for f in fields
            if any(f"Podpis: {member}," in str(f.TU) for member in MEMBERS)
        }


def annex_3_fields_ok(out, bundle_name: str, function: str, label: str) -> None:
    """Each member of the supporting groups has one signature field, on a page of annex 3, and
    the declaration's five signatories keep theirs."""
    bundle_path = out / bundle_name
    fields = member_fields(bundle_path)
    people = sorted(tooltip.split(": ")[1].split(",")[0] for tooltip in fields)
    assert people == sorted(MEMBERS)
    # „członkini” for Anna Nowak, whose function the sheet gives so
    assert all(
        f", {function} (Grupa nieformalna „" in tooltip.replace("członkini", "członek")
        for tooltip in fields
    ), fields
    assert all(page.startswith(label) for page in fields.values()), fields
    with pikepdf.open(bundle_path) as bundle:
        signature_fields = [f for f in bundle.Root.AcroForm.Fields if f.get("/FT") == "/Sig"]
        assert len(signature_fields) == 5 + len(MEMBERS)


PL = ("członek grupy nieformalnej, we własnym imieniu", "Zał. 3, s. ")
EN = ("member of the informal group, in their own name", "Annex 3, p. ")


@pytest.fixture(scope="module")
def typst_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("poparcie")
    out = folder / "out"
    return out, deedgen_build(supported_sheet(folder), out, "--doc-lang", "both")


def test_annex_3_is_written_in_both_languages_and_bundled(typst_build):
    out, manifest = typst_build
    for name in ("deklaracje-poparcia.docx", "deklaracje-poparcia.pdf"):
        assert (out / name).is_file() and (out / name.replace(".", ".en.", 1)).is_file()
    kinds = [entry["kind"] for entry in manifest["documents"] if entry["lang"] == "pl"]
    assert kinds == ["preliminary", "declaration", "action_plan", "evaluation_forms", "support"]
    (polish, english) = manifest["bundles"]
    assert polish["documents"] == ["declaration", "action_plan", "evaluation_forms", "support"]
    assert polish["signature_fields"] == english["signature_fields"] == 5 + len(MEMBERS)
    text = pdf_text(out / "deklaracje-poparcia.pdf")
    assert "Załącznik nr 3 do Deklaracji partnerstwa z dnia 15 kwietnia 2026 r." in text
    assert "DEKLARACJE POPARCIA" in text and "Podpisy członków grup nieformalnych" in text
    assert "popiera cele Koalicji określone w § 2 Deklaracji" in text
    assert "Piotr Zając, członek grupy nieformalnej, we własnym imieniu" in text
    english_text = pdf_text(out / "deklaracje-poparcia.en.pdf")
    assert "DECLARATIONS OF SUPPORT" in english_text and "Translation from Polish" in english_text
    bundle_text = pdf_text(out / "gmina-lipowiec-pakiet.pdf")
    assert "Załącznik nr 3 – Deklaracje poparcia" in bundle_text
    assert "DEKLARACJE POPARCIA" in bundle_text
    with pikepdf.open(out / "gmina-lipowiec-pakiet.pdf") as bundle, bundle.open_outline() as tree:
        assert [item.title for item in tree.root][-1] == "DEKLARACJE POPARCIA"


def test_typst_bundle_has_a_field_for_each_member_on_annex_3(typst_build):
    out, _ = typst_build
    annex_3_fields_ok(out, "gmina-lipowiec-pakiet.pdf", *PL)
    annex_3_fields_ok(out, "gmina-lipowiec-pakiet.en.pdf", *EN)
    check = subprocess.run(["qpdf", "--check", str(out / "gmina-lipowiec-pakiet.pdf")])
    assert check.returncode == 0


def test_libreoffice_bundle_has_a_field_for_each_member_on_annex_3(tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is installed by scripts/setup.sh")
    out = tmp_path / "out"
    manifest = deedgen_build(supported_sheet(tmp_path), out, "--pdf-engine", "libreoffice")
    assert manifest["bundles"][0]["documents"][-1] == "support"
    assert "Podpisy członków grup nieformalnych" in pdf_text(out / "deklaracje-poparcia.pdf")
    annex_3_fields_ok(out, "gmina-lipowiec-pakiet.pdf", *PL)


def test_a_coalition_without_supporters_writes_the_files_it_wrote_before(tmp_path):
    manifest = deedgen_build(SAMPLES / "lipowiec.yaml", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == LIPOWIEC_FILES
    assert manifest["bundles"][0]["documents"] == ["declaration", "action_plan", "evaluation_forms"]
    assert manifest["bundles"][0]["signature_fields"] == 5
