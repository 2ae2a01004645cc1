"""The annual evaluation report „Raport z corocznej ewaluacji koalicji”: its text in Polish and
English against golden files, its clauses from the evaluation category, and its PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest

GOLDEN = Path(__file__).parent / "golden"
FOLDER = "2604052-gmina-lipowiec"


def docx_text(path: Path) -> str:
    """The body's paragraphs and table rows in order, one per line (cells joined by ' | ')."""
    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter(docx.oxml.ns.qn("w:t")))
            if text.strip():
                lines.append(text)
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_golden_text(scenario, lang):
    suffix = "" if lang == "pl" else ".en"
    text = docx_text(scenario["out"] / FOLDER / f"raport-ewaluacji-2026{suffix}.docx")
    golden = GOLDEN / f"raport-ewaluacji-2026.{lang}.txt"
    if os.environ.get("DEEDGEN_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_only_coalitions_with_an_annual_report_get_one(scenario):
    reports = sorted(
        p.relative_to(scenario["out"]).as_posix() for p in scenario["out"].rglob("*.docx")
    )
    assert reports == [
        f"{FOLDER}/raport-ewaluacji-2026.docx",
        f"{FOLDER}/raport-ewaluacji-2026.en.docx",
    ]


def test_a_regional_overlay_rewords_the_report(scenario, tmp_path):
    """The report's clauses are layered like every clause: an overlay's wording wins."""
    from deedgen.clauses.library import load_library
    from deedgen.evaluation.annual import render_report
    from deedgen.evaluation.cohort import evaluate_reports

    overlay = tmp_path / "wbp" / "evaluation"
    overlay.mkdir(parents=True)
    central = Path(__file__).parents[2] / "clause_library" / "evaluation"
    text = (central / "recipients.pl.txt").read_text(encoding="utf-8")
    (overlay / "recipients.pl.txt").write_text(
        text.replace("version: 1", "version: 2").replace(
            "Zespół przekazuje", "Koordynator przekazuje"
        ),
        encoding="utf-8",
    )
    english = (central / "recipients.en.txt").read_text(encoding="utf-8")
    (overlay / "recipients.en.txt").write_text(
        english.replace("version: 1", "version: 2"), encoding="utf-8"
    )
    run = evaluate_reports(scenario["reports"], cohort=scenario["sheets"], as_of=scenario["as_of"])
    lipowiec = next(c for c in run.coalitions if c.terc == "2604052")
    target = tmp_path / "r.docx"
    target.write_bytes(render_report(lipowiec, 2026, load_library([tmp_path / "wbp"]), "pl"))
    assert "Koordynator przekazuje raport Stronom" in docx_text(target)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice(scenario, tmp_path):
    from pypdf import PdfReader

    from deedgen.evaluation.annual import write_annual_reports
    from deedgen.evaluation.cohort import evaluate_reports

    run = evaluate_reports(scenario["reports"], cohort=scenario["sheets"], as_of=scenario["as_of"])
    written = write_annual_reports(run, tmp_path, pdf=True, langs=("pl",))
    pdf = next(p for p in written if p.suffix == ".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "RAPORT Z COROCZNEJ EWALUACJI KOALICJI" in text
    assert "Działania społeczne zrealizowane w 2026 r.: 2 (d1, d2)" in " ".join(text.split())
