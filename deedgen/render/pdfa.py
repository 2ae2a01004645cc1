"""PDF/A-2b: the sRGB output intent a bundle carries, ICC profiles with a fixed date (so a rebuild
is byte-identical), and :func:`pdfa_problems`, a quick self-check of the PDF/A essentials (not a
full validator such as veraPDF)."""

from __future__ import annotations

import os
import re
import struct
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from deedgen.exceptions import ConversionError
from deedgen.render.pdftext import read_pdf

ICC_CANDIDATES = (
    ("/usr/share/color/icc/sRGB.icc", "icc-profiles-free"),
    ("/usr/share/color/icc/colord/sRGB.icc", "colord-data"),
    ("/usr/share/color/icc/ghostscript/srgb.icc", "libgs-common"),
)


def output_intents(
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


def redate_output_intents(writer: PdfWriter, created: date) -> None:
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


def pdfa_problems(pdf: str | os.PathLike) -> list[str]:
    """What keeps ``pdf`` from being PDF/A-2b, among the essentials: identification, an output
    intent, a file identifier, embedded fonts, Info and XMP titles in agreement. Empty if none."""
    reader = read_pdf(Path(pdf))
    problems = []
    part = pdfa_part(reader)
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


def pdfa_part(reader: PdfReader) -> str | None:
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
