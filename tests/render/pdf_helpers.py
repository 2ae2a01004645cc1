"""Helpers for the PDF tests: DOCX files with Polish text, and readers of what came out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from deedgen.document import Signatory

PANGRAM = "Zażółć gęślą jaźń"
COALITION = "Koalicja „Czytelnicza Wiślica”"
SIGNATORIES = (
    Signatory("gbp-leczna", "Gminna Biblioteka Publiczna w Łęcznej", "Anna Żółkiewska", "Dyrektor"),
    Signatory("gmina-wislica", "Gmina Wiślica", "Jan Kowalski", "Wójt"),
    Signatory("gmina-wislica", "Gmina Wiślica", "Zofia Łęcka", "Skarbnik", "countersignature"),
)


def write_docx(path: Path, title: str, *, pages: int = 1, signatories=()) -> Path:
    """A DOCX with a heading, Polish legal-looking paragraphs, a table and a signature block.
    Party names use a no-break space after "Gmina", as Polish typography wants."""
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"{COALITION}. {PANGRAM}. Strony: Gmina\u00a0Wiślica i biblioteka.")
    for number in range(1, 12 * pages):
        document.add_paragraph(
            f"§ {number}. Strony porozumienia współdziałają w zakresie upowszechniania czytelnictwa "
            "i edukacji kulturalnej mieszkańców gminy; szczegóły określa plan działań."
        )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Działanie", "Termin"
    table.cell(1, 0).text, table.cell(1, 1).text = "Spotkania autorskie", "II kwartał 2025 r."
    for signatory in signatories:
        document.add_paragraph(f"Za: {signatory.party_name}")
        document.add_paragraph("\n\n……………………………………")
        document.add_paragraph(f"{signatory.person}, {signatory.function}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)


def soffice_processes(marker: Path | str) -> list[str]:
    """Command lines of soffice processes whose arguments mention ``marker`` (our profiles)."""
    found = subprocess.run(
        ["pgrep", "-af", f"soffice\\.bin.*{marker}"], capture_output=True, text=True
    ).stdout
    return [line for line in found.splitlines() if line.strip()]
