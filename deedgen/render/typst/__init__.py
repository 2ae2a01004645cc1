"""The Typst renderer: a coalition's documents typeset to PDF straight from the assembled model.

The same model the DOCX renderer fills its templates with (:mod:`deedgen.render.docx`) is handed
to Typst as data (:mod:`.source`), laid out by the style ``deedgen.typ`` and compiled in-process
(:mod:`.compile`): tagged PDF/A-2a and PDF/UA-1 with embedded Liberation fonts, ``/Lang``, an
outline, title and author, byte-identical on every run. The bundle — the declaration with its
annexes — is made of those documents' own PDFs, their structure trees and outlines joined
(:mod:`.merge`: each document is typeset once), and finished by one incremental update with
the signature fields and page labels (:mod:`.fields`).

    pdfs = typeset(documents, draft=draft, findings=findings)   # {kind: PDF bytes}
    bundle = typeset_bundle(documents, draft=draft, findings=findings)
    pdfs, bundle = typeset_with_bundle(documents, draft=draft, findings=findings)  # each once
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from deedgen.document import BUNDLED_DOCUMENTS as BUNDLED
from deedgen.document import DOCUMENT_ORDER, SIGNED_DOCUMENTS, AssembledDocument, bundled
from deedgen.exceptions import TypstError
from deedgen.render.package import ANNEX_LABELS
from deedgen.render.typst.compile import engine
from deedgen.render.typst.fields import field_places, finish_bundle
from deedgen.render.typst.merge import merge_documents
from deedgen.render.typst.source import document_model

SIGNATURE_MARKER = "deedgen-signature"


def _language(documents: Mapping[str, AssembledDocument]) -> str:
    langs = {d.lang for d in documents.values()}
    if len(langs) != 1:
        raise ValueError(f"documents of one language expected, got {sorted(langs)}")
    return langs.pop()


def _created(documents: Mapping[str, AssembledDocument]):
    return next(iter(documents.values())).context["coalition"]["declaration_date"]


def _typeset(
    documents: Mapping[str, AssembledDocument],
    kinds: Sequence[str],
    *,
    draft: bool,
    findings: Sequence[str],
    pdfa: bool,
) -> tuple[dict[str, bytes], dict[str, list[dict]]]:
    """The PDF of each of *kinds* (those the coalition has), and the signature markers of the
    bundled documents with signature lines (the declaration, the declarations of support)."""
    _language(documents)
    created = _created(documents)
    pdfs, signatures = {}, {}
    for kind in (kind for kind in kinds if kind in documents):
        model = document_model(documents[kind], draft=draft, findings=findings)
        marks = (SIGNATURE_MARKER,) if kind in SIGNED_DOCUMENTS else ()
        pdfs[kind], found = engine().compile(
            {"documents": [model]}, created=created, pdfa=pdfa, markers=marks
        )
        if marks:
            signatures[kind] = found.get(SIGNATURE_MARKER, [])
    return pdfs, signatures


def typeset(
    documents: Mapping[str, AssembledDocument],
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
    pdfa: bool = True,
) -> dict[str, bytes]:
    """The PDF of each document (one language), in the order of ``DOCUMENT_ORDER``."""
    kinds = [kind for kind in DOCUMENT_ORDER if kind in documents]
    return _typeset(documents, kinds, draft=draft, findings=findings, pdfa=pdfa)[0]


def typeset_with_bundle(
    documents: Mapping[str, AssembledDocument],
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
    pdfa: bool = True,
) -> tuple[dict[str, bytes], bytes]:
    """Every document's PDF and the bundle made of them: each document typeset once."""
    pdfs, signatures = _typeset(
        documents, DOCUMENT_ORDER, draft=draft, findings=findings, pdfa=pdfa
    )  # the documents the coalition has, in this order
    return pdfs, _bundle(documents, pdfs, signatures)


def typeset_bundle(
    documents: Mapping[str, AssembledDocument],
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
    pdfa: bool = True,
) -> bytes:
    """The declaration and its annexes as one tagged PDF: a bookmark per document with its
    headings below, page labels ("Zał. 1, s. 3"), an empty signature field on each signature line."""
    pdfs, signatures = _typeset(documents, BUNDLED, draft=draft, findings=findings, pdfa=pdfa)
    return _bundle(documents, pdfs, signatures)


def _bundle(
    documents: Mapping[str, AssembledDocument],
    pdfs: Mapping[str, bytes],
    signatures: Mapping[str, list[dict]],
) -> bytes:
    """The bundle of the documents' own PDFs (see :mod:`.merge`), its signature fields placed
    from each signed document's markers (moved to its pages in the bundle), and its page
    labels."""
    declaration = documents["declaration"]
    lang = declaration.lang
    kinds = bundled(documents)
    merged, firsts = merge_documents([pdfs[kind] for kind in kinds])
    labels = [(0, "")]
    for kind, first in zip(kinds[1:], firsts[1:], strict=True):
        annex = declaration.context["annex"][kind]
        labels.append((first, ANNEX_LABELS[lang].format(n=annex)))
    signatories, places = [], []
    for kind, first in zip(kinds, firsts, strict=True):
        if kind in SIGNED_DOCUMENTS:
            lines = documents[kind].signatories
            signatories += lines
            places += [
                replace(place, page=place.page + first)
                for place in field_places(signatures[kind], len(lines))
            ]
    return finish_bundle(merged, signatories, places, labels)


__all__ = ["TypstError", "typeset", "typeset_bundle", "typeset_with_bundle"]
