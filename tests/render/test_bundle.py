"""The signable bundle: outline, page labels, metadata, PDF/A kept, signature fields that parties
can sign in turn, byte-identical rebuilds; and the read-back check of names."""

from __future__ import annotations

import datetime
import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from deedgen.exceptions import ConversionError, VerificationError
from deedgen.render.bundle import BundlePart, PdfInfo, finalize_pdf, make_bundle
from deedgen.render.pdfa import pdfa_problems
from deedgen.render.pdftext import missing_texts, verify_text
from deedgen.render.signature_fields import signature_field_name
from tests.render.pdf_helpers import PANGRAM, SIGNATORIES, pdftotext, qpdf_check

INFO = PdfInfo(
    title="Deklaracja partnerstwa — Koalicja „Czytelnicza Wiślica”",
    author="Gminna Biblioteka Publiczna w Łęcznej",
    created=date(2025, 3, 14),
    subject="Deklaracja partnerstwa z załącznikami",
    keywords=("koalicja", "biblioteka", "Wiślica"),
)
TITLES = {
    "declaration": "Deklaracja partnerstwa",
    "action_plan": "Załącznik nr 1. Plan działań koalicji",
    "evaluation_forms": "Załącznik nr 2. Formularze ewaluacji",
}


def parts_of(pdfs: dict[str, Path]) -> list[BundlePart]:
    return [BundlePart(TITLES[kind], pdf) for kind, pdf in pdfs.items()]


