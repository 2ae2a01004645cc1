"""Empty signature fields, one per signatory, placed just above where each signatory's name is
printed (else on a grid at the foot of the last page), so that each party can sign the bundle in
turn with a PAdES signature."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)

from deedgen.document import Signatory
from deedgen.render.pdftext import PageWords, normalize_text

Rect = tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points, origin bottom left

SIGNATURE_SIZE = (170.0, 42.0)  # width, height of a signature field placed automatically

PAGE_MARGIN = 56.0  # 2 cm


def signature_field_name(signatory: Signatory) -> str:
    """A field name safe for every signing tool: ASCII, no dots (they separate name levels)."""
    kind = "kontrasygnata" if signatory.role == "countersignature" else "podpis"
    return "-".join(
        _slug(part) for part in (kind, signatory.party_id, signatory.person) if _slug(part)
    )


def _slug(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()


def signature_layout(pages: list, signatories: Sequence[Signatory]) -> list[tuple[int, Rect]]:
    """Above each signatory's printed name where it can be found, else a grid on the last page.
    Pages are read from the end (where the signature block is) and only until every name is
    found: reading text with positions is the slow part of making a bundle."""
    lines_per_page: list = [[] for _ in pages]
    for index in range(len(pages) - 1, -1, -1):
        lines_per_page[index] = _text_lines(pages[index])
        if all(_find_name(lines_per_page, one.person) is not None for one in signatories):
            break
    found = []
    for signatory in signatories:
        spot = _find_name(lines_per_page, signatory.person)
        if spot is None:
            return _grid(pages[-1], len(signatories), len(pages) - 1)
        index, x, baseline, size = spot
        width, height = SIGNATURE_SIZE
        page_width = float(pages[index].mediabox.right)
        left = max(PAGE_MARGIN / 2, min(x - 4, page_width - width - PAGE_MARGIN / 2))
        bottom = baseline + size * 1.1
        found.append((index, (left, bottom, left + width, bottom + height)))
    return found


def _text_lines(page) -> list[tuple[str, float, float, float]]:
    """The page's text as (text, x, baseline, font size) fragments, as the content draws them."""
    fragments: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            fragments.append((normalize_text(text), x, y, size * abs(tm[3] * cm[3] or 1)))

    page.extract_text(visitor_text=visit)
    return fragments


def _find_name(lines_per_page, name: str):
    """The last place (page index, x, baseline, size) where ``name`` is printed, or None."""
    wanted = normalize_text(name)
    for index in range(len(lines_per_page) - 1, -1, -1):
        hits = [(x, y, size) for text, x, y, size in lines_per_page[index] if wanted in text]
        if hits:
            x, y, size = min(hits, key=lambda hit: hit[1])  # the lowest on the page
            return index, x, y, size
    return None


def _grid(page, count: int, index: int) -> list[tuple[int, Rect]]:
    """Two columns of fields from the foot of the page upwards."""
    return _grid_on(float(page.mediabox.right), float(page.mediabox.top), count, index)


def _grid_on(page_width: float, page_height: float, count: int, index: int):
    rows = (count + 1) // 2
    width = (page_width - 2 * PAGE_MARGIN - 20) / 2
    pitch = min(SIGNATURE_SIZE[1] + 14, (page_height - 2 * PAGE_MARGIN) / rows)
    height = pitch - 14 if pitch > 28 else pitch * 0.8
    boxes = []
    for i in range(count):
        row, column = divmod(i, 2)
        left = PAGE_MARGIN + column * (width + 20)
        bottom = PAGE_MARGIN + (rows - 1 - row) * pitch
        boxes.append((index, (left, bottom, left + width, bottom + height)))
    return boxes


def add_signature_fields(
    writer: PdfWriter, pages: list, signatories: Sequence[Signatory], boxes
) -> None:
    fields = ArrayObject()
    used: set[str] = set()
    for signatory, (index, rect) in zip(signatories, boxes, strict=True):
        name = _unique(signature_field_name(signatory), used)
        page = pages[index]
        widget = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject(name),
                NameObject("/TU"): TextStringObject(_tooltip(signatory)),
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/F"): NumberObject(4),  # Print; PDF/A forbids hidden annotations
                NameObject("/Rect"): RectangleObject(rect),
                NameObject("/P"): page.indirect_reference,
                NameObject("/AP"): DictionaryObject(
                    {NameObject("/N"): writer._add_object(_frame_appearance(rect))}
                ),
            }
        )
        reference = writer._add_object(widget)
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        page["/Annots"].get_object().append(reference)
        fields.append(reference)
    form = DictionaryObject({NameObject("/Fields"): fields})
    writer.root_object[NameObject("/AcroForm")] = writer._add_object(form)


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def _tooltip(signatory: Signatory) -> str:
    role = "Kontrasygnata" if signatory.role == "countersignature" else "Podpis"
    return f"{role}: {signatory.person}, {signatory.function} ({signatory.party_name})"


def _frame_appearance(rect: Rect) -> StreamObject:
    """A thin grey frame marking where to sign; no text, so no font to embed (PDF/A)."""
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    stream = DecodedStreamObject()
    frame = f"0.6 0.6 0.6 RG 0.5 w 0.25 0.25 {width - 0.5:.2f} {height - 0.5:.2f} re S"
    stream.set_data(frame.encode())
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
            ),
            NameObject("/Resources"): DictionaryObject(),
        }
    )
    return stream


def signature_spots(
    pages: list[PageWords], signatories: Sequence[Signatory]
) -> list[tuple[int, Rect]]:
    """Where each signatory's field goes: just above the last place their name is printed (the
    lowest on the last page that shows it), else — for all of them, if one name is missing — a
    grid at the foot of the document's last page."""
    spots = []
    for signatory in signatories:
        found = _find_words(pages, signatory.person)
        if found is None:
            last = pages[-1]
            return _grid_on(last.width, last.height, len(signatories), len(pages) - 1)
        index, x, top, bottom = found
        height = bottom - top
        width, field_height = SIGNATURE_SIZE
        page = pages[index]
        left = max(PAGE_MARGIN / 2, min(x - 4, page.width - width - PAGE_MARGIN / 2))
        field_bottom = page.height - top + 0.18 * height  # PDF space: origin at the bottom
        spots.append((index, (left, field_bottom, left + width, field_bottom + field_height)))
    return spots


def _find_words(pages: list[PageWords], name: str):
    """(page index, x of the name's first word, line top, line bottom) of the lowest line on
    the last page that prints *name*, or None."""
    wanted = normalize_text(name)
    for index in range(len(pages) - 1, -1, -1):
        hits = []
        for line in pages[index].lines:
            words = [normalize_text(word[0]) for word in line]
            joined = " ".join(words)
            at = joined.find(wanted)
            if at < 0:
                continue
            first, start = 0, 0
            while first < len(words) - 1 and at >= start + len(words[first]) + 1:
                start += len(words[first]) + 1  # the word the match begins in
                first += 1
            hits.append((line[first][1], min(w[2] for w in line), max(w[4] for w in line)))
        if hits:
            x, top, bottom = max(hits, key=lambda hit: hit[2])
            return index, x, top, bottom
    return None
