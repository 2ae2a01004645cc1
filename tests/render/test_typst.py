"""The Typst renderer on the real samples: the same words as the DOCX, valid, tagged PDF/A-2a and
PDF/UA-1 with /Lang, outline and embedded fonts, reproducible, and hostile names printed as text."""

from __future__ import annotations

import functools
import io
import re
import subprocess
from datetime import date

import pikepdf
import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.document import bundled
from deedgen.exceptions import TypstError
from deedgen.render.labels import LABELS
from deedgen.render.typst import compile as typst_compile
from deedgen.render.typst import typeset, typeset_bundle, typeset_with_bundle
from deedgen.render.typst.compile import TypstEngine
from deedgen.sheet.validate import read_sheet
from tests.helpers import load_sample, write_sheet
from tests.render.typst_helpers import (
    SAMPLE_NAMES,
    coalition,
    pdf_pages,
    sign_twice_and_validate,
    word_differences,
)

CASES = [(name, lang) for name in SAMPLE_NAMES for lang in ("pl", "en")]
IDS = [f"{name}-{lang}" for name, lang in CASES]


@functools.lru_cache(maxsize=8)
def rendered(name: str, lang: str) -> dict[str, bytes]:
    documents, draft, findings = coalition(name, lang)
    pdfs, bundle = typeset_with_bundle(documents, draft=draft, findings=findings)
    return dict(pdfs, bundle=bundle)


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_pdf_words_equal_docx_words(name, lang):
    documents, draft, findings = coalition(name, lang)
    pdfs = rendered(name, lang)
    for kind in documents:  # the documents the coalition has
        differences = word_differences(documents[kind], pdfs[kind], draft=draft, findings=findings)
        assert differences == [], f"{kind}: {differences[:5]}"
    assert draft == (name == "niezgodna")


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_qpdf_check_passes(name, lang, tmp_path):
    for kind, pdf in rendered(name, lang).items():
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"{kind}: {done.stdout}{done.stderr}"


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_poppler_reads_every_pdf_without_a_syntax_error(name, lang, tmp_path):
    """Debian's Poppler (pdfinfo, pdftoppm, Evince) took Typst's ``/Suspects false`` for an
    error; the entry is blanked in place, and Poppler reads each PDF and renders its first page
    with nothing on stderr."""
    for kind, pdf in rendered(name, lang).items():
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(pdf)
        page = [
            "pdftoppm",
            "-r",
            "20",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / kind),
        ]
        for command in (["pdfinfo", str(path)], page):
            done = subprocess.run(command, capture_output=True, text=True)
            assert done.returncode == 0 and done.stderr == "", f"{kind}: {done.stderr}"
        with pikepdf.open(io.BytesIO(pdf)) as opened:
            mark_info = opened.Root.MarkInfo
            assert mark_info.Marked is True and "/Suspects" not in mark_info, kind


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_pdfa_pdfua_tags_lang_outline_fonts(name, lang):
    documents, _, _ = coalition(name, lang)
    for kind, data in rendered(name, lang).items():
        pdf = pikepdf.open(io.BytesIO(data))
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A", kind
        assert meta["pdfuaid:part"] == "1", kind
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root, kind
        assert str(pdf.Root.Lang) == {"pl": "pl-PL", "en": "en-GB"}[lang], kind
        first = documents["declaration" if kind == "bundle" else kind]
        assert str(pdf.docinfo.Title).startswith(first.title), kind
        assert str(pdf.docinfo.Author) == first.context["library"]["name"], kind
        with pdf.open_outline() as outline:
            assert outline.root, kind
            assert outline.root[0].title == first.title.upper(), kind
        assert _fonts(pdf) <= {
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-Italic",
            "LiberationSans",
            "LiberationSans-Bold",
            "LiberationSans-Italic",
        }, kind


def _fonts(pdf: pikepdf.Pdf) -> set[str]:
    """The base names (subset prefix off) of the page fonts, each asserted to be embedded."""
    names = set()
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font.BaseFont).split("+")[-1].lstrip("/"))
    return names


def test_bundle_has_documents_outline_and_page_labels():
    pdfs = rendered("brzeziny-nowe", "pl")
    bundle = pikepdf.open(io.BytesIO(pdfs["bundle"]))
    counts = [len(pikepdf.open(io.BytesIO(pdfs[k])).pages) for k in bundled(pdfs)]
    assert len(bundle.pages) == sum(counts)
    with bundle.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles == ["DEKLARACJA PARTNERSTWA", "PLAN DZIAŁAŃ KOALICJI", "FORMULARZE EWALUACJI"]
    labels = [pikepdf.Page(page).label for page in bundle.pages]
    assert labels[0] == "1" and labels[counts[0] - 1] == str(counts[0])
    assert labels[counts[0]] == "Zał. 1, s. 1"
    assert labels[-1] == f"Zał. 2, s. {counts[2]}"


