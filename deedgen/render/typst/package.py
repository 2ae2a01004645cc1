"""One language of a coalition written with the Typst engine: its four PDFs and its bundle.

The drop-in for :func:`deedgen.render.package.package_language` (the LibreOffice path): the same
bundle entry for the manifest, but nothing to convert, finalize or verify afterwards — Typst
writes each PDF with its metadata, tags and fonts, and places every text it is given as text, so
the pdftotext read-back that catches LibreOffice losing diacritics has nothing to catch here.
What is checked is what can go wrong in Typst: a missing font and every warning are errors
(:mod:`.compile`), and the declaration must mark one signature line per signatory (a signature
field without its line would be a fault of the style).

Typst's PDFs are PDF/A-2a and PDF/UA-1 whether or not ``--pdfa`` is given: the flag asks for
PDF/A, which Typst gives at no cost to the text, the layout or the time (the PDFs' text is the
same either way), so a build without it is no less archivable. It chooses between PDF/A-2b and
a plain PDF with LibreOffice only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from deedgen.document import SIGNED_DOCUMENTS, AssembledDocument, bundled
from deedgen.render.typst import typeset_with_bundle


def package_language(
    documents: Mapping[str, AssembledDocument],
    pdf_paths: Mapping[str, Path],
    bundle_path: Path,
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
) -> dict:
    """Typeset *documents* (one language) into *pdf_paths* (kind → path) and their bundle into
    *bundle_path*; return the manifest's record of the bundle."""
    pdfs, bundle = typeset_with_bundle(documents, draft=draft, findings=findings, pdfa=True)
    for kind, data in pdfs.items():
        Path(pdf_paths[kind]).write_bytes(data)
    Path(bundle_path).write_bytes(bundle)
    return {
        "file": Path(bundle_path).name,
        "sha256": hashlib.sha256(bundle).hexdigest(),
        "documents": list(bundled(documents)),
        "signature_fields": sum(
            len(documents[kind].signatories) for kind in SIGNED_DOCUMENTS if kind in documents
        ),
        "pdfa": True,
    }
