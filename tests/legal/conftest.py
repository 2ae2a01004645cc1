"""Scenario helpers for the legal tests: build a coalition's documents in memory from a partner
sheet (a sample, or a variant written by the test) and read them back as a lawyer reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.document import DOCUMENT_ORDER
from deedgen.render.docx import render_docx
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES, docx_text, load_sample, write_sheet

SAMPLE_SHEETS = ("lipowiec", "brzeziny-nowe", "niezgodna")
COHORT = SAMPLES / "cohort" / "arkusze"


@dataclass(frozen=True)
class Paragraph:
    """One numbered § of a generated document: its number, its title and its text."""

    number: int
    title: str
    text: str


@dataclass(frozen=True)
class Text:
    """A generated document as text, with non-breaking spaces read as spaces."""

    full: str

    def paragraphs(self) -> list[Paragraph]:
        found, lines = [], self.full.splitlines()
        starts = [i for i, line in enumerate(lines) if re.fullmatch(r"§ \d+", line)]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            body = "\n".join(lines[start + 2 : end])
            found.append(Paragraph(int(lines[start][2:]), lines[start + 1], body))
        return found

    def paragraph(self, title: str) -> Paragraph:
        matches = [p for p in self.paragraphs() if p.title == title]
        assert len(matches) == 1, f"expected one § titled {title!r}, found {len(matches)}"
        return matches[0]


@cache
def _library():
    return load_library()


def build(sheet: Path | str, lang: str = "pl") -> dict[str, Text]:
    """Every document of the coalition in *sheet*, by kind, as text."""
    path = SAMPLES / f"{sheet}.yaml" if isinstance(sheet, str) else sheet
    documents = assemble_documents(read_sheet(path), _library(), lang, kinds=DOCUMENT_ORDER)
    return {
        kind: Text(docx_text(render_docx(document)).replace("~", " "))
        for kind, document in documents.items()
    }


def variant(tmp_path: Path, change, base: str = "lipowiec") -> Path:
    """A sample sheet changed by *change* (a function editing the loaded data), written as YAML."""
    data = load_sample(base)
    change(data)
    return write_sheet(tmp_path / f"{base}-wariant.yaml", data)
