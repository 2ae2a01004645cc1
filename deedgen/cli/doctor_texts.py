"""The Polish wording of ``deedgen doctor``'s report. The checks themselves
(:mod:`deedgen.render.environment`) word their names and details in English; this table turns
each known wording into Polish, keeping its figures, versions and paths. A detail no pattern
knows (a tool's own error text) is shown as it came."""

from __future__ import annotations

import re

from deedgen.render.environment import Check

NAMES_PL = {
    "Typst": "Typst",
    "Typst fonts": "czcionki Typst",
    "Typst test document": "próbny dokument Typst",
    "LibreOffice": "LibreOffice",
    "fonts": "czcionki",
    "test conversion": "próbna konwersja",
}

# (English wording, Polish wording): a whole detail, or its beginning for the last ones
DETAILS_PL = [
    (r"the typst package is not installed", "pakiet typst nie jest zainstalowany"),
    (
        r"typst (?P<found>\S+) installed, deedgen is pinned to (?P<pinned>\S+)",
        r"zainstalowany jest typst \g<found>, a deedgen wymaga wersji \g<pinned>",
    ),
    (
        r"(?P<fonts>.+) in (?P<dir>\S+) \((?P<n>\d+) families\)",
        r"\g<fonts> w \g<dir> (rodzin czcionek: \g<n>)",
    ),
    (
        r"PDF/A-2a \+ PDF/UA-1 in (?P<ms>\d+) ms, text intact",
        r"PDF/A-2a + PDF/UA-1 w \g<ms> ms, tekst odczytany bez zmian",
    ),
    (r"not found on PATH \(soffice\)", "nie ma go w PATH (soffice)"),
    (
        r"(?P<version>.+) at (?P<path>\S+) \(no soffice\.bin found: runs through the launcher\)",
        r"\g<version> w \g<path> (brak soffice.bin: działa przez skrypt startowy)",
    ),
    (r"(?P<version>LibreOffice.*) at (?P<path>\S+)", r"\g<version> w \g<path>"),
    (r"fc-match not found", "brak programu fc-match"),
    (r"installed: (?P<file>.+)", r"zainstalowana: \g<file>"),
    (r"missing, substituted by nothing", "brak, nie ma też zamiennika"),
    (r"missing, substituted by (?P<names>.+)", r"brak, zamiast niej: \g<names>"),
    (
        r"DOCX → PDF/A-2b in (?P<s>[\d.]+) s \(LibreOffice start-up included\), text intact",
        r"DOCX → PDF/A-2b w \g<s> s (z uruchomieniem LibreOffice), tekst odczytany bez zmian",
    ),
    (r"font (?P<family>.+) not found in (?P<dir>\S+): install (?P<package>\S+)",
     r"brak czcionki \g<family> w \g<dir>: zainstaluj \g<package>"),
    (r"font folder (?P<dir>\S+) not found: install (?P<package>\S+)",
     r"brak folderu czcionek \g<dir>: zainstaluj \g<package>"),
    (r"Typst failed: (?P<rest>.*)", r"Typst zgłosił błąd: \g<rest>"),
    (r"Typst warned: (?P<rest>.*)", r"Typst zgłosił ostrzeżenie: \g<rest>"),
]  # fmt: skip
_DETAILS = [(re.compile(english, re.DOTALL), polish) for english, polish in DETAILS_PL]
_ONLY_FOR = re.compile(r" \(needed only for --pdf-engine (?P<engine>\w+)\)$")


def check_name(check: Check, lang: str) -> str:
    if lang != "pl":
        return check.name
    if check.name.startswith("font "):
        return "czcionka " + check.name.removeprefix("font ")
    return NAMES_PL.get(check.name, check.name)


def check_detail(check: Check, lang: str) -> str:
    if lang != "pl":
        return check.detail
    detail, only_for = check.detail, ""
    if match := _ONLY_FOR.search(detail):
        detail = detail[: match.start()]
        only_for = f" (potrzebne tylko dla --pdf-engine {match['engine']})"
    for english, polish in _DETAILS:
        if english.fullmatch(detail):
            detail = english.sub(polish, detail)
            break
    # a decimal comma, as Polish writes it: „w 2,0 s”
    detail = re.sub(r"(?<= w )(\d+)\.(\d+)(?= s\b)", r"\1,\2", detail)
    return detail + only_for


def check_status(check: Check, lang: str) -> str:
    """``ok``; a failed essential check ``BRAK`` (missing), a failed optional one ``uwaga``."""
    if check.ok:
        return "ok"
    if lang != "pl":
        return "!!"
    return "BRAK" if check.essential else "uwaga"
