"""The signable bundle: the declaration and its annexes in one PDF, ready for PAdES signatures.

:func:`make_bundle` concatenates the converted PDFs and gives the result an outline (a bookmark
per document, its headings below), page labels, document metadata and ``/Lang``, and an empty
signature field per signatory on the declaration's signature page, so that each party can sign
in turn: every signature is an incremental update that leaves the earlier ones valid.

Rebuilding from the same inputs gives the same bytes: dates come from the partner sheet, never
the clock, and the file identifier is a hash of the content. With ``pdfa=True`` the inputs must
be PDF/A (convert with ``PdfConverter(pdfa=True)``) and the bundle stays PDF/A-2b: matching XMP
and Info metadata, the inputs' sRGB output intent (:mod:`deedgen.render.pdfa`), their embedded
fonts. The signature fields are placed by :mod:`deedgen.render.signature_fields`; reading a PDF
back and verifying its text is :mod:`deedgen.render.pdftext`.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from deedgen import __version__
from deedgen.document import Signatory
from deedgen.exceptions import ConversionError, OutputError
from deedgen.fsutil import atomic_write_bytes
from deedgen.render.pdfa import output_intents, pdfa_part, redate_output_intents
from deedgen.render.pdftext import read_pdf
from deedgen.render.signature_fields import Rect, add_signature_fields, signature_layout


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
    first document's last page), or into ``signature_spots`` ((page index in the bundle — the
    first document's pages come first — and rectangle) per signatory: what
    :func:`~deedgen.render.signature_fields.signature_spots` found in the words pdftotext read,
    which spares reading the pages' text again here, and which may place the signatories of an
    annex, the declarations of support, on its pages). ``icc_profile`` overrides the output
    intent's profile.
    """
    parts = [
        part if isinstance(part, BundlePart) else BundlePart(part[0], Path(part[1]))
        for part in parts
    ]
    if not parts:
        raise OutputError("a bundle needs at least one document")
    if signature_boxes is not None and len(signature_boxes) != len(signatories):
        raise ValueError("signature_boxes needs one rectangle per signatory")
    readers = [read_pdf(part.path) for part in parts]
    if pdfa:
        for part, reader in zip(parts, readers, strict=True):
            if pdfa_part(reader) is None:
                raise ConversionError(
                    f"{part.path.name} is not PDF/A, so the bundle cannot be: "
                    "convert it with PdfConverter(pdfa=True)"
                )

    writer = PdfWriter()
    writer.pdf_header = "%PDF-1.7"
    first_doc_pages = _append_parts(writer, parts, readers)
    _write_metadata(writer, info, pdfa=pdfa)
    if pdfa:
        intents = output_intents(writer, readers, icc_profile, info.created)
        writer.root_object[NameObject("/OutputIntents")] = intents
    if signatories and signature_spots:
        add_signature_fields(writer, list(writer.pages), signatories, list(signature_spots))
    elif signatories:
        pages = writer.pages[first_doc_pages[0] : first_doc_pages[1]]
        boxes = signature_boxes and [(len(pages) - 1, box) for box in signature_boxes]
        add_signature_fields(
            writer, pages, signatories, boxes or signature_layout(pages, signatories)
        )
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
    reader = read_pdf(source)
    pdfa = pdfa_part(reader) is not None
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = "%PDF-1.7"
    _write_metadata(writer, info, pdfa=pdfa)
    redate_output_intents(writer, info.created)
    return _write_reproducibly(writer, Path(out_path) if out_path else source)


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
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out_path, final.getvalue())
    except OSError as e:
        raise OutputError(f"cannot write {out_path}: {e}") from e
    return out_path


def _pdf_date(day: date) -> str:
    return f"D:{day:%Y%m%d}000000+00'00'"


def _xmp_date(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+00:00"