def test_bundle_joins_the_documents_structure_trees():
    """The bundle is made of the documents' PDFs: one structure tree whose Document holds the
    declaration and each annex as a Part, every element on a page of the bundle, unique cell IDs
    that the cells' /Headers find, a parent-tree entry for every page and widget — and the
    pages' text is the documents' text."""
    pdfs = rendered("brzeziny-nowe", "pl")
    bundle = pikepdf.open(io.BytesIO(pdfs["bundle"]))
    tree = bundle.Root.StructTreeRoot
    (document,) = tree.K
    assert document.S == "/Document"
    assert [str(k.S) for k in document.K if k.S == "/Part"] == ["/Part", "/Part"]
    pages = {page.objgen for page in bundle.pages}
    ids, headers, elements = [], [], [document]
    while elements:
        element = elements.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        assert "/Pg" not in element or element.Pg.objgen in pages
        ids += [str(element.ID)] if "/ID" in element else []
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                headers += [str(h) for h in attribute.Headers]
        kids = element.get("/K")
        elements += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    assert len(ids) == len(set(ids)) > 0 and set(headers) <= set(ids)
    names = list(tree.IDTree.Names)[::2]
    assert [str(n) for n in names] == sorted(ids)
    keys = {int(k) for k in list(tree.ParentTree.Nums)[::2]}
    used = [int(p.StructParents) for p in bundle.pages]
    used += [int(a.StructParent) for p in bundle.pages for a in p.get("/Annots", [])]
    assert len(used) == len(set(used)) and set(used) <= keys
    assert max(keys) < int(tree.ParentTreeNextKey)
    parts = "".join(pdf_pages(pdfs[kind]) for kind in bundled(pdfs))
    assert pdf_pages(pdfs["bundle"]) == parts


def test_same_bytes_on_every_compile():
    documents, draft, findings = coalition("lipowiec", "pl")
    first = rendered("lipowiec", "pl")
    engine = TypstEngine()  # a fresh compiler: nothing memoized
    again = typeset(documents, draft=draft, findings=findings)
    assert again == {k: v for k, v in first.items() if k != "bundle"}
    assert typeset_bundle(documents, draft=draft, findings=findings) == first["bundle"]
    from deedgen.render.typst.source import document_model

    created = documents["preliminary"].context["coalition"]["declaration_date"]
    fresh, _ = engine.compile(
        {"documents": [document_model(documents["preliminary"])]}, created=created
    )
    assert fresh == first["preliminary"]
    created_stamp = created.strftime("D:%Y%m%d000000").encode()
    assert created_stamp in first["preliminary"]  # the sheet's date, not the clock


HOSTILE = "#sys.exit() $x$ *b* _i_ <a> @ref \\ `kod` [l] {c} // = x"


def test_partner_data_is_never_markup(tmp_path):
    data = load_sample("lipowiec")
    ngo = next(p for p in data["parties"] if p["kind"] not in ("library", "gmina"))
    ngo["name"] = f"Stowarzyszenie {HOSTILE}"
    data["coalition"]["name"] = f"Koalicja {HOSTILE}"
    sheet = read_sheet(write_sheet(tmp_path / "wrogie.yaml", data))
    documents = assemble_documents(sheet, load_library(()), "pl")
    pdfs = typeset(documents)
    for kind, pdf in pdfs.items():
        text = " ".join(pdf_pages(pdf).replace("\u00ad\n", "").split())
        assert f"Koalicja {HOSTILE}" in text, kind
    declaration = " ".join(pdf_pages(pdfs["declaration"]).replace("\u00ad\n", "").split())
    assert f"Stowarzyszenie {HOSTILE}" in declaration


def test_missing_font_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setattr(typst_compile, "FONT_DIRS", (tmp_path,))
    typst_compile.fonts.cache_clear()
    try:
        with pytest.raises(TypstError, match="fonts-liberation2"):
            TypstEngine()
    finally:
        typst_compile.fonts.cache_clear()


def test_a_typst_warning_is_an_error(tmp_path):
    style = tmp_path / "style.typ"
    style.write_text(
        '#let typeset(model) = {\n  set document(title: "T")\n'
        '  set text(font: "No Such Font", lang: "pl")\n  [Tekst]\n}\n',
        encoding="utf-8",
    )
    with pytest.raises(TypstError, match="(?i)warned.*font"):
        TypstEngine(style).compile({"documents": []}, created=date(2026, 1, 1))


