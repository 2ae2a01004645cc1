"""Fixtures for the PDF tests: DOCX files with Polish text, and a PDF/A converter that the whole
session shares (starting LibreOffice is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deedgen.render.pdf import PdfConverter
from tests.render.pdf_helpers import SIGNATORIES, write_docx


@pytest.fixture(scope="session")
def sources(tmp_path_factory) -> dict[str, Path]:
    """The declaration (with its signature block) and two annexes."""
    folder = tmp_path_factory.mktemp("docx")
    return {
        "declaration": write_docx(
            folder / "deklaracja-partnerstwa.docx",
            "Deklaracja partnerstwa",
            pages=2,
            signatories=SIGNATORIES,
        ),
        "action_plan": write_docx(folder / "plan-dzialan.docx", "Plan działań koalicji"),
        "evaluation_forms": write_docx(
            folder / "formularze-ewaluacji.docx", "Formularze ewaluacji"
        ),
    }


@pytest.fixture(scope="session")
def pdfa_converter(tmp_path_factory):
    with PdfConverter(workers=2, pdfa=True, workdir=tmp_path_factory.mktemp("lo")) as converter:
        yield converter


@pytest.fixture(scope="session")
def pdfa_pdfs(pdfa_converter, sources, tmp_path_factory) -> dict[str, Path]:
    """The three documents converted to PDF/A-2b (tagged)."""
    outdir = tmp_path_factory.mktemp("pdfa")
    results = pdfa_converter.convert(list(sources.values()), outdir)
    assert all(r.ok for r in results), [r.error for r in results]
    return {kind: result.pdf for kind, result in zip(sources, results, strict=True)}
