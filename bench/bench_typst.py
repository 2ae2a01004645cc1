"""How fast is the Typst engine against LibreOffice, per coalition, on one core, warm?

For N synthetic coalitions (bench/synthetic.py, seeded) and the three samples, the Polish
documents are assembled once; then, in the same run and on the same core:

    typst        the four PDFs typeset (typeset) + the bundle with its signature fields and
                 page labels (typeset_bundle): everything the Typst engine writes
    libreoffice  the same four documents' DOCX converted by one warm LibreOffice worker (PDF/A),
                 and, separately, today's packaging of those PDFs (metadata, pdftotext checks,
                 pypdf bundle with signature fields)

Both engines are warmed up on two coalitions first. Prints the median and mean ms per coalition
and the ratio LibreOffice / Typst. Not a test.

    python bench/bench_typst.py -n 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import dump_yaml, generate_sheet  # noqa: E402
from deedgen.assemble import assemble_documents  # noqa: E402
from deedgen.clauses.library import load_library  # noqa: E402
from deedgen.document import DOCUMENT_ORDER, DOCUMENT_SLUGS  # noqa: E402
from deedgen.render.docx import render_docx  # noqa: E402
from deedgen.render.typst import typeset, typeset_bundle  # noqa: E402
from deedgen.sheet.validate import read_sheet  # noqa: E402

SAMPLES = ("lipowiec", "brzeziny-nowe")  # niezgodna fails the funding check: built only as a draft


def coalitions(n: int, folder: Path) -> list[dict]:
    library = load_library(())
    paths = [ROOT / "samples" / f"{name}.yaml" for name in SAMPLES]
    for index in range(n):
        path = folder / f"synthetic-{index}.yaml"
        path.write_text(dump_yaml(generate_sheet(index)), encoding="utf-8")
        paths.append(path)
    return [assemble_documents(read_sheet(p), library, "pl") for p in paths]


def time_typst(documents: dict) -> tuple[float, float]:
    start = time.perf_counter()
    typeset(documents)
    middle = time.perf_counter()
    typeset_bundle(documents)
    return (middle - start) * 1000, (time.perf_counter() - middle) * 1000


def time_libreoffice(converter, documents: dict, folder: Path) -> tuple[float, float]:
    from deedgen.render.package import package_language

    folder.mkdir(parents=True)
    sources = []
    for kind in DOCUMENT_ORDER:
        path = folder / f"{DOCUMENT_SLUGS[kind]}.docx"
        path.write_bytes(render_docx(documents[kind]))
        sources.append(path)
    start = time.perf_counter()
    results = converter.convert(sources, folder)
    middle = time.perf_counter()
    pdfs = {kind: Path(r.pdf) for kind, r in zip(DOCUMENT_ORDER, results, strict=True)}
    package_language(documents, pdfs, folder / "pakiet.pdf", pdfa=True)
    return (middle - start) * 1000, (time.perf_counter() - middle) * 1000


def report(label: str, values: list[float]) -> str:
    return f"{label:<34} median {statistics.median(values):7.1f} ms   mean {statistics.mean(values):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12, help="synthetic coalitions (plus the samples)")
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, LibreOffice included
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cohort = coalitions(args.n, folder)
        for documents in cohort[:2]:
            time_typst(documents)  # warm: fonts loaded, the style compiled
        typst_docs, typst_bundle = zip(*(time_typst(d) for d in cohort), strict=True)
        typst_total = [a + b for a, b in zip(typst_docs, typst_bundle, strict=True)]
        print(f"{len(cohort)} coalitions (Polish), one core\n")
        print(report("typst: four PDFs", typst_docs))
        print(report("typst: bundle + fields + labels", typst_bundle))
        print(report("typst: total", typst_total))
        if args.skip_libreoffice:
            return
        from deedgen.render.pdf import PdfConverter

        (folder / "lo").mkdir()
        with PdfConverter(workers=1, pdfa=True, workdir=folder / "lo") as converter:
            for i, documents in enumerate(cohort[:2]):
                time_libreoffice(converter, documents, folder / f"warm-{i}")
            lo = [time_libreoffice(converter, d, folder / f"lo-{i}") for i, d in enumerate(cohort)]
        lo_convert = [a for a, _ in lo]
        lo_total = [a + b for a, b in lo]
        print(report("libreoffice: conversion", lo_convert))
        print(report("libreoffice: packaging", [b for _, b in lo]))
        print(report("libreoffice: total", lo_total))
        conversion = statistics.median(lo_convert) / statistics.median(typst_total)
        whole = statistics.median(lo_total) / statistics.median(typst_total)
        print(f"\nratio LibreOffice conversion / Typst total: {conversion:.2f}×")
        print(f"ratio LibreOffice conversion + packaging / Typst total: {whole:.2f}×")


if __name__ == "__main__":
    main()
