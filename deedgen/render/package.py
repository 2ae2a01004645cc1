"""Package a coalition's PDFs: deedgen metadata on each, text verification, the signable bundle.

Runs after LibreOffice converted the DOCX files: every PDF gets its metadata from the sheet (so a
rebuild is byte-identical) and is read back to check that the coalition's and every party's name
survived with their diacritics; then the partnership declaration and its annexes are bundled into
``<gmina>-pakiet.pdf`` with an outline, page labels and one empty signature field per signatory.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from deedgen.document import SIGNED_DOCUMENTS, AssembledDocument, bundled
from deedgen.exceptions import ConversionError
from deedgen.manifest import sha256_file
from deedgen.render.bundle import (
    BundlePart,
    PdfInfo,
    finalize_pdf,
    make_bundle,
    stamp_reproducibly,
)
from deedgen.render.docx import document_properties
from deedgen.render.pdftext import extract_pages, read_words, verify_text
from deedgen.render.signature_fields import signature_spots

ANNEX_LABELS = {"pl": "Zał. {n}, s. ", "en": "Annex {n}, p. "}


def pdf_info(document: AssembledDocument) -> PdfInfo:
    """The PDF metadata: the same properties the DOCX carries."""
    props = document_properties(document)
    return PdfInfo(
        title=props["title"],
        author=props["creator"],
        created=props["date"],
        subject=props["subject"],
        keywords=props["keywords"],
        lang=document.lang,
    )


def expected_names(document: AssembledDocument) -> list[str]:
    """Names each PDF must show intact: the coalition's and its parties' (the preliminary
    declaration is the gmina's letter to the library, so only those two; the declarations of
    support: the supporting groups and their members, who sign them)."""
    ctx = document.context
    if document.kind == "support":
        groups = ctx["supporters"]
        members = [member["name"] for group in groups for member in group["representatives"]]
        return [ctx["coalition"]["name"], *(group["name"] for group in groups), *members]
    if document.kind == "preliminary":
        parties = [ctx["library"], ctx["gmina_party"]]
    else:
        parties = ctx["parties"]
    return [ctx["coalition"]["name"], *(party["name"] for party in parties)]


def package_language(
    documents: dict[str, AssembledDocument], pdfs: dict[str, Path], bundle_path: Path, *, pdfa: bool
) -> dict:
    """Finalize and verify the PDFs of one language, then write its bundle; return manifest data.

    Each PDF's text is read once (pdftotext): the declaration's with the words' positions,
    which also place the signature fields, and every page count comes from that same reading.
    """
    page_counts: dict[str, int] = {}
    spots: dict[str, list] = {}  # kind → (page in the document, box) of each signatory
    for kind, pdf in pdfs.items():
        document = documents[kind]
        # LibreOffice took title, author, keywords and language from the DOCX properties; only
        # its dates and identifiers need making reproducible (PDF/A needs the full rewrite)
        if pdfa or not stamp_reproducibly(pdf, document.context["coalition"]["declaration_date"]):
            finalize_pdf(pdf, pdf_info(document))
        words = read_words(pdf) if kind in SIGNED_DOCUMENTS else None
        if words is not None:
            pages = [page.text() for page in words]
            if document.signatories:
                spots[kind] = signature_spots(words, document.signatories)
        else:
            pages = extract_pages(pdf)
        page_counts[kind] = len(pages)
        try:
            verify_text(pdf, expected_names(document), text="\n".join(pages))
        except ConversionError as err:
            raise ConversionError(f"{pdf.name}: {err.format_message()}") from None
    declaration = documents["declaration"]
    lang = declaration.lang
    kinds = bundled(documents)
    parts = []
    for kind in kinds:
        document = documents[kind]
        annex = declaration.context["annex"].get(kind)
        label = ANNEX_LABELS[lang].format(n=annex) if annex else None
        parts.append(BundlePart(document.title, pdfs[kind], label))
    signatories, bundle_spots = _bundle_signatures(documents, kinds, page_counts, spots)
    make_bundle(
        parts,
        bundle_path,
        pdf_info(declaration),
        signatories=signatories,
        pdfa=pdfa,
        signature_spots=bundle_spots or None,
    )
    # the bundle is made of the pages verified above; check that none went missing
    pages = len(PdfReader(bundle_path).pages)
    expected_pages = sum(page_counts[kind] for kind in kinds)
    if pages != expected_pages:
        raise ConversionError(f"{bundle_path.name}: {pages} pages, expected {expected_pages}")
    return {
        "file": bundle_path.name,
        "sha256": sha256_file(bundle_path),
        "documents": list(kinds),
        "signature_fields": len(signatories),
        "pdfa": pdfa,
    }


def _bundle_signatures(
    documents: dict[str, AssembledDocument], kinds, page_counts: dict, spots: dict
) -> tuple[list, list]:
    """The bundle's signatories — the declaration's, then the supporting groups' members' —
    and each one's spot with its page counted in the bundle."""
    signatories, bundle_spots, first = [], [], 0
    for kind in kinds:
        if kind in spots:
            signatories += documents[kind].signatories
            bundle_spots += [(first + page, box) for page, box in spots[kind]]
        first += page_counts[kind]
    return signatories, bundle_spots
