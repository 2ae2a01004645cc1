"""The signable bundle: the declaration and its annexes in one PDF, ready for PAdES signatures.

:func:`make_bundle` concatenates the converted PDFs and gives the result an outline (a bookmark
per document, its headings below), page labels, document metadata and ``/Lang``, and an empty
signature field per signatory on the declaration's signature page, so that each party can sign
in turn: every signature is an incremental update that leaves the earlier ones valid.

Rebuilding from the same inputs gives the same bytes: dates come from the partner sheet, never
the clock, and the file identifier is a hash of the content. With ``pdfa=True`` the inputs must
be PDF/A (convert with ``PdfConverter(pdfa=True)``) and the bundle stays PDF/A-2b: matching XMP
and Info metadata, the inputs' sRGB output intent, their embedded fonts.

:func:`verify_text` reads a PDF's text back and checks that names survived with their
diacritics; :func:`pdfa_problems` is a quick self-check of the PDF/A essentials (not a full
validator such as veraPDF).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)

from deedgen import __version__
from deedgen.document import Signatory
from deedgen.exceptions import ConversionError, OutputError, VerificationError

# sRGB profiles of Debian packages, used only when the inputs carry no output intent of their own
ICC_CANDIDATES = (
    ("/usr/share/color/icc/sRGB.icc", "icc-profiles-free"),
    ("/usr/share/color/icc/colord/sRGB.icc", "colord-data"),
    ("/usr/share/color/icc/ghostscript/srgb.icc", "libgs-common"),
)
Rect = tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points, origin bottom left
SIGNATURE_SIZE = (170.0, 42.0)  # width, height of a signature field placed automatically
PAGE_MARGIN = 56.0  # 2 cm


@dataclass(frozen=True)
class PdfInfo:
    """Document metadata, all from the partner sheet, so that a rebuild is byte-identical."""

    title: str
    author: str  # the initiating library
    created: date  # the declaration's date
    subject: str = ""
    keywords: tuple[str, ...] = ()
    lang: str = "pl"  # BCP 47, written to the catalog's /Lang and dc:language
    creator: str = "deedgen"


@dataclass(frozen=True)
class BundlePart:
    """One document of the bundle: its bookmark title, its PDF, and its page-label prefix
    (``None``: none for the first document, ``"Zał. N, s. "`` for annex N)."""

    title: str
    path: Path
    label: str | None = None


def make_bundle(
    parts: Sequence[BundlePart | tuple[str, str | os.PathLike]],
    out_path: str | os.PathLike,
    info: PdfInfo,
    *,
    signatories: Sequence[Signatory] = (),
    pdfa: bool = False,
    signature_boxes: Sequence[Rect] | None = None,
    signature_spots: Sequence[tuple[int, Rect]] | None = None,
    icc_profile: str | os.PathLike | None = None,
) -> Path:
    """Write the bundle of ``parts`` (the declaration first) to ``out_path``.

    Signature fields, one per signatory, go where each signatory's name last appears in the
    first document (just above the printed name), or on a grid at the foot of its last page
    when a name is not found, or into ``signature_boxes`` (one rectangle per signatory, on the
    first document's last page), or into ``signature_spots`` ((page index in the first document,
    rectangle) per signatory: what :func:`signature_spots` found in the words pdftotext read,
    which spares reading the pages' text again here). ``icc_profile`` overrides the output
    intent's profile.
    """
    parts = [p if isinstance(p, BundlePart) else BundlePart(p[0], Path(p[1])) for p in parts]
    if not parts:
        raise OutputError("a bundle needs at least one document")
    if signature_boxes is not None and len(signature_boxes) != len(signatories):
        raise ValueError("signature_boxes needs one rectangle per signatory")
    readers = [_read(part.path) for part in parts]
    if pdfa:
        for part, reader in zip(parts, readers, strict=True):
            if _pdfa_part(reader) is None:
                raise ConversionError(
                    f"{part.path.name} is not PDF/A, so the bundle cannot be: "
                    "convert it with PdfConverter(pdfa=True)"
                )

    writer = PdfWriter()
    writer.pdf_header = "%PDF-1.7"
    first_doc_pages = _append_parts(writer, parts, readers)
    _write_metadata(writer, info, pdfa=pdfa)
    if pdfa:
        intents = _output_intents(writer, readers, icc_profile, info.created)
        writer.root_object[NameObject("/OutputIntents")] = intents
    if signatories:
        pages = writer.pages[first_doc_pages[0] : first_doc_pages[1]]
        boxes = signature_boxes and [(len(pages) - 1, box) for box in signature_boxes]
        boxes = boxes or (list(signature_spots) if signature_spots else None)
        _add_signature_fields(writer, pages, signatories, boxes or _layout(pages, signatories))
    return _write_reproducibly(writer, Path(out_path))


_CREATION_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_TRAILER_ID = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
_DOC_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")


def stamp_reproducibly(path: str | os.PathLike, created: date) -> bool:
    """Make a PDF LibreOffice just wrote byte-reproducible without rewriting it: its creation
    date becomes *created* and its identifiers a hash of its content, each patched in place at the
    same length (so no offset moves). Its metadata come from the DOCX's properties. Returns False
    — and changes nothing — for a PDF this cannot handle (PDF/A with XMP dates, another producer):
    use :func:`finalize_pdf` then."""
    path = Path(path)
    data = path.read_bytes()
    if (
        b"<x:xmpmeta" in data
        or b"/Producer<FEFF004C0069006200720065004F0066006600690063006500" not in data
    ):
        return False
    stamp = created.strftime("%Y%m%d000000").encode()
    data, dates = _CREATION_DATE.subn(lambda m: b"/" + m.group(1) + b"(D:" + stamp, data)
    ids = list(_TRAILER_ID.finditer(data))
    if dates == 0 or len(ids) != 1:
        return False
    blank = _DOC_CHECKSUM.sub(
        b"/DocChecksum /" + b"0" * 32,
        _TRAILER_ID.sub(b"/ID [ <" + b"0" * 32 + b"><" + b"0" * 32 + b"> ]", data),
    )
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    data = _TRAILER_ID.sub(
        lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), data
    )
    data = _DOC_CHECKSUM.sub(b"/DocChecksum /" + digest, data)
    path.write_bytes(data)
    return True


def finalize_pdf(
    path: str | os.PathLike, info: PdfInfo, out_path: str | os.PathLike | None = None
) -> Path:
    """Give one converted PDF deedgen's metadata, ``/Lang`` and a content-derived identifier, so
    that it too is byte-identical on a rebuild. Its structure tree (tags) and PDF/A identification
    are kept. Writes to ``out_path`` (default: in place) and returns that path."""
    source = Path(path)
    reader = _read(source)
    pdfa = _pdfa_part(reader) is not None
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = "%PDF-1.7"
    _write_metadata(writer, info, pdfa=pdfa)
    _redate_output_intents(writer, info.created)
    return _write_reproducibly(writer, Path(out_path) if out_path else source)


# Assembling --------------------------------------------------------------------------------------


def _read(path: Path) -> PdfReader:
    try:
        return PdfReader(path)
    except (OSError, PyPdfError) as e:
        raise ConversionError(f"cannot read {path} as a PDF: {e}") from e


def _append_parts(
    writer: PdfWriter, parts: list[BundlePart], readers: list[PdfReader]
) -> tuple[int, int]:
    """Append every part with its bookmark and page labels; return the first part's page span."""
    spans = []
    for number, (part, reader) in enumerate(zip(parts, readers, strict=True)):
        start = len(writer.pages)
        # the document's own bookmarks (its headings) go under the document's bookmark
        writer.append(reader, outline_item=part.title, import_outline=True)
        end = len(writer.pages)
        spans.append((start, end))
        if end == start:
            raise ConversionError(f"{part.path.name} has no pages")
        prefix = part.label if part.label is not None else (f"Zał. {number}, s. " if number else "")
        writer.set_page_label(start, end - 1, style="/D", prefix=prefix or None, start=1)
    return spans[0]