def test_identifiers_and_names_are_never_broken():
    documents, _, _ = coalition("brzeziny-nowe", "pl")
    raw = pdf_pages(rendered("brzeziny-nowe", "pl")["declaration"])
    for line in raw.splitlines():
        assert not re.search(r"(NIP|REGON|KRS):?$", line.strip()), line
        assert not re.search(r"\b\d{3}-$|\b\d{3}-\d{3}-$", line.strip()), line
    context = documents["declaration"].context
    people = [r["name"] for p in context["parties"] for r in p["representatives"]]
    towns = [p["address"]["city"] for p in context["parties"]]
    names = [p["name"] for p in context["parties"]] + people + towns
    name_words = {w for n in names for w in n.split()}
    hyphenated = {a + b for a, b in re.findall(r"(\w+)\u00ad\n(\w+)", raw)}
    assert hyphenated.isdisjoint(name_words), hyphenated & name_words
    assert "\u00ad\n" in raw  # hyphenation itself is on
    assert "NIP: 441-372-05-70" in " ".join(raw.split())


def _bbox_words(pdf):
    pages = []
    for page in pdf_pages(pdf, bbox=True).split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        pages.append([(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in words])
    return pages


@pytest.mark.parametrize("name", ["lipowiec", "brzeziny-nowe"])
def test_signature_fields_sit_on_their_lines(name):
    documents, _, _ = coalition(name, "pl")
    bundle = rendered(name, "pl")["bundle"]
    pdf = pikepdf.open(io.BytesIO(bundle))
    pages = _bbox_words(bundle)
    signatories = documents["declaration"].signatories
    fields = list(pdf.Root.AcroForm.Fields)
    assert len(fields) == len(signatories)
    # each widget tagged (PDF/UA-1): a /Form element pointing at it, found via its /StructParent
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    for field in fields:
        element = parents[int(field.StructParent)]
        assert element.S == "/Form" and element.K.Obj.objgen == field.objgen
    for signatory, field in zip(signatories, fields, strict=True):
        page_index = [p.objgen for p in pdf.pages].index(field.P.objgen)
        height = float(pdf.pages[page_index].MediaBox[3])
        x1, y1, x2, y2 = (float(v) for v in field.Rect)
        surname = signatory.person.split()[-1] + ","
        hits = [w for w in pages[page_index] if w[0] == surname]
        # the printed name's line: just below the field (one dotted line between them)
        below = [w for w in hits if 0 < w[2] - (height - y1) < 16]
        assert below, (
            f"{signatory.person}: no printed name under the field on page {page_index + 1}"
        )
        word = below[0]
        first_name_x = min(
            w[1] for w in pages[page_index] if abs(w[2] - word[2]) < 1 and w[1] >= x1 - 1
        )
        assert abs(first_name_x - x1) < 1.0, signatory.person
        assert x2 - x1 > 100 and y2 - y1 > 20
        dots = [w for w in pages[page_index] if set(w[0]) == {"…"} and abs(w[1] - x1) < 1]
        assert any(abs((height - y1) - w[2]) < 3 for w in dots), "field stands on the dotted line"


def test_countersignature_directly_under_the_executive():
    documents, _, _ = coalition("brzeziny-nowe", "pl")
    pdf = pikepdf.open(io.BytesIO(rendered("brzeziny-nowe", "pl")["bundle"]))
    fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
    counter = next(v for k, v in fields.items() if k.startswith("kontrasygnata"))
    signatory = next(
        s
        for s in documents["declaration"].signatories
        if s.role == "signature"
        and s.party_id == documents["declaration"].context["gmina_party"]["id"]
    )
    executive = next(v for k, v in fields.items() if k.startswith(f"podpis-{signatory.party_id}-"))
    assert counter.P.objgen == executive.P.objgen
    low, high = float(counter.Rect[3]), float(executive.Rect[1])
    # below the executive's line: the name, the "Kontrasygnata Skarbnika" label, room to sign
    assert 0 < high - low < 60 and float(counter.Rect[0]) == float(executive.Rect[0])
    others = [f for f in fields.values() if f.P.objgen == counter.P.objgen]
    assert not [f for f in others if low < float(f.Rect[1]) < high]


def test_signature_heading_is_not_alone_on_its_page():
    for name, lang in CASES:
        documents, _, _ = coalition(name, lang)
        for kind in ("preliminary", "declaration"):
            pages = pdf_pages(rendered(name, lang)[kind]).split("\f")
            heading = "Podpis" if lang == "pl" else "Signature"
            page = next(p for p in pages if re.search(rf"^{heading}", p, re.M))
            first_party = documents[kind].signatories[0].party_name.split()[0]
            after = page[re.search(rf"^{heading}", page, re.M).start() :]
            assert first_party in after, f"{name}-{lang} {kind}: the heading alone"


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_each_form_is_kept_on_one_page(name, lang):
    labels = LABELS[lang]
    pages = pdf_pages(rendered(name, lang)["evaluation_forms"]).split("\f")
    # each form's last line: who prepared the quarterly one; the Team's adoption of the annual
    closing = {
        labels["quarterly_form"]: labels["prepared_by"],
        labels["annual_form"]: " ".join(labels["adopted_by_team"].split()[:3]),
    }
    for form, last_line in closing.items():
        for page in pages:
            for heading in re.finditer(rf"^{form} — .*$", page, re.M):
                rest = page[heading.end() :]
                assert last_line in rest, f"{heading.group(0)} continues overleaf"


def test_plan_rows_are_never_split_across_pages(tmp_path):
    data = load_sample("brzeziny-nowe")
    long = "bardzo długi opis planowanego mikrosukcesu, który zajmuje wiele wierszy tabeli; " * 6
    for action in data["actions"]:
        for micro in action.get("micro_successes") or []:
            micro["description"] = long.strip()
    sheet = read_sheet(write_sheet(tmp_path / "dlugi.yaml", data))
    documents = assemble_documents(sheet, load_library(()), "pl")
    plan = typeset({"action_plan": documents["action_plan"]})["action_plan"]
    pages = pdf_pages(plan).split("\f")
    assert len([p for p in pages if p.strip()]) > 2
    for page in pages:
        # each description says "tabeli;" six times: a page holds only whole ones
        assert page.count("tabeli;") % 6 == 0, page[:200]


def test_bundle_signed_twice_both_signatures_valid(tmp_path):
    bundle = rendered("lipowiec", "pl")["bundle"]
    statuses = sign_twice_and_validate(bundle, tmp_path)
    assert len(statuses) == 2
    assert all(s.intact and s.valid for s in statuses)
    # the signed file reads cleanly in Poppler too (pdfinfo, as Evince would open it)
    done = subprocess.run(["pdfinfo", str(tmp_path / "signed.pdf")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_package_language_writes_the_pdfs_and_the_bundle(tmp_path):
    from deedgen.manifest import sha256_file
    from deedgen.render.typst.package import package_language

    documents, draft, findings = coalition("niezgodna", "pl")
    paths = {kind: tmp_path / f"{kind}.pdf" for kind in documents}
    entry = package_language(
        documents, paths, tmp_path / "pakiet.pdf", draft=draft, findings=findings
    )
    assert entry["file"] == "pakiet.pdf" and entry["sha256"] == sha256_file(tmp_path / "pakiet.pdf")
    assert entry["signature_fields"] == len(documents["declaration"].signatories)
    assert entry["documents"] == ["declaration", "action_plan", "evaluation_forms"]
    assert {p.read_bytes() for p in paths.values()} == {
        rendered("niezgodna", "pl")[k] for k in documents
    }
    draft_mark = LABELS["pl"]["draft_mark"]
    assert all(draft_mark in pdf_pages(p.read_bytes()) for p in paths.values())


def test_one_style_source_restyles_the_docx_and_the_pdf(monkeypatch):
    """A margin and a title size changed in template_styles reach the DOCX template and the
    Typst PDF alike."""
    from deedgen.render import template_styles
    from deedgen.render.templates import declaration_template

    documents, _, _ = coalition("lipowiec", "pl")
    before = _bbox_words(typeset({"declaration": documents["declaration"]})["declaration"])[0]
    monkeypatch.setitem(template_styles.PAGE, "left", 4.0)
    monkeypatch.setitem(template_styles.PARAGRAPH_STYLES["Tytuł dokumentu"], "size", 20)
    typst_compile.styles.cache_clear()
    try:
        template = declaration_template()
        after = _bbox_words(typeset({"declaration": documents["declaration"]})["declaration"])[0]
    finally:
        typst_compile.styles.cache_clear()
    assert round(template.sections[0].left_margin.cm, 2) == 4.0
    assert template.styles["Tytuł dokumentu"].font.size.pt == 20
    left = min(w[1] for w in after)
    assert abs(left - 4.0 * 72 / 2.54) < 1 and abs(min(w[1] for w in before) - 2.2 * 72 / 2.54) < 1
    title = next(w for w in after if w[0] == "DEKLARACJA")
    old_title = next(w for w in before if w[0] == "DEKLARACJA")
    assert (title[4] - title[2]) / (old_title[4] - old_title[2]) == pytest.approx(20 / 15, rel=0.05)


def test_the_engine_reads_from_a_private_folder_it_removes():
    import gc
    import stat

    engine = TypstEngine()
    folder = engine._folder
    assert sorted(p.name for p in folder.iterdir()) == ["entry.typ", "model.json", "style.typ"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    pdf, _ = engine.compile({"documents": [], "probe": "Zażółć"}, created=date(2026, 1, 1))
    assert "Zażółć" in pdf_pages(pdf)
    del engine
    gc.collect()
    assert not folder.exists()
