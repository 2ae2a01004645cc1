"""The signable bundle's finishing touch: empty signature fields and page labels, added by one
pyhanko incremental update to the PDF Typst wrote.

The fields are placed from the renderer's own layout — the places the style recorded beside each
signature line (``<deedgen-signature>`` markers, read by a Typst query) — not by searching the
text. An incremental update leaves Typst's bytes, tags and PDF/A identification untouched, and
each party's signature is another incremental update after it. The update is reproducible: its
file identifier comes from the input's bytes, and the metadata dates stay the sheet's (pyhanko
would stamp the current time, and PDF/A wants the Info and XMP dates in agreement).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from deedgen.document import Signatory
from deedgen.render.signature_fields import _tooltip, _unique, signature_field_name

FIELD_HEIGHT = 28.0  # points above the signature line: the room the style leaves to sign in


@dataclass(frozen=True)
class FieldPlace:
    """A signature field's page (0-based) and box (x1, y1, x2, y2 in PDF points, origin at the
    bottom left) in the PDF."""

    page: int
    box: tuple[float, float, float, float]


def field_places(markers: Sequence[dict], count: int) -> list[FieldPlace]:
    """One place per signatory from the style's markers: a box as wide as the signature line,
    standing on it. Typst measures from the top of the page; PDF from the bottom."""
    by_index = {int(m["index"]): m for m in markers}
    if sorted(by_index) != list(range(count)):
        raise ValueError(f"{count} signatories but signature lines for {sorted(by_index)}")
    places = []
    for index in range(count):
        m = by_index[index]
        bottom = float(m["page-height"]) - float(m["y"])
        left = float(m["x"])
        places.append(
            FieldPlace(
                int(m["page"]) - 1, (left, bottom, left + float(m["width"]), bottom + FIELD_HEIGHT)
            )
        )
    return places


class _ReproducibleWriter(IncrementalPdfFileWriter):
    """pyhanko's incremental writer, with nothing taken from the clock or chance."""

    @classmethod
    def _handle_id(cls, prev):
        first = prev.trailer["/ID"][0]
        digest = hashlib.md5(prev.stream.getvalue(), usedforsecurity=False).digest()
        return generic.ArrayObject([first, generic.ByteStringObject(digest)])

    def _update_meta(self):
        """Keep the document's metadata as Typst wrote them (the sheet's dates)."""


def finish_bundle(
    pdf: bytes,
    signatories: Sequence[Signatory],
    places: Sequence[FieldPlace],
    labels: Sequence[tuple[int, str]],
) -> bytes:
    """*pdf* with one empty signature field per signatory at *places* and page labels
    (``(first page, prefix)`` per document, numbers restarting at 1), in one incremental update."""
    writer = _ReproducibleWriter(io.BytesIO(pdf))
    used: set[str] = set()
    for signatory, place in zip(signatories, places, strict=True):
        name = _unique(signature_field_name(signatory), used)
        spec = SigFieldSpec(
            name,
            on_page=place.page,
            box=place.box,
            readable_field_name=_tooltip(signatory),
            empty_field_appearance=True,
        )
        append_signature_field(writer, spec)
    tag_widgets(writer, writer.root["/AcroForm"].raw_get("/Fields").get_object())
    for page in sorted({place.page for place in places}):
        # annotations in the order of the structure tree (PDF/UA)
        page_ref = writer.find_page_for_modification(page)[0]
        page_ref.get_object()["/Tabs"] = generic.NameObject("/S")
        writer.update_container(page_ref)
    writer.root["/PageLabels"] = _page_labels(labels)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tag_widgets(writer: IncrementalPdfFileWriter, refs) -> None:
    """Give each widget of *refs* a /Form element in the structure tree, named by its tooltip
    (PDF/UA-1 wants every annotation tagged), after the document's content: an object reference
    to the widget and its /StructParent entry in the parent tree. A tree not of the shape Typst
    writes (one /Document element, a number tree of parents) is left alone. Used for the
    bundle's signature fields and the quarterly report's form fields."""
    tree_ref = writer.root.raw_get("/StructTreeRoot")
    tree = tree_ref.get_object()
    numbers = tree["/ParentTree"].get("/Nums")
    top = tree["/K"]
    if numbers is None or (isinstance(top, generic.ArrayObject) and len(top) != 1):
        return
    document_ref = top.raw_get(0) if isinstance(top, generic.ArrayObject) else tree.raw_get("/K")
    document = document_ref.get_object()
    kids = document.get("/K")
    if not isinstance(kids, generic.ArrayObject):
        kids = generic.ArrayObject([] if kids is None else [document.raw_get("/K")])
        document[generic.NameObject("/K")] = kids
    next_key = int(tree["/ParentTreeNextKey"])
    for field_ref in refs:
        widget = field_ref.get_object()
        element = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/StructElem"),
                generic.NameObject("/S"): generic.NameObject("/Form"),
                generic.NameObject("/P"): document_ref,
                generic.NameObject("/Alt"): widget["/TU"],
                generic.NameObject("/K"): generic.DictionaryObject(
                    {
                        generic.NameObject("/Type"): generic.NameObject("/OBJR"),
                        generic.NameObject("/Obj"): field_ref,
                        generic.NameObject("/Pg"): widget.raw_get("/P"),
                    }
                ),
            }
        )
        element_ref = writer.add_object(element)
        kids.append(element_ref)
        widget[generic.NameObject("/StructParent")] = generic.NumberObject(next_key)
        numbers += [generic.NumberObject(next_key), element_ref]
        next_key += 1
        writer.mark_update(field_ref)
    tree[generic.NameObject("/ParentTreeNextKey")] = generic.NumberObject(next_key)
    writer.mark_update(document_ref)
    writer.mark_update(tree_ref)
    parent_tree_ref = tree.raw_get("/ParentTree")
    if isinstance(parent_tree_ref, generic.IndirectObject):
        writer.mark_update(parent_tree_ref)


def _page_labels(labels: Sequence[tuple[int, str]]) -> generic.DictionaryObject:
    numbers = generic.ArrayObject()
    for first, prefix in labels:
        label = generic.DictionaryObject({generic.NameObject("/S"): generic.NameObject("/D")})
        if prefix:
            label[generic.NameObject("/P")] = generic.TextStringObject(prefix)
        numbers += [generic.NumberObject(first), label]
    return generic.DictionaryObject({generic.NameObject("/Nums"): numbers})