def _write_metadata(writer: PdfWriter, info: PdfInfo, *, pdfa: bool) -> None:
    """The Info dictionary and the XMP packet, saying the same things (PDF/A requires it)."""
    stamp = _pdf_date(info.created)
    entries = {
        "/Title": info.title,
        "/Author": info.author,
        "/Subject": info.subject,
        "/Keywords": ", ".join(info.keywords),
        "/Creator": info.creator,
        "/Producer": f"deedgen {__version__}",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }
    writer.metadata = {k: v for k, v in entries.items() if v}
    writer.xmp_metadata = _xmp(info, pdfa=pdfa)
    metadata = writer.root_object["/Metadata"].get_object()
    metadata.update({NameObject("/Type"): NameObject("/Metadata")})
    metadata.update({NameObject("/Subtype"): NameObject("/XML")})
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.lang)
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )


def _xmp(info: PdfInfo, *, pdfa: bool) -> bytes:
    created = _xmp_date(info.created)

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    lines = [
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title>{alt(info.title)}</dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>",
        f"<pdf:Producer>deedgen {__version__}</pdf:Producer>",
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{created}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{created}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{created}</xmp:MetadataDate>",
    ]
    if info.subject:
        lines.append(f"<dc:description>{alt(info.subject)}</dc:description>")
    if info.keywords:
        lines.append(f"<pdf:Keywords>{escape(', '.join(info.keywords))}</pdf:Keywords>")
    if pdfa:
        lines += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    body = "\n".join("   " + line for line in lines)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _output_intents(
    writer: PdfWriter,
    readers: list[PdfReader],
    icc_profile: str | os.PathLike | None,
    created: date,
) -> ArrayObject:
    """An sRGB output intent around ``icc_profile``, else the profile LibreOffice wrote into the
    inputs, else one installed by a Debian package."""
    if icc_profile is not None:
        data = Path(icc_profile).read_bytes()
    else:
        data = next(filter(None, (_input_icc_profile(r) for r in readers)), None)
        if data is None:
            system = next((Path(p) for p, _ in ICC_CANDIDATES if Path(p).is_file()), None)
            if system is None:
                packages = " or ".join(pkg for _, pkg in ICC_CANDIDATES[:2])
                raise ConversionError(
                    f"no sRGB ICC profile found for the PDF/A output intent; install {packages}"
                )
            data = system.read_bytes()
    profile = DecodedStreamObject()
    profile.set_data(_icc_dated(data, created))
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
        }
    )
    return ArrayObject([writer._add_object(intent)])


