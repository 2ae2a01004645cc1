"""Names of what a build writes: a coalition's folder, each document's file, the bundle."""

from __future__ import annotations

import re
import unicodedata

from deedgen.document import DOCUMENT_SLUGS

FOLDER_LIMIT = 80
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}


def safe_slug(text: str, limit: int = 60) -> str:
    """An ASCII file-name fragment from any text (no separators, no dots, bounded length)."""
    table = str.maketrans({"ł": "l", "Ł": "L"})
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:limit].rstrip("-") or "koalicja"


def folder_name(terc: str, gmina: str) -> str:
    """``2604052-gmina-lipowiec``: ASCII letters, digits and dashes only — no separators, no
    dots, never empty, never a reserved device name, at most FOLDER_LIMIT characters."""
    name = safe_slug(f"{terc}-{gmina}", limit=FOLDER_LIMIT)
    if name.split("-")[0] in WINDOWS_RESERVED:  # CON, NUL, LPT1… open devices on Windows
        name = f"koalicja-{name}"
    return name


def output_name(kind: str, lang: str, ext: str) -> str:
    """``deklaracja-partnerstwa.docx``, ``deklaracja-partnerstwa.en.pdf``."""
    suffix = "" if lang == "pl" else f".{lang}"
    return f"{DOCUMENT_SLUGS[kind]}{suffix}.{ext}"


def bundle_name(gmina: str, lang: str) -> str:
    """``gmina-lipowiec-pakiet.pdf``: the declaration with its annexes, ready for signatures."""
    return f"{safe_slug(gmina)}-pakiet{'' if lang == 'pl' else '.' + lang}.pdf"
