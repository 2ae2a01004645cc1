"""The Typst renderer: a coalition's documents typeset to PDF straight from the assembled model.

The same model the DOCX renderer fills its templates with (:mod:`deedgen.render.docx`) is handed
to Typst as data (:mod:`.source`), laid out by the style ``deedgen.typ`` and compiled in-process
(:mod:`.compile`): tagged PDF/A-2a and PDF/UA-1 with embedded Liberation fonts, ``/Lang``, an
outline, title and author, byte-identical on every run. The bundle — the declaration with its
annexes — is one Typst document (so it stays tagged), finished by one incremental update with
the signature fields and page labels (:mod:`.fields`).

    pdfs = typeset(documents, draft=draft, findings=findings)   # {kind: PDF bytes}
    bundle = typeset_bundle(documents, draft=draft, findings=findings)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from deedgen.document import BUNDLED_DOCUMENTS as BUNDLED
from deedgen.document import DOCUMENT_ORDER, AssembledDocument
from deedgen.exceptions import TypstError
from deedgen.render.package import ANNEX_LABELS
from deedgen.render.typst.compile import engine
from deedgen.render.typst.fields import field_places, finish_bundle
from deedgen.render.typst.source import document_model

SIGNATURE_MARKER = "deedgen-signature"
END_MARKER = "deedgen-end"


def _language(documents: Mapping[str, AssembledDocument]) -> str:
    langs = {d.lang for d in documents.values()}
    if len(langs) != 1:
        raise ValueError(f"documents of one language expected, got {sorted(langs)}")
    return langs.pop()


def _created(documents: Mapping[str, AssembledDocument]):
    return next(iter(documents.values())).context["coalition"]["declaration_date"]


def typeset(
    documents: Mapping[str, AssembledDocument],
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
    pdfa: bool = True,
) -> dict[str, bytes]:
    """The PDF of each document (one language), in the order of ``DOCUMENT_ORDER``."""
    _language(documents)
    created = _created(documents)
    pdfs = {}
    for kind in DOCUMENT_ORDER:
        if kind in documents:
            model = document_model(documents[kind], draft=draft, findings=findings)
            pdfs[kind], _ = engine().compile({"documents": [model]}, created=created, pdfa=pdfa)
    return pdfs


def typeset_bundle(
    documents: Mapping[str, AssembledDocument],
    *,
    draft: bool = False,
    findings: Sequence[str] = (),
    pdfa: bool = True,
) -> bytes:
    """The declaration and its annexes as one tagged PDF: a bookmark per document with its
    headings below, page labels ("Zał. 1, s. 3"), an empty signature field on each signature line."""
    lang = _language(documents)
    declaration = documents["declaration"]
    models = [document_model(documents[k], draft=draft, findings=findings) for k in BUNDLED]
    pdf, markers = engine().compile(
        {"documents": models},
        created=_created(documents),
        pdfa=pdfa,
        markers=(SIGNATURE_MARKER, END_MARKER),
    )
    ends = [int(m["page"]) for m in markers[END_MARKER]]
    if len(ends) != len(BUNDLED):
        raise TypstError(f"the bundle's layout marks {len(ends)} documents, not {len(BUNDLED)}")
    labels = [(0, "")]
    for kind, first in zip(BUNDLED[1:], ends, strict=False):
        annex = declaration.context["annex"][kind]
        labels.append((first, ANNEX_LABELS[lang].format(n=annex)))
    # the declaration comes first: its markers' pages are the bundle's
    places = field_places(markers[SIGNATURE_MARKER], len(declaration.signatories))
    return finish_bundle(pdf, declaration.signatories, places, labels)


__all__ = ["TypstError", "typeset", "typeset_bundle"]