def _input_icc_profile(reader: PdfReader) -> bytes | None:
    intents = reader.root_object.get("/OutputIntents")
    if not intents or "/DestOutputProfile" not in intents[0].get_object():
        return None
    return intents[0].get_object()["/DestOutputProfile"].get_object().get_data()


def _redate_output_intents(writer: PdfWriter, created: date) -> None:
    """Give the ICC profiles of a cloned PDF a fixed creation date (see :func:`_icc_dated`)."""
    for intent in writer.root_object.get("/OutputIntents", ArrayObject()):
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is not None:
            stream = profile.get_object()
            stream.set_data(_icc_dated(stream.get_data(), created))


def _icc_dated(icc: bytes, created: date) -> bytes:
    """The ICC profile with ``created`` as its creation date-time (header bytes 24–35).

    LibreOffice generates its sRGB profile at every export and stamps the current time into it,
    which would make each rebuild differ. A profile with an MD5 profile ID (bytes 84–99) is left
    alone, since changing the date would invalidate the ID.
    """
    if len(icc) < 128 or icc[36:40] != b"acsp" or any(icc[84:100]):
        return icc
    stamp = struct.pack(">6H", created.year, created.month, created.day, 0, 0, 0)
    return icc[:24] + stamp + icc[36:]


def _write_reproducibly(writer: PdfWriter, out_path: Path) -> Path:
    """Write with a file identifier derived from the content instead of a random one.

    pypdf sets no /ID of its own; PDF/A needs one, and signatures bind to it.
    """
    writer._ID = ArrayObject([ByteStringObject(b"\0" * 16)] * 2)  # pypdf has no public setter
    draft = io.BytesIO()
    writer.write(draft)
    digest = ByteStringObject(hashlib.md5(draft.getvalue(), usedforsecurity=False).digest())
    writer._ID = ArrayObject([digest, digest])
    final = io.BytesIO()
    writer.write(final)
    temporary = out_path.with_name(out_path.name + ".part")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(final.getvalue())
        os.replace(temporary, out_path)
    except OSError as e:
        raise OutputError(f"cannot write {out_path}: {e}") from e
    return out_path


def _pdf_date(day: date) -> str:
    return f"D:{day:%Y%m%d}000000+00'00'"


