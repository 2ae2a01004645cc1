"""Helpers for the Typst renderer's tests: the samples assembled once, and the words of a PDF
compared with the words of the DOCX of the same document."""

from __future__ import annotations

import difflib
import functools
import re
import subprocess
import tempfile
from pathlib import Path

import docx

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.compliance.check import run_check
from deedgen.render.docx import render_docx
from deedgen.render.labels import LABELS
from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES, docx_text

SAMPLE_NAMES = ("lipowiec", "brzeziny-nowe", "niezgodna")
FOOTER = re.compile(r"^(Strona|Page) \d+ (z|of) \d+$")
DOTS = re.compile(r"^[….]+$")


@functools.lru_cache(maxsize=8)
def coalition(name: str, lang: str):
    """(documents, draft, findings) of a sample, as ``build`` would render them."""
    library = load_library(())
    sheet = read_sheet(SAMPLES / f"{name}.yaml")
    documents = assemble_documents(sheet, library, lang)
    polish = documents if lang == "pl" else assemble_documents(sheet, library, "pl")
    report = run_check(sheet, polish, library=library)
    draft = not report.compliant
    findings = tuple(f.message(lang) for f in report.failures()) if draft else ()
    return documents, draft, findings


def pdf_pages(pdf: bytes, *, bbox: bool = False) -> str:
    """pdftotext's reading of *pdf* in the order Typst wrote the text (``-raw``: no guessing
    of columns, which splits a hanging label from its paragraph), pages separated by form
    feeds; or its ``-bbox`` XHTML."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", "-enc", "UTF-8"] + (["-bbox"] if bbox else ["-raw"]) + [str(path), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _words(text: str) -> list[str]:
    """Words, NBSP as a space, without cell separators and dotted lines (drawn, not said)."""
    words = text.replace("\u00a0", " ").replace("~", " ").split()
    return [w for w in words if w not in ("|", "/") and not DOTS.match(w)]


def pdf_words(pdf: bytes, running: set[str]) -> list[str]:
    """The words of *pdf* without each page's header and footer (its first lines while they
    are in *running*, its last if „Strona X z Y”), a word hyphenated at a line end joined again
    (Typst's soft hyphen goes, a hyphen of the word stays)."""
    lines = []
    for page in pdf_pages(pdf).split("\f"):
        page_lines = [line.strip() for line in page.splitlines() if line.strip()]
        while page_lines and page_lines[0] in running:
            page_lines.pop(0)
        if page_lines and FOOTER.match(page_lines[-1]):
            page_lines.pop()
        lines += page_lines
    text = re.sub(r"\u00ad\n", "", "\n".join(lines))
    text = re.sub(r"(\w-)\n(?=\w)", r"\1", text)
    return _words(text)


def docx_words(data: bytes) -> list[str]:
    """The words of a DOCX (see :func:`tests.helpers.docx_text`) without its header."""
    lines = [line for line in docx_text(data).splitlines() if not line.startswith("[nagłówek]")]
    return _words("\n".join(lines))


def header_rows(data: bytes) -> list[list[str]]:
    """The words of each table's first row (the header a PDF repeats on every page)."""
    import io

    document = docx.Document(io.BytesIO(data))
    return [_words(" ".join(c.text for c in t.rows[0].cells)) for t in document.tables]


def word_differences(document, pdf: bytes, *, draft: bool, findings) -> list[str]:
    """How the PDF's words differ from those of the DOCX of the same document, beyond what the
    Typst layout adds on purpose: repeated table headers."""
    data = render_docx(document, draft=draft, findings=list(findings))
    labels = LABELS[document.lang]
    coalition_name = document.context["coalition"]["name"]
    running = {coalition_name, labels["draft_mark"], document.translation_notice}
    expected = docx_words(data)
    found = pdf_words(pdf, running)
    allowed = [row for row in header_rows(data) if row]
    problems = []
    matcher = difflib.SequenceMatcher(a=expected, b=found, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        inserted = found[b1:b2]
        if op == "insert" and _made_of(inserted, allowed):
            continue
        problems.append(f"{op}: DOCX {expected[a1:a2][:12]} / PDF {inserted[:12]}")
    return problems


def _made_of(words: list[str], pieces: list[list[str]]) -> bool:
    """Whether *words* is a concatenation of *pieces* (each may repeat)."""
    if not words:
        return True
    return any(words[: len(p)] == p and _made_of(words[len(p) :], pieces) for p in pieces if p)


def self_signed_signer(folder: Path):
    """A pyhanko signer with a self-signed certificate made here, and that certificate."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testowy Sygnatariusz")])
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
    return signer, load_cert_from_pemder(str(cert_path))


def sign_twice_and_validate(pdf: bytes, folder: Path) -> list:
    """Sign the first two signature fields of *pdf* one after the other (each an incremental
    update), then validate every signature of the result; return their statuses. The signed
    PDF is left in *folder* as ``signed.pdf``."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signer, cert = self_signed_signer(folder)
    names = [name for name, _, _ in enumerate_sig_fields(PdfFileReader(io.BytesIO(pdf)))][:2]
    data = pdf
    for name in names:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        meta = signers.PdfSignatureMetadata(field_name=name)
        data = signers.sign_pdf(writer, meta, signer=signer).getvalue()
    (folder / "signed.pdf").write_bytes(data)
    reader = PdfFileReader(io.BytesIO(data))
    context = ValidationContext(trust_roots=[cert])
    return [validate_pdf_signature(sig, context) for sig in reader.embedded_signatures]
