"""What PDF output needs from the machine, checked: LibreOffice, the templates' fonts, and a real
test conversion. ``deedgen doctor`` prints these checks."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deedgen.exceptions import ConversionError

# The families the DOCX templates use, with the Debian package that provides each.
REQUIRED_FONTS = (
    ("Liberation Serif", "fonts-liberation2"),
    ("Liberation Sans", "fonts-liberation2"),
    ("DejaVu Sans", "fonts-dejavu-core"),
)
# The text of the test document: every Polish diacritic, upper and lower case.
PANGRAM = "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ. Gminna Biblioteka Publiczna w Łęcznej"


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""  # what to do when not ok, e.g. "apt-get install fonts-liberation2"
    essential: bool = True  # a failed essential check makes ``deedgen doctor`` exit non-zero


def run_checks(*, convert: bool = True) -> list[Check]:
    """Every check, LibreOffice first; the test conversion only when LibreOffice is there."""
    checks = [check_libreoffice()]
    checks += check_fonts()
    if convert and checks[0].ok:
        checks.append(check_conversion())
    return checks


def check_libreoffice() -> Check:
    from deedgen.render.pdf import SOFFICE_PACKAGE, find_soffice, soffice_version

    try:
        soffice = find_soffice()
    except ConversionError:
        detail = "not found on PATH (soffice); PDF output needs it"
        return Check("LibreOffice", False, detail, f"apt-get install {SOFFICE_PACKAGE}")
    try:
        version = soffice_version(soffice)
    except ConversionError as e:
        return Check(
            "LibreOffice", False, e.message, f"apt-get install --reinstall {SOFFICE_PACKAGE}"
        )
    how = "" if soffice.direct else " (no soffice.bin found: runs through the launcher)"
    return Check("LibreOffice", True, f"{version} at {soffice.launcher}{how}")


def check_fonts() -> list[Check]:
    """Whether fontconfig finds each family itself or substitutes another for it."""
    if not shutil.which("fc-match"):
        return [Check("fonts", False, "fc-match not found", "apt-get install fontconfig")]
    checks = []
    for family, package in REQUIRED_FONTS:
        found = subprocess.run(
            ["fc-match", "--format=%{family}\t%{file}", family],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        names, _, file = found.partition("\t")
        if family.casefold() in (n.strip().casefold() for n in names.split(",")):
            checks.append(Check(f"font {family}", True, f"installed: {file}"))
        else:
            detail = f"missing, substituted by {names or 'nothing'}"
            checks.append(Check(f"font {family}", False, detail, f"apt-get install {package}"))
    return checks


def check_conversion(timeout: float = 120) -> Check:
    """Convert a tiny DOCX with Polish diacritics to PDF/A and read the text back."""
    from deedgen.render.pdf import PdfConverter
    from deedgen.render.pdfa import pdfa_problems
    from deedgen.render.pdftext import verify_text

    with tempfile.TemporaryDirectory(prefix="deedgen-doctor-") as folder:
        docx = _pangram_docx(Path(folder) / "test-diakrytyki.docx")
        started = time.monotonic()
        try:
            with PdfConverter(workers=1, timeout=timeout, pdfa=True) as converter:
                pdf = converter.convert_one(docx, folder)
            seconds = time.monotonic() - started
            verify_text(pdf, [PANGRAM])
        except ConversionError as e:
            return Check("test conversion", False, e.message)
        problems = pdfa_problems(pdf)
    if problems:
        return Check("test conversion", False, "PDF/A: " + "; ".join(problems))
    detail = f"DOCX → PDF/A-2b in {seconds:.1f} s (LibreOffice start-up included), text intact"
    return Check("test conversion", True, detail)


def _pangram_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Test deedgen", level=1)
    document.add_paragraph(PANGRAM)
    document.save(path)
    return path