@pytest.fixture(scope="module")
def bundle(pdfa_pdfs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "pakiet.pdf"
    return make_bundle(parts_of(pdfa_pdfs), out, INFO, signatories=SIGNATORIES, pdfa=True)


def page_counts(pdfs: dict[str, Path]) -> list[int]:
    return [len(PdfReader(pdf).pages) for pdf in pdfs.values()]


def test_the_bundle_has_every_page_and_a_bookmark_per_document(bundle, pdfa_pdfs):
    reader = PdfReader(bundle)
    counts = page_counts(pdfa_pdfs)
    assert counts[0] >= 2  # the declaration runs over two pages
    assert len(reader.pages) == sum(counts)

    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == list(TITLES.values())
    assert [reader.get_destination_page_number(item) for item in top] == [
        0,
        counts[0],
        counts[0] + counts[1],
    ]
    children = reader.outline[1]  # the declaration's own headings, under its bookmark
    assert isinstance(children, list) and children[0].title == "Deklaracja partnerstwa"


def test_page_labels_restart_per_annex(bundle, pdfa_pdfs):
    counts = page_counts(pdfa_pdfs)
    labels = PdfReader(bundle).page_labels
    assert labels[: counts[0]] == [str(n) for n in range(1, counts[0] + 1)]
    assert labels[counts[0]] == "Zał. 1, s. 1"
    assert labels[-1] == f"Zał. 2, s. {counts[2]}"


def test_metadata_and_language_come_from_the_arguments(bundle):
    reader = PdfReader(bundle)
    info = reader.metadata
    assert info.title == INFO.title
    assert info.author == "Gminna Biblioteka Publiczna w Łęcznej"
    assert info.subject == INFO.subject
    assert info["/Keywords"] == "koalicja, biblioteka, Wiślica"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20250314000000+00'00'"
    assert reader.root_object["/Lang"] == "pl"
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": INFO.title}
    assert xmp.dc_creator == [INFO.author]
    assert xmp.xmp_create_date == datetime.datetime(2025, 3, 14)


def test_a_pdfa_bundle_stays_pdfa(bundle):
    assert pdfa_problems(bundle) == []
    xmp = PdfReader(bundle).root_object["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    intent = PdfReader(bundle).root_object["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"


def test_the_bundle_passes_qpdf_and_keeps_the_text(bundle):
    assert qpdf_check(bundle).returncode == 0
    assert pdftotext(bundle).count(PANGRAM) == 3
    verify_text(bundle, [INFO.author, "Gmina Wiślica", "Zofia Łęcka", PANGRAM])


def test_rebuilding_gives_the_same_bytes_even_from_a_new_conversion(
    bundle, pdfa_pdfs, pdfa_converter, sources, tmp_path
):
    again = make_bundle(
        parts_of(pdfa_pdfs), tmp_path / "a.pdf", INFO, signatories=SIGNATORIES, pdfa=True
    )
    assert again.read_bytes() == bundle.read_bytes()

    # LibreOffice stamps the clock into each PDF; the bundle must not care
    results = pdfa_converter.convert(list(sources.values()), tmp_path / "new")
    reconverted = {kind: r.pdf for kind, r in zip(sources, results, strict=True)}
    assert reconverted["declaration"].read_bytes() != pdfa_pdfs["declaration"].read_bytes()
    rebuilt = make_bundle(
        parts_of(reconverted), tmp_path / "b.pdf", INFO, signatories=SIGNATORIES, pdfa=True
    )
    assert rebuilt.read_bytes() == bundle.read_bytes()


# Signature fields.


def test_one_empty_signature_field_per_signatory_on_the_declaration(bundle, pdfa_pdfs):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with open(bundle, "rb") as handle:
        fields = [(name, value) for name, value, _ in enumerate_sig_fields(PdfFileReader(handle))]
    assert fields == [
        ("podpis-gbp-leczna-anna-zolkiewska", None),
        ("podpis-gmina-wislica-jan-kowalski", None),
        ("kontrasygnata-gmina-wislica-zofia-lecka", None),
    ]
    reader = PdfReader(bundle)
    last_declaration_page = page_counts(pdfa_pdfs)[0] - 1
    widgets = [a.get_object() for a in reader.pages[last_declaration_page]["/Annots"]]
    widgets = [w for w in widgets if w.get("/FT") == "/Sig"]
    assert len(widgets) == 3
    for widget, signatory in zip(widgets, SIGNATORIES, strict=True):
        assert signatory.person in widget["/TU"]
        assert widget["/F"] == 4 and "/N" in widget["/AP"]  # printable, with an appearance


def test_fields_sit_just_above_each_printed_name(bundle, pdfa_pdfs):
    page_index = page_counts(pdfa_pdfs)[0] - 1
    page = PdfReader(bundle).pages[page_index]
    baselines = {}

    def visit(text, cm, tm, font, size):
        for signatory in SIGNATORIES:
            if text.startswith(signatory.person):
                baselines[signatory.person] = tm[5]

    page.extract_text(visitor_text=visit)
    widgets = [a.get_object() for a in page["/Annots"] if a.get_object().get("/FT") == "/Sig"]
    for widget, signatory in zip(widgets, SIGNATORIES, strict=True):
        bottom = float(widget["/Rect"][1])
        assert 0 < bottom - baselines[signatory.person] < 20


def test_parties_sign_in_turn_without_invalidating_each_other(bundle):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    data, roots = bundle.read_bytes(), []
    for signatory in SIGNATORIES[:2]:
        signer, certificate = _self_signed_signer(signatory.person)
        roots.append(certificate)
        meta = signers.PdfSignatureMetadata(field_name=signature_field_name(signatory))
        data = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer)
        data = data.getvalue()

    reader = PdfFileReader(io.BytesIO(data))
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    statuses = [validate_pdf_signature(s, context) for s in reader.embedded_signatures]
    assert len(statuses) == 2
    assert all(s.intact and s.valid and s.docmdp_ok for s in statuses)
    assert b"<pdfaid:part>2</pdfaid:part>" in data  # still identified as PDF/A after signing


def _self_signed_signer(name: str):
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    usage = cx509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    der = x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    private = keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    store = SimpleCertificateStore.from_certs([der])
    return signers.SimpleSigner(signing_cert=der, signing_key=private, cert_registry=store), der


def test_explicit_boxes_and_the_grid_when_names_are_not_printed(pdfa_pdfs, tmp_path):
    boxes = [(60, 60, 200, 100), (220, 60, 360, 100), (380, 60, 520, 100)]
    parts = parts_of(pdfa_pdfs)
    explicit = make_bundle(
        parts, tmp_path / "a.pdf", INFO, signatories=SIGNATORIES, signature_boxes=boxes
    )
    last = page_counts(pdfa_pdfs)[0] - 1
    rects = [
        [float(v) for v in a.get_object()["/Rect"]]
        for a in PdfReader(explicit).pages[last]["/Annots"]
        if a.get_object().get("/FT") == "/Sig"
    ]
    assert rects == [list(map(float, box)) for box in boxes]

    # the annexes print no names: the fields go on a grid at the foot of the last page
    grid = make_bundle(parts[1:], tmp_path / "b.pdf", INFO, signatories=SIGNATORIES)
    page = PdfReader(grid).pages[page_counts(pdfa_pdfs)[1] - 1]
    rects = [a.get_object()["/Rect"] for a in page["/Annots"] if a.get_object().get("/FT")]
    assert len(rects) == 3
    assert all(float(r[1]) >= 56 and float(r[3]) < float(page.mediabox.top) / 2 for r in rects)


def test_a_pdfa_bundle_refuses_inputs_that_are_not_pdfa(tmp_path, pdfa_pdfs):
    plain = tmp_path / "zwykly.pdf"
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=pdfa_pdfs["action_plan"])
    del writer.root_object["/Metadata"]
    writer.write(plain)
    with pytest.raises(ConversionError, match="zwykly.pdf is not PDF/A"):
        make_bundle([("Plan", plain)], tmp_path / "b.pdf", INFO, pdfa=True)


