"""deedgen build end to end: real samples, real LibreOffice, files read back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from deedgen.cli.main import cli
from deedgen.config import LibrarySelection
from deedgen.exceptions import ClauseError, NotCompliant
from deedgen.options import BuildOptions
from deedgen.pipeline.build import build
from tests.helpers import SAMPLES, build_file_tree, clause_file, docx_text

DOCX_ONLY = BuildOptions(formats=("docx",))
LIBREOFFICE = BuildOptions(langs=("pl", "en"), pdf_engine="libreoffice")


@pytest.fixture(scope="module")
def full_build(tmp_path_factory):
    """lipowiec in Polish and English, DOCX + PDF + bundles (one LibreOffice run for all); the
    Typst engine's build is tested in test_pdf_engine.py."""
    out = tmp_path_factory.mktemp("full") / "lipowiec"
    result = build(SAMPLES / "lipowiec.yaml", out, LIBREOFFICE)
    return result


def test_build_writes_every_document_bundle_report_and_manifest(full_build):
    names = {p.name for p in full_build.files}
    for slug in (
        "wstepna-deklaracja",
        "deklaracja-partnerstwa",
        "plan-dzialan",
        "formularze-ewaluacji",
    ):
        assert {f"{slug}.docx", f"{slug}.pdf", f"{slug}.en.docx", f"{slug}.en.pdf"} <= names
    assert {
        "gmina-lipowiec-pakiet.pdf",
        "gmina-lipowiec-pakiet.en.pdf",
        "zgodnosc.json",
        "zgodnosc.md",
        "manifest.json",
    } <= names
    manifest = json.loads((full_build.outdir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["compliance"]["compliant"] is True
    assert manifest["files"] == sorted(names - {"manifest.json"}) + ["manifest.json"]
    declaration = next(
        d for d in manifest["documents"] if d["kind"] == "declaration" and d["lang"] == "pl"
    )
    ids = [c["id"] for c in declaration["clauses"]]
    assert "sustainability.continuity" in ids and "goal_menu.digital_inclusion" in ids
    for clause in declaration["clauses"]:
        assert (
            clause["layer"] == "central" and clause["version"] >= 1 and len(clause["sha256"]) == 64
        )
        assert clause["source"].endswith(".pl.txt")
    import hashlib

    for entry in manifest["documents"]:
        for key in ("docx", "pdf"):
            data = (full_build.outdir / entry[key]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry[f"{key}_sha256"]


def test_pdf_shows_what_the_docx_shows(full_build):
    out = full_build.outdir
    # every paragraph of the DOCX (tables aside) stands in the PDF, diacritics and all; white
    # space is compared loosely since the PDF breaks lines where the DOCX does not
    lines = [
        line.removeprefix("[nagłówek] ")
        for line in docx_text(out / "deklaracja-partnerstwa.docx").splitlines()
        if line and " | " not in line
    ]
    pdf_text = subprocess.run(
        ["pdftotext", "-raw", str(out / "deklaracja-partnerstwa.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # a paragraph may run across a page break: drop the running header and footer between
    header = "Koalicja „Biblioteka w sercu Lipowca”"
    body = [
        line
        for line in pdf_text.splitlines()
        if line.strip() != header and not re.fullmatch(r"Strona \d+ z \d+", line.strip())
    ]
    squeezed = "".join("".join(body).split())
    assert len(lines) >= 100
    for line in lines:
        text = line.split("\t", 1)[-1]  # a label ("1)") may be extracted apart from its text
        assert "".join(text.replace("~", " ").split()) in squeezed, line
    assert "Stowarzyszenie „Lipowiec Razem”" in pdf_text


def test_bundle_has_outline_metadata_labels_and_signature_fields(full_build):
    bundle = PdfReader(full_build.outdir / "gmina-lipowiec-pakiet.pdf")
    titles = [item.title for item in bundle.outline]
    assert titles == ["Deklaracja partnerstwa", "Plan działań koalicji", "Formularze ewaluacji"]
    parts = [
        PdfReader(full_build.outdir / f"{slug}.pdf")
        for slug in ("deklaracja-partnerstwa", "plan-dzialan", "formularze-ewaluacji")
    ]
    assert len(bundle.pages) == sum(len(p.pages) for p in parts)
    assert bundle.metadata.author == "Gminna Biblioteka Publiczna w Lipowcu"
    assert "Koalicja „Biblioteka w sercu Lipowca”" in bundle.metadata.title
    assert bundle.trailer["/Root"]["/Lang"] == "pl"
    fields = bundle.get_fields()
    signature_fields = [name for name, f in fields.items() if f.get("/FT") == "/Sig"]
    assert len(signature_fields) == 5  # one per representative: 1 + 1 + 2 + 1
    labels = bundle.page_labels
    first_annex_page = len(parts[0].pages)
    assert labels[first_annex_page].startswith("Zał. 1")


def test_each_signature_field_sits_just_above_its_signatory_s_printed_name(full_build):
    """The fields are placed from the words pdftotext read (with their boxes); check them
    against where pypdf says each name is drawn."""
    bundle = PdfReader(full_build.outdir / "gmina-lipowiec-pakiet.pdf")
    declaration = full_build.documents["pl"]["declaration"]
    pages = len(PdfReader(full_build.outdir / "deklaracja-partnerstwa.pdf").pages)
    drawn: dict[str, list[tuple[int, float, float]]] = {}
    for index, page in enumerate(bundle.pages[:pages]):

        def visit(text, cm, tm, font, size, index=index):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            for signatory in declaration.signatories:
                if signatory.person in text.replace("\xa0", " "):
                    drawn.setdefault(signatory.person, []).append((index, x, y))

        page.extract_text(visitor_text=visit)
    widgets = []
    for index, page in enumerate(bundle.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/FT") == "/Sig":
                widgets.append((index, [float(v) for v in annotation["/Rect"]]))
    assert len(widgets) == len(declaration.signatories) == 5
    for signatory, (index, (left, bottom, _right, top)) in zip(
        declaration.signatories, widgets, strict=True
    ):
        page, x, baseline = min(drawn[signatory.person], key=lambda hit: (-hit[0], hit[2]))
        assert index == page, signatory.person
        assert abs(left - (x - 4)) < 3, signatory.person  # starts where the name starts
        assert 0 < bottom - baseline < 25, signatory.person  # just above the printed line
        assert top - bottom > 30


def test_every_pdf_passes_qpdf_check(full_build):
    if shutil.which("qpdf") is None:
        pytest.fail("qpdf is installed by scripts/setup.sh")
    for pdf in full_build.outdir.glob("*.pdf"):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout}{check.stderr}"


def test_rebuild_gives_byte_identical_documents(full_build, tmp_path):
    again = build(SAMPLES / "lipowiec.yaml", tmp_path / "again", LIBREOFFICE)
    for path in full_build.outdir.iterdir():
        if path.suffix in (".docx", ".pdf"):
            assert path.read_bytes() == (again.outdir / path.name).read_bytes(), path.name


def test_non_compliant_coalition_is_refused_then_built_as_draft(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(NotCompliant) as err:
        build(SAMPLES / "niezgodna.yaml", out, DOCX_ONLY)
    assert "social-actions" in err.value.format_message()
    assert not out.exists()
    result = build(SAMPLES / "niezgodna.yaml", out, BuildOptions(formats=("docx",), draft=True))
    assert result.manifest.draft is True
    doc = Document(str(out / "deklaracja-partnerstwa.docx"))
    assert "PROJEKT — niespełnione warunki finansowania" in doc.sections[0].header._element.xml
    text = docx_text(out / "deklaracja-partnerstwa.docx")
    assert "Niespełnione warunki finansowania" in text
    report = json.loads((out / "zgodnosc.json").read_text(encoding="utf-8"))
    assert report["compliant"] is False


def test_first_build_moves_its_folder_into_place_readable_and_complete(tmp_path):
    """A first build renames its whole staging folder into place: the folder must get the
    usual permissions (not the private ones of a staging folder), and a rebuild into it then
    replaces file by file."""
    import os

    out = tmp_path / "out"
    result = build(SAMPLES / "lipowiec.yaml", out, DOCX_ONLY)
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask
    assert sorted(p.name for p in out.iterdir()) == sorted(result.manifest.files)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left beside it
    again = build(SAMPLES / "lipowiec.yaml", out, DOCX_ONLY)
    assert sorted(p.name for p in out.iterdir()) == sorted(again.manifest.files)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failed_build_leaves_existing_output_untouched(tmp_path):
    out = tmp_path / "out"
    build(SAMPLES / "lipowiec.yaml", out, DOCX_ONLY)
    (out / "notatki.txt").write_text("moje notatki", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = build_file_tree(
        tmp_path / "overlay",
        {
            "subject/subject.pl.txt": clause_file(
                "subject.subject", "Zob. §[nie.istnieje].", order=100
            )
        },
    )
    with pytest.raises(ClauseError, match="nie.istnieje"):
        build(
            SAMPLES / "lipowiec.yaml",
            out,
            BuildOptions(formats=("docx",), library=LibrarySelection((broken,))),
        )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")
    ] == []  # no staging left


def test_cli_build_exit_codes_and_messages(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        ["build", str(SAMPLES / "lipowiec.yaml"), "-o", str(tmp_path / "a"), "--format", "docx"],
    )
    assert ok.exit_code == 0, ok.output
    assert "deklaracja-partnerstwa.docx" in ok.output
    refused = runner.invoke(
        cli,
        ["build", str(SAMPLES / "niezgodna.yaml"), "-o", str(tmp_path / "b"), "--format", "docx"],
    )
    assert refused.exit_code == 1
    assert "NIE SPEŁNIA" in refused.output and "Traceback" not in refused.output
    invalid = runner.invoke(cli, ["build", str(SAMPLES / "bledy.yaml"), "-o", str(tmp_path / "c")])
    assert invalid.exit_code == 2
    assert "bledy.yaml:" in invalid.output and "Traceback" not in invalid.output
    assert not (tmp_path / "c").exists()


def test_without_libreoffice_its_engine_fails_clearly_and_typst_still_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    runner = CliRunner()
    sheet = str(SAMPLES / "lipowiec.yaml")
    pdf = runner.invoke(
        cli, ["build", sheet, "-o", str(tmp_path / "pdf"), "--pdf-engine", "libreoffice"]
    )
    assert pdf.exit_code == 3
    assert (
        "apt-get install libreoffice-writer-nogui" in pdf.output and "Traceback" not in pdf.output
    )
    assert not (tmp_path / "pdf").exists()
    docx = runner.invoke(
        cli,
        ["build", str(SAMPLES / "lipowiec.yaml"), "-o", str(tmp_path / "docx"), "--format", "docx"],
    )
    assert docx.exit_code == 0, docx.output
    assert (tmp_path / "docx" / "deklaracja-partnerstwa.docx").is_file()
    typst = runner.invoke(cli, ["build", sheet, "-o", str(tmp_path / "typst")])  # the default
    assert typst.exit_code == 0, typst.output
    assert (tmp_path / "typst" / "gmina-lipowiec-pakiet.pdf").is_file()


def test_regional_overlay_changes_the_documents_and_is_recorded(tmp_path):
    overlay = SAMPLES / "overlays" / "wbp-kielce"
    plain = build(SAMPLES / "lipowiec.yaml", tmp_path / "plain", DOCX_ONLY)
    regional = build(
        SAMPLES / "lipowiec.yaml",
        tmp_path / "regional",
        BuildOptions(formats=("docx",), library=LibrarySelection((overlay,))),
    )
    before = docx_text(plain.outdir / "deklaracja-partnerstwa.docx")
    after = docx_text(regional.outdir / "deklaracja-partnerstwa.docx")
    assert before != after
    declaration = next(d for d in regional.manifest.documents if d["kind"] == "declaration")
    mentoring = next(c for c in declaration["clauses"] if c["id"] == "mentoring.bw")
    assert mentoring["layer"] == "wbp-kielce" and mentoring["replaces"]["layer"] == "central"
    assert any(
        c["layer"] == "wbp-kielce" and c["id"] != "mentoring.bw" for c in declaration["clauses"]
    )
    assert [layer["name"] for layer in regional.manifest.library["layers"]] == [
        "wbp-kielce",
        "central",
    ]


def test_gmina_money_brings_the_budget_clause_and_the_countersignature(tmp_path):
    result = build(SAMPLES / "brzeziny-nowe.yaml", tmp_path / "bz", DOCX_ONLY)
    text = docx_text(tmp_path / "bz" / "deklaracja-partnerstwa.docx")
    assert "Kontrasygnata Skarbnika" in text
    treasurer = result.documents["pl"]["declaration"].context["treasurer"]["name"]
    assert treasurer in text
    assert "15~000,00~zł (słownie: piętnaście tysięcy złotych 00/100)" in text
    ids = [
        c["id"]
        for d in result.manifest.documents
        if d["kind"] == "declaration"
        for c in d["clauses"]
    ]
    assert "financing.budget" in ids and "financing.none" not in ids


def test_review_annex_for_mentors_sits_beside_the_documents_never_in_them(tmp_path):
    overlay = str(SAMPLES / "overlays" / "wbp-kielce")
    result = build(
        SAMPLES / "lipowiec.yaml",
        tmp_path / "r",
        BuildOptions(formats=("docx",), library=LibrarySelection((Path(overlay),)), review=True),
    )
    review = (tmp_path / "r" / "przeglad-klauzul.md").read_text(encoding="utf-8")
    assert "| mentoring.bw |" in review and "wbp-kielce" in review and "central v3" in review
    assert "przeglad-klauzul.md" in result.manifest.files
    assert "Pochodzenie klauzul" not in docx_text(tmp_path / "r" / "deklaracja-partnerstwa.docx")


def test_build_uses_the_central_library_named_in_deedgen_toml(tmp_path, monkeypatch):
    """Issue 11, bug 2: ``central = "…"`` in deedgen.toml was honoured by ``clause show`` but
    ignored by ``build``."""
    from deedgen.clauses.library import load_library as load_central

    central = tmp_path / "moja-centralna"
    shutil.copytree(load_central().layers[-1].path, central)
    mentoring = central / "mentoring" / "bw.pl.txt"
    text = mentoring.read_text(encoding="utf-8")
    front_matter = text.split("\n---\n", 1)[0]
    mentoring.write_text(
        front_matter + "\n---\nMentor spotyka się z Koalicją w Grabowej Woli co tydzień.\n",
        encoding="utf-8",
    )
    (tmp_path / "deedgen.toml").write_text('[library]\ncentral = "moja-centralna"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["build", str(SAMPLES / "lipowiec.yaml"), "-o", "out", "--format", "docx"],
    )
    assert result.exit_code == 0, result.output
    text = docx_text((tmp_path / "out" / "deklaracja-partnerstwa.docx").read_bytes())
    assert "Grabowej Woli co tydzień" in text