def _xmp_date(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+00:00"


# Signature fields --------------------------------------------------------------------------------


def signature_field_name(signatory: Signatory) -> str:
    """A field name safe for every signing tool: ASCII, no dots (they separate name levels)."""
    kind = "kontrasygnata" if signatory.role == "countersignature" else "podpis"
    return "-".join(_slug(s) for s in (kind, signatory.party_id, signatory.person) if _slug(s))


def _slug(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()


def _layout(pages: list, signatories: Sequence[Signatory]) -> list[tuple[int, Rect]]:
    """Above each signatory's printed name where it can be found, else a grid on the last page.
    Pages are read from the end (where the signature block is) and only until every name is
    found: reading text with positions is the slow part of making a bundle."""
    lines_per_page: list = [[] for _ in pages]
    for index in range(len(pages) - 1, -1, -1):
        lines_per_page[index] = _text_lines(pages[index])
        if all(_find_name(lines_per_page, s.person) is not None for s in signatories):
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
            fragments.append((_normalize(text), x, y, size * abs(tm[3] * cm[3] or 1)))

    page.extract_text(visitor_text=visit)
    return fragments


def _find_name(lines_per_page, name: str):
    """The last place (page index, x, baseline, size) where ``name`` is printed, or None."""
    wanted = _normalize(name)
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


def _add_signature_fields(
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


# Checks ------------------------------------------------------------------------------------------


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
    wanted = _normalize(name)
    for index in range(len(pages) - 1, -1, -1):
        hits = []
        for line in pages[index].lines:
            words = [_normalize(word[0]) for word in line]
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
    return [page.extract_text() or "" for page in _read(Path(pdf)).pages]


def extract_text(pdf: str | os.PathLike) -> str:
    """All the text of a PDF, pages separated by newlines (see :func:`extract_pages`)."""
    return "\n".join(extract_pages(pdf))


def missing_texts(text: str, expected: Iterable[str]) -> list[str]:
    """The strings of ``expected`` that ``text`` does not contain, comparing letters exactly
    (diacritics included) but whitespace, NBSP, soft hyphens, ligatures and a hyphen at a line
    break loosely."""
    joined = _normalize(text)
    dehyphenated = re.sub(r"(\w)- (\w)", r"\1\2", joined)
    haystacks = [joined, dehyphenated] + [_squeeze(h) for h in (joined, dehyphenated)]
    missing = []
    for item in expected:
        wanted = _normalize(item)
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


def pdfa_problems(pdf: str | os.PathLike) -> list[str]:
    """What keeps ``pdf`` from being PDF/A-2b, among the essentials: identification, an output
    intent, a file identifier, embedded fonts, Info and XMP titles in agreement. Empty if none."""
    reader = _read(Path(pdf))
    problems = []
    part = _pdfa_part(reader)
    if part is None:
        problems.append("no PDF/A identification (pdfaid) in the XMP metadata")
    intents = reader.root_object.get("/OutputIntents")
    if not intents or "/DestOutputProfile" not in intents[0].get_object():
        problems.append("no output intent with an ICC profile")
    if "/ID" not in reader.trailer:
        problems.append("no file identifier (/ID) in the trailer")
    if reader.is_encrypted:
        problems.append("the file is encrypted")
    problems += [f"font not embedded: {name}" for name in sorted(_unembedded_fonts(reader))]
    title = (reader.metadata or {}).get("/Title")
    xmp = _xmp_text(reader)
    if title and escape(str(title)) not in xmp:
        problems.append("the Info title and the XMP dc:title differ")
    return problems


def _pdfa_part(reader: PdfReader) -> str | None:
    match = re.search(r"pdfaid:part(?:>|=[\"'])\s*(\d)", _xmp_text(reader))
    return match.group(1) if match else None


def _xmp_text(reader: PdfReader) -> str:
    metadata = reader.root_object.get("/Metadata")
    if metadata is None:
        return ""
    return metadata.get_object().get_data().decode("utf-8", errors="replace")


def _unembedded_fonts(reader: PdfReader) -> set[str]:
    missing: set[str] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":
                continue
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor", {}).get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")))
    return missing


def _normalize(text: str) -> str:
    """NFKC (ligatures, NBSP → plain), soft hyphens out, whitespace runs → one space."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


__all__ = [
    "BundlePart",
    "PageWords",
    "PdfInfo",
    "extract_pages",
    "extract_text",
    "finalize_pdf",
    "make_bundle",
    "missing_texts",
    "pdfa_problems",
    "read_words",
    "signature_field_name",
    "signature_spots",
    "verify_text",
]
