"""Reading a PDF back: its text page by page, its words with their boxes, and the check that
names survived conversion with their diacritics (:func:`verify_text`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from deedgen.exceptions import ConversionError, VerificationError


def read_pdf(path: Path) -> PdfReader:
    try:
        return PdfReader(path)
    except (OSError, PyPdfError) as e:
        raise ConversionError(f"cannot read {path} as a PDF: {e}") from e


@dataclass
class PageWords:
    """A page's words as pdftotext lays them out: lines of (word, x0, y0, x1, y1), with the
    origin at the top left of the page, as pdftotext gives them."""

    width: float
    height: float
    lines: list[list[tuple[str, float, float, float, float]]]

    def text(self) -> str:
        return "\n".join(" ".join(word[0] for word in line) for line in self.lines)


def read_words(pdf: str | os.PathLike) -> list[PageWords] | None:
    """Every page's words with their boxes (``pdftotext -bbox-layout``), or None without
    pdftotext. One read gives a bundle what it needs of its first document: the text to verify,
    the page count, and where each signatory's name is printed."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        return None
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        timeout=120,
    )
    if done.returncode != 0:
        return None
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        root = etree.fromstring(done.stdout, parser)
    except etree.XMLSyntaxError:
        return None
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in root.iter(f"{ns}page"):
        lines = [
            [
                (
                    word.text or "",
                    float(word.get("xMin")),
                    float(word.get("yMin")),
                    float(word.get("xMax")),
                    float(word.get("yMax")),
                )
                for word in line.iter(f"{ns}word")
            ]
            for line in page.iter(f"{ns}line")
        ]
        pages.append(PageWords(float(page.get("width")), float(page.get("height")), lines))
    return pages or None


def extract_pages(pdf: str | os.PathLike) -> list[str]:
    """The text of each page: poppler's pdftotext where installed (ten times faster than pypdf
    on these documents), else pypdf."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        done = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120
        )
        if done.returncode == 0:
            pages = done.stdout.decode("utf-8", "replace").split("\f")
            return pages[:-1] if pages and not pages[-1].strip() else pages
    return [page.extract_text() or "" for page in read_pdf(Path(pdf)).pages]


def extract_text(pdf: str | os.PathLike) -> str:
    """All the text of a PDF, pages separated by newlines (see :func:`extract_pages`)."""
    return "\n".join(extract_pages(pdf))


def missing_texts(text: str, expected: Iterable[str]) -> list[str]:
    """The strings of ``expected`` that ``text`` does not contain, comparing letters exactly
    (diacritics included) but whitespace, NBSP, soft hyphens, ligatures and a hyphen at a line
    break loosely."""
    joined = normalize_text(text)
    dehyphenated = re.sub(r"(\w)- (\w)", r"\1\2", joined)
    haystacks = [joined, dehyphenated] + [_squeeze(h) for h in (joined, dehyphenated)]
    missing = []
    for item in expected:
        wanted = normalize_text(item)
        exact = wanted in haystacks[0] or wanted in haystacks[1]
        if not exact and not any(_squeeze(wanted) in h for h in haystacks[2:]):
            missing.append(item)
    return missing


def verify_text(
    pdf: str | os.PathLike, expected: Iterable[str], *, text: str | None = None
) -> None:
    """Raise :class:`VerificationError` naming every string of ``expected`` that the PDF's text
    (*text*, when the caller has read it already) lacks, e.g. a party's name whose diacritics
    were lost in conversion."""
    missing = missing_texts(extract_text(pdf) if text is None else text, expected)
    if missing:
        listed = "; ".join(f"„{m}”" for m in missing)
        raise VerificationError(f"{Path(pdf).name}: text not found in the PDF: {listed}")


def normalize_text(text: str) -> str:
    """NFKC (ligatures, NBSP → plain), soft hyphens out, whitespace runs → one space."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
