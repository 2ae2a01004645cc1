"""The signable bundle's finishing touch — empty signature fields and page labels, added to the
merged bundle before its one save — and the tagging of form widgets.

The fields are placed from the renderer's own layout — the places the style recorded beside each
signature line (``<deedgen-signature>`` markers, read by a Typst query) — not by searching the
text. They go into the bundle :mod:`.merge` made, in the same pikepdf save: the bundle is
written once, instead of being saved, parsed again by pyhanko (pure Python, a few thousand
objects) and written again by an incremental update — that round trip was a third of the
bundle's time. Each field is what pyhanko makes of an empty visible signature field (merged
field and widget, locked and printed, a light grey box with a thin frame), so every signing
tool, pyhanko included, signs it; each party's signature is then an incremental update.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Name
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from deedgen.document import Signatory
from deedgen.render.signature_fields import _tooltip, _unique, signature_field_name
from deedgen.render.typst.merge import _document_element, save

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


# what pyhanko sets on a visible signature widget: print (4) and lock (128); PDF/A forbids
# hidden annotations
WIDGET_FLAGS = 4 | 128


def finish_bundle(
    bundle: pikepdf.Pdf,
    signatories: Sequence[Signatory],
    places: Sequence[FieldPlace],
    labels: Sequence[tuple[int, str]],
) -> bytes:
    """*bundle* with one empty signature field per signatory at *places*, each tagged as a
    /Form element (PDF/UA-1), and page labels (``(first page, prefix)`` per document, numbers
    restarting at 1); saved."""
    tree = bundle.Root.StructTreeRoot
    document = _document_element(tree)
    numbers = tree.ParentTree.Nums
    next_key = int(tree.ParentTreeNextKey)
    fields, used = pikepdf.Array(), set()
    for signatory, place in zip(signatories, places, strict=True):
        page = bundle.pages[place.page].obj
        tooltip = pikepdf.String(_tooltip(signatory))
        widget = bundle.make_indirect(
            pikepdf.Dictionary(
                FT=Name.Sig,
                T=pikepdf.String(_unique(signature_field_name(signatory), used)),
                TU=tooltip,
                Type=Name.Annot,
                Subtype=Name.Widget,
                F=WIDGET_FLAGS,
                Rect=pikepdf.Array(place.box),
                P=page,
                AP=pikepdf.Dictionary(N=_empty_box(bundle, place.box)),
                StructParent=next_key,
            )
        )
        element = bundle.make_indirect(
            pikepdf.Dictionary(
                Type=Name.StructElem,
                S=Name.Form,
                P=document,
                Alt=tooltip,
                K=pikepdf.Dictionary(Type=Name.OBJR, Obj=widget, Pg=page),
            )
        )
        document.K.append(element)
        numbers.extend([next_key, element])
        next_key += 1
        if "/Annots" not in page:
            page.Annots = pikepdf.Array()
        page.Annots.append(widget)
        page.Tabs = Name.S  # annotations in the order of the structure tree (PDF/UA)
        fields.append(widget)
    tree.ParentTreeNextKey = next_key
    bundle.Root.AcroForm = pikepdf.Dictionary(Fields=fields, SigFlags=1)  # signatures exist
    bundle.Root.PageLabels = _page_labels(labels)
    return save(bundle)


def _empty_box(bundle: pikepdf.Pdf, box: tuple[float, float, float, float]) -> pikepdf.Stream:
    """The appearance of an empty field: a light grey box with a thin frame."""
    width, height = box[2] - box[0], box[3] - box[1]
    content = b"q q 0.95 0.95 0.95 rg 0 0 %g %g re f Q 0.5 w 0 0 %g %g re S Q" % (
        width,
        height,
        width,
        height,
    )
    stream = bundle.make_stream(content)
    stream.Type, stream.Subtype = Name.XObject, Name.Form
    stream.BBox = pikepdf.Array([0, 0, width, height])
    stream.Resources = pikepdf.Dictionary()
    return stream


def tag_widgets(writer: IncrementalPdfFileWriter, refs) -> None:
    """Give each widget of *refs* a /Form element in the structure tree, named by its tooltip
    (PDF/UA-1 wants every annotation tagged), after the document's content: an object reference
    to the widget and its /StructParent entry in the parent tree. A tree not of the shape Typst
    writes (one /Document element, a number tree of parents) is left alone. Used for the
    quarterly report's form fields, which pyhanko adds to Typst's PDF by an incremental
    update (:mod:`deedgen.evaluation.pdf_form`)."""
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


def _page_labels(labels: Sequence[tuple[int, str]]) -> pikepdf.Dictionary:
    numbers = pikepdf.Array()
    for first, prefix in labels:
        label = pikepdf.Dictionary(S=Name.D)
        if prefix:
            label.P = pikepdf.String(prefix)
        numbers.extend([first, label])
    return pikepdf.Dictionary(Nums=numbers)
