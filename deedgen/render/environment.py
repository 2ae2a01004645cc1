"""What PDF output needs from the machine, checked for both engines: Typst (the pinned version, its
fonts, a real test document) and LibreOffice (found, the templates' fonts, a real test
conversion). ``deedgen doctor`` prints these checks; those of the engine asked for are essential,
the other engine's are reported for information."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
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


def run_checks(*, convert: bool = True, engine: str = "typst") -> list[Check]:
    """Every check, Typst first; a test document only where its engine is there. The checks of
    *engine* are essential; the other engine's only say what is missing for it."""
    typst = [check_typst()]
    if typst[0].ok:
        typst.append(check_typst_fonts())
    if convert and all(c.ok for c in typst):
        typst.append(check_typeset())
    libreoffice = [check_libreoffice()]
    libreoffice += check_fonts()
    if convert and libreoffice[0].ok:
        libreoffice.append(check_conversion())
    optional = {"typst": libreoffice, "libreoffice": typst}[engine]
    other = "libreoffice" if engine == "typst" else "typst"
    for index, check in enumerate(optional):
        if not check.ok:
            detail = f"{check.detail} (needed only for --pdf-engine {other})"
            optional[index] = replace(check, detail=detail, essential=False)
    return typst + libreoffice


def pinned_typst() -> str | None:
    """The typst version deedgen is pinned to (its requirement ``typst==X``)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        requirements = requires("deedgen") or []
    except PackageNotFoundError:
        return None
    return next((r.split("==", 1)[1] for r in requirements if r.startswith("typst==")), None)


def check_typst() -> Check:
    from importlib.metadata import PackageNotFoundError, version

    pinned = pinned_typst()
    fix = f"pip install typst=={pinned}" if pinned else "pip install typst"
    try:
        import typst  # noqa: F401

        found = version("typst")
    except (ImportError, PackageNotFoundError):
        return Check("Typst", False, "the typst package is not installed", fix)
    if pinned and found != pinned:
        # the layout of every PDF is the version's: another one typesets other pages
        detail = f"typst {found} installed, deedgen is pinned to {pinned}"
        return Check("Typst", False, detail, fix)
    return Check("Typst", True, f"typst {found}")


def check_typst_fonts() -> Check:
    from deedgen.exceptions import TypstError
    from deedgen.render.typst.compile import FONT_DIRS, FONT_PACKAGES, fonts

    try:
        families = fonts().families()
    except TypstError as error:
        packages = " ".join(sorted(set(FONT_PACKAGES.values())))
        return Check("Typst fonts", False, error.message, f"apt-get install {packages}")
    wanted = ", ".join(FONT_PACKAGES)
    return Check("Typst fonts", True, f"{wanted} in {FONT_DIRS[0]} ({len(families)} families)")


def check_typeset() -> Check:
    """Typeset a document with Polish diacritics to PDF/A-2a + PDF/UA-1, read the text back."""
    from deedgen.exceptions import TypstError
    from deedgen.render.pdftext import verify_text
    from deedgen.render.typst.compile import diagnose

    try:
        report = diagnose(PANGRAM)
        with tempfile.TemporaryDirectory(prefix="deedgen-doctor-") as folder:
            pdf = Path(folder) / "test-diakrytyki.pdf"
            pdf.write_bytes(report["pdf"])
            verify_text(pdf, [PANGRAM])
    except (TypstError, ConversionError) as error:
        return Check("Typst test document", False, error.message)
    detail = f"PDF/A-2a + PDF/UA-1 in {report['test_ms']} ms, text intact"
    return Check("Typst test document", True, detail)


def check_libreoffice() -> Check:
    from deedgen.render.pdf import SOFFICE_PACKAGE, find_soffice, soffice_version

    try:
        soffice = find_soffice()
    except ConversionError:
        detail = "not found on PATH (soffice)"
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
