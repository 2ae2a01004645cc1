"""How to build: one frozen value that travels through ``plan``, ``write`` and the batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.config import PDF_ENGINES, LibrarySelection
from deedgen.render.templates import TEMPLATE_DIR

DOCUMENT_FORMATS = ("docx", "pdf")
DOCUMENT_LANGS = ("pl", "en")


@dataclass(frozen=True)
class BuildOptions:
    """What to write and from which clause layers and rules.

    *library* is the layer selection (overlays most specific first, and the central library);
    *rules* a rule-set file, or ``None`` for the rule set of the sheet's program edition. Both
    are resolved once, by the command or the batch that makes the options.
    """

    formats: tuple[str, ...] = DOCUMENT_FORMATS
    langs: tuple[str, ...] = ("pl",)
    draft: bool = False  # build a non-compliant coalition anyway, marked as a draft
    pdfa: bool = False
    pdf_engine: str = PDF_ENGINES[0]
    rules: Path | None = None
    library: LibrarySelection = field(default_factory=LibrarySelection)
    review: bool = False  # also write the mentors' review annex (przeglad-klauzul.md)
    template_dir: Path = TEMPLATE_DIR

    def __post_init__(self) -> None:
        if self.pdf_engine not in PDF_ENGINES:
            raise ValueError(
                f"pdf_engine: one of {', '.join(PDF_ENGINES)}, not {self.pdf_engine!r}"
            )

    def fingerprint(self) -> dict:
        """The options that change the output (recorded in the manifest, part of the digest)."""
        return {
            "formats": list(self.formats),
            "langs": list(self.langs),
            "draft": self.draft,
            "pdfa": self.pdfa,
            "bundle": "pdf" in self.formats,
            # the engine changes every PDF; a DOCX-only build does not depend on it
            **({"pdf_engine": self.pdf_engine} if "pdf" in self.formats else {}),
        }

    @property
    def converts_docx(self) -> bool:
        """Whether the PDFs are LibreOffice's conversions of the DOCX files (so a LibreOffice
        must run); with Typst no LibreOffice is started."""
        return "pdf" in self.formats and self.pdf_engine == "libreoffice"