# Single documents and the read-back check.


def test_finalize_pdf_sets_metadata_and_keeps_tags_and_pdfa(pdfa_pdfs, tmp_path):
    out = finalize_pdf(pdfa_pdfs["action_plan"], INFO, tmp_path / "plan.pdf")
    reader = PdfReader(out)
    assert reader.metadata.title == INFO.title
    assert reader.root_object["/Lang"] == "pl"
    assert "/StructTreeRoot" in reader.root_object
    assert pdfa_problems(out) == []
    again = finalize_pdf(pdfa_pdfs["action_plan"], INFO, tmp_path / "plan2.pdf")
    assert again.read_bytes() == out.read_bytes()


def test_verify_text_names_what_lost_its_diacritics(pdfa_converter, tmp_path):
    document = docx.Document()
    document.add_paragraph("Porozumienie: Gmina Wislica, Gminna Biblioteka w Łęcznej")
    document.save(tmp_path / "tekst.docx")
    pdf = pdfa_converter.convert_one(tmp_path / "tekst.docx", tmp_path)
    verify_text(pdf, ["Gminna Biblioteka w Łęcznej"])
    with pytest.raises(VerificationError, match=r"„Gmina Wiślica”") as raised:
        verify_text(pdf, ["Gmina Wiślica", "Gminna Biblioteka w Łęcznej"])
    assert "Łęcznej" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gmina\u00a0Wiślica", "Gmina Wiślica"),  # no-break space
        ("Gminna Biblio-\nteka Publiczna", "Gminna Biblioteka Publiczna"),  # hyphenated at a break
        ("Kujawsko-\nPomorska", "Kujawsko-Pomorska"),  # a real hyphen at a break
        ("Gmina\n  Wiślica", "Gmina Wiślica"),
        ("Gmi na Wiślica", "Gmina Wiślica"),  # a space the extractor inserted
        ("Gmina Wis\u0301lica", "Gmina Wiślica"),  # decomposed: ś as s + combining acute
        ("Koło Przyjaciół Biblioteki", "Koło Przyjaciół Biblioteki"),
        ("Za\u00adżółć", "Zażółć"),  # soft hyphen
    ],
)
def test_missing_texts_tolerates_layout_not_letters(text, expected):
    assert missing_texts(text, [expected]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gmina Wislica", "Gmina Wiślica"),
        ("Kolo Przyjaciol", "Koło Przyjaciół"),
        ("ZAZOLC", "ZAŻÓŁĆ"),
    ],
)
def test_missing_texts_catches_lost_diacritics(text, expected):
    assert missing_texts(text, [expected]) == [expected]


def test_signature_field_names_are_ascii_without_dots():
    name = signature_field_name(SIGNATORIES[2])
    assert name == "kontrasygnata-gmina-wislica-zofia-lecka"
    assert re.fullmatch(r"[a-z0-9-]+", name)


def test_signature_spots_from_words_and_grid_when_a_name_is_missing():
    from deedgen.render.pdftext import PageWords
    from deedgen.render.signature_fields import signature_spots

    person = SIGNATORIES[0].person
    first, *rest = person.split(" ")
    words = [(first, 300.0, 700.0, 340.0, 712.0)] + [
        (w, 345.0 + 40 * i, 700.0, 380.0 + 40 * i, 712.0) for i, w in enumerate(rest)
    ]
    pages = [
        PageWords(595.0, 842.0, [[("Strona", 50.0, 800.0, 90.0, 812.0)]]),
        PageWords(595.0, 842.0, [[("Za", 250.0, 700.0, 270.0, 712.0), *words]]),
    ]
    spots = signature_spots(pages, SIGNATORIES[:1])
    (index, (left, bottom, _right, top)) = spots[0]
    assert index == 1 and left == 296.0  # four points left of the name
    assert 842.0 - 700.0 < bottom < 842.0 - 700.0 + 5  # just above the line's top
    assert top - bottom == 42.0
    # one name nowhere: every field goes to a grid at the foot of the last page
    grid = signature_spots(pages, SIGNATORIES[:2])  # "Jan Kowalski" is on no page
    assert [spot[0] for spot in grid] == [1, 1]
    assert all(rect[1] < 200 for _, rect in grid)
