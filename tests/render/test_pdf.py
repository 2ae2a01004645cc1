"""DOCX → PDF with the real LibreOffice: text with diacritics, PDF/A, failures that stay
contained, and no soffice process left behind — whatever happens to the caller."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from deedgen.exceptions import ConversionError, OutputError
from deedgen.render.pdf import PdfConverter, export_filter, find_soffice, raise_for_failures
from deedgen.render.pdfa import pdfa_problems
from deedgen.render.pdftext import extract_text, verify_text
from tests.render.pdf_helpers import (
    COALITION,
    PANGRAM,
    pdftotext,
    qpdf_check,
    soffice_processes,
    write_docx,
)


@pytest.fixture(scope="module")
def converter(tmp_path_factory):
    with PdfConverter(workers=2, workdir=tmp_path_factory.mktemp("lo")) as converter:
        yield converter


@pytest.fixture(scope="module")
def small_docs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("small")
    return [write_docx(folder / f"dokument-{n}.docx", f"Dokument {n}") for n in range(1, 6)]


@pytest.fixture(scope="module")
def small_pdfs(converter, small_docs, tmp_path_factory):
    """The small documents converted once: (the results, soffice calls that converted)."""
    stats = converter.stats
    before = stats.processes - stats.profile_setups
    results = converter.convert(small_docs, tmp_path_factory.mktemp("pdf"))
    return results, stats.processes - stats.profile_setups - before


def test_converts_a_batch_with_polish_text_intact(small_pdfs, small_docs):
    results, _ = small_pdfs

    assert [r.source for r in results] == small_docs
    assert [r.pdf.name for r in results] == [f"{d.stem}.pdf" for d in small_docs]
    for result in results:
        assert qpdf_check(result.pdf).returncode == 0
        for text in (extract_text(result.pdf), pdftotext(result.pdf)):
            assert PANGRAM in text
            assert "Wiślica" in text
        verify_text(result.pdf, [COALITION, "Gmina Wiślica", PANGRAM])  # NBSP in "Gmina Wiślica"
        assert "/StructTreeRoot" in PdfReader(result.pdf).root_object  # tagged by default


def test_a_batch_takes_one_soffice_call_per_worker_and_leaves_none_running(small_pdfs, converter):
    _, processes = small_pdfs
    assert processes == converter.workers == 2  # not one process per document
    assert soffice_processes(converter._root) == []


def test_pdfa_output_is_identified_as_pdfa_2b(pdfa_pdfs):
    for pdf in pdfa_pdfs.values():
        assert pdfa_problems(pdf) == []
        xmp = PdfReader(pdf).root_object["/Metadata"].get_object().get_data().decode()
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
        assert qpdf_check(pdf).returncode == 0


def test_plain_pdf_is_not_pdfa(small_pdfs):
    pdf = small_pdfs[0][0].pdf
    assert "no PDF/A identification (pdfaid) in the XMP metadata" in pdfa_problems(pdf)


def test_corrupt_and_missing_documents_fail_alone(converter, small_docs, tmp_path):
    corrupt = tmp_path / "uszkodzony.docx"
    corrupt.write_bytes(small_docs[0].read_bytes()[:2000])  # a truncated ZIP
    missing = tmp_path / "brak.docx"
    batch = [small_docs[0], corrupt, small_docs[1], missing, small_docs[2]]

    results = converter.convert(batch, tmp_path / "pdf")

    assert [r.ok for r in results] == [True, False, True, False, True]
    assert "could not load" in results[1].error
    assert results[3].error == "file not found"
    with pytest.raises(ConversionError, match=r"2 of 5 documents.*\n.*uszkodzony\.docx"):
        raise_for_failures(results)


def test_two_inputs_with_the_same_name_are_refused(converter, small_docs, tmp_path):
    twin = write_docx(tmp_path / "inny" / small_docs[0].name, "Bliźniak")
    with pytest.raises(OutputError, match="would both be written"):
        converter.convert([small_docs[0], twin], tmp_path / "pdf")


# A hang, a crash: provoked for real by stopping or killing the soffice process mid-batch.


@pytest.fixture(scope="module")
def single_worker(tmp_path_factory, small_docs):
    with PdfConverter(workers=1, timeout=3, workdir=tmp_path_factory.mktemp("lo1")) as converter:
        converter.convert(small_docs[:1], tmp_path_factory.mktemp("warm"))  # set up the profile
        yield converter


def _convert_and_signal(converter, sources, outdir, signum):
    """Convert in a thread; send ``signum`` to soffice once its first PDF is written."""
    results = []
    thread = threading.Thread(target=lambda: results.extend(converter.convert(sources, outdir)))
    thread.start()
    worker = converter._slots[0]
    deadline = time.monotonic() + 60
    while not any(b"%%EOF" in pdf.read_bytes()[-1024:] for pdf in worker.outdir.glob("*.pdf")):
        assert time.monotonic() < deadline, "LibreOffice wrote no PDF"
        time.sleep(0.005)
    os.kill(worker._process.pid, signum)
    thread.join()
    return results


def test_a_hung_libreoffice_is_killed_and_the_rest_still_convert(
    single_worker, small_docs, tmp_path
):
    timeouts = single_worker.stats.timeouts
    results = _convert_and_signal(single_worker, small_docs[:3], tmp_path, signal.SIGSTOP)

    failed = [r for r in results if not r.ok]
    assert len(failed) == 1, [r.error for r in results]
    assert failed[0].source == small_docs[1]  # the one being converted when it hung
    assert failed[0].error == "LibreOffice produced no PDF within 3 s"
    assert all(r.pdf.is_file() for r in results if r.ok)
    assert single_worker.stats.timeouts == timeouts + 1
    assert soffice_processes(single_worker._root) == []


def test_a_crashed_libreoffice_is_restarted_and_retries_the_document(
    single_worker, small_docs, tmp_path
):
    crashes = single_worker.stats.crashes
    results = _convert_and_signal(single_worker, small_docs[:3], tmp_path, signal.SIGKILL)

    assert all(r.ok for r in results), [r.error for r in results]
    assert single_worker.stats.crashes == crashes + 1


# No soffice process is left behind.


def test_closing_the_converter_deletes_its_private_profiles(tmp_path):
    converter = PdfConverter(workers=2, workdir=tmp_path)
    assert len(list(tmp_path.glob("deedgen-lo-*"))) == 1
    converter.close()
    converter.close()  # idempotent
    assert list(tmp_path.glob("deedgen-lo-*")) == []
    with pytest.raises(ConversionError, match="closed"):
        converter.convert([], tmp_path)


KILLED_CALLER = """
import sys
from deedgen.render.pdf import PdfConverter
converter = PdfConverter(workers=2, workdir=sys.argv[1])
converter.convert(sys.argv[3:], sys.argv[2])
"""


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_soffice_dies_with_its_caller(tmp_path, small_docs, signum):
    caller = subprocess.Popen(
        [sys.executable, "-c", KILLED_CALLER, str(tmp_path), str(tmp_path / "pdf"), *small_docs],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("deedgen-lo-*/worker-*/out/*.pdf")):
        assert time.monotonic() < deadline, "the caller never converted anything"
        time.sleep(0.02)
    assert len(soffice_processes(tmp_path)) >= 1  # interrupted mid-batch, with soffice running

    # SIGKILL: no atexit, no finally, only the kernel (PR_SET_PDEATHSIG) can clean up;
    # Ctrl-C: the converter kills its workers and the KeyboardInterrupt goes on
    caller.send_signal(signum)
    _, stderr = caller.communicate(timeout=20)
    if signum == signal.SIGINT:
        assert b"KeyboardInterrupt" in stderr

    deadline = time.monotonic() + 10
    while soffice_processes(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert soffice_processes(tmp_path) == []


# Setup problems.


def test_missing_libreoffice_names_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConversionError, match="apt-get install libreoffice-writer-nogui"):
        PdfConverter()


def test_soffice_bin_is_run_directly_so_the_kill_reaches_it():
    soffice = find_soffice()
    assert soffice.binary.name == "soffice.bin"
    assert soffice.direct


def test_pdfa_filter_options_are_json_for_writer_pdf_export():
    assert export_filter(pdfa=True, tagged=True) == (
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
        '"SelectPdfVersion":{"type":"long","value":"2"}}'
    )
