"""Golden texts: every document of the samples, read back from the DOCX, equals a reviewed text.

After a deliberate change of clause texts or templates, regenerate with
    DEEDGEN_UPDATE_GOLDEN=1 python -m pytest tests/golden
and review the diff of tests/golden/*/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.document import DOCUMENT_ORDER, DOCUMENT_SLUGS
from deedgen.render.docx import render_docx
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES, docx_text

GOLDEN = Path(__file__).parent
# the sample cohort's Grabowa Wola Mała: a supporting informal group, so annex 3 too
GRABOWA = "cohort/arkusze/grabowa-wola-mala"
CASES = [
    ("lipowiec", "pl"),
    ("lipowiec", "en"),
    ("brzeziny-nowe", "pl"),
    (GRABOWA, "pl"),
    (GRABOWA, "en"),
]


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize(("sample", "lang"), CASES)
@pytest.mark.parametrize("kind", DOCUMENT_ORDER)
def test_document_text_matches_golden(library, sample, lang, kind):
    sheet = read_sheet(SAMPLES / f"{sample}.yaml")
    golden = GOLDEN / Path(sample).name / f"{DOCUMENT_SLUGS[kind]}.{lang}.txt"
    documents = assemble_documents(sheet, library, lang, kinds=(kind,))
    if kind not in documents:  # the coalition has no such document (no supporters: no annex 3)
        assert not golden.exists(), f"{golden}: a golden text of a document the sample lacks"
        return
    text = docx_text(render_docx(documents[kind]))
    if os.environ.get("DEEDGEN_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), (
        f"no golden text {golden}; generate it with DEEDGEN_UPDATE_GOLDEN=1 and review it"
    )
    assert text == golden.read_text(encoding="utf-8")
