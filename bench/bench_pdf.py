"""How fast is DOCX → PDF, per document, for three ways of running LibreOffice?

    (a) naive:      a new soffice process for every document
    (b) one call:   one soffice process converting all documents in one call
    (c) pool of K:  PdfConverter with K workers, each converting its share in one call

Every way runs with an already set-up (warm) private profile, so the figures compare steady-state
costs. Prints seconds per document and the speed-up over (a). Not a test.

    python bench/bench_pdf.py --n 40 --pools 2,3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from deedgen.render.pdf import PdfConverter, export_filter, find_soffice, soffice_version

CLAUSE = (
    "Strony porozumienia, działając na podstawie art. 8 ust. 1 ustawy z dnia 25 października "
    "1991 r. o organizowaniu i prowadzeniu działalności kulturalnej, zobowiązują się do "
    "współdziałania w zakresie upowszechniania czytelnictwa, edukacji kulturalnej i "
    "aktywizacji mieszkańców gminy; szczegółowy zakres działań określa załącznik nr 1."
)


def make_docx(path: Path, number: int, pages: int) -> Path:
    """A Polish declaration-like document of about ``pages`` pages, with two tables."""
    import docx

    document = docx.Document()
    document.add_heading(f"Deklaracja partnerstwa nr {number}: Koalicja „Zażółć gęślą jaźń”", 1)
    for section in range(1, 5 * pages // 2 + 1):
        document.add_paragraph(f"§ {section}", style="Heading 3")
        for point in range(1, 3):
            document.add_paragraph(f"{point}. {CLAUSE}")
        if section % 4 == 0:
            table = document.add_table(rows=5, cols=4)
            table.style = "Table Grid"
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = f"Działanie {r}.{c}: spotkania w filii w Łęcznej"
    for person in ("Anna Żółkiewska, Dyrektor", "Jan Kowalski, Wójt Gminy Wiślica"):
        document.add_paragraph("……………………………………")
        document.add_paragraph(person)
    document.save(path)
    return path


def naive(docs: list[Path], outdir: Path, profile: Path, filter_: str) -> float:
    """One soffice process per document, as a shell loop would do it."""
    binary = str(find_soffice().binary)
    profile_arg = f"-env:UserInstallation={profile.as_uri()}"
    base = [binary, profile_arg, "--headless", "--norestore", "--convert-to", filter_]
    subprocess.run([*base, "--outdir", str(outdir), str(docs[0])], capture_output=True)  # setup
    subprocess.run([*base, "--outdir", str(outdir), str(docs[0])], capture_output=True)  # warm
    started = time.perf_counter()
    for doc in docs:
        subprocess.run([*base, "--outdir", str(outdir), str(doc)], capture_output=True, check=True)
    elapsed = time.perf_counter() - started
    assert all((outdir / f"{d.stem}.pdf").is_file() for d in docs)
    return elapsed


def pooled(docs: list[Path], outdir: Path, workers: int, pdfa: bool) -> float:
    with PdfConverter(workers=workers, pdfa=pdfa, timeout=300) as converter:
        converter.convert(docs[:workers], outdir / "warm-up")  # set up every worker's profile
        started = time.perf_counter()
        results = converter.convert(docs, outdir)
        elapsed = time.perf_counter() - started
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return elapsed


def _pages(doc: Path, outdir: Path, pdfa: bool) -> int:
    from pypdf import PdfReader

    with PdfConverter(workers=1, pdfa=pdfa) as converter:
        return len(PdfReader(converter.convert_one(doc, outdir)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="documents to convert (default 40)")
    parser.add_argument("--pages", type=int, default=5, help="pages per document (about)")
    parser.add_argument("--naive-n", type=int, default=15, help="documents for (a), the slow way")
    parser.add_argument("--pools", default="2,3", help="worker counts for (c), comma-separated")
    parser.add_argument("--pdfa", action="store_true", help="export PDF/A-2b")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="deedgen-bench-"))
    try:
        docs = [make_docx(root / f"deklaracja-{i:03}.docx", i, args.pages) for i in range(args.n)]
        filter_ = export_filter(pdfa=args.pdfa)
        print(f"{soffice_version()} on {platform.platform()}, {os.cpu_count()} cores")
        pages = _pages(docs[0], root / "count", args.pdfa)
        print(f"{args.n} DOCX of {pages} pages each, PDF/A: {'yes' if args.pdfa else 'no'}\n")

        naive_docs = docs[: args.naive_n]
        rows = [
            (
                f"(a) naive, a process per document ({len(naive_docs)} docs)",
                naive(naive_docs, root / "a", root / "profile-a", filter_) / len(naive_docs),
            ),
            ("(b) one soffice call for all", pooled(docs, root / "b", 1, args.pdfa) / len(docs)),
        ]
        for workers in (int(w) for w in args.pools.split(",")):
            label = f"(c) pool of {workers} workers, one call each"
            rows.append((label, pooled(docs, root / f"c{workers}", workers, args.pdfa) / len(docs)))

        baseline = rows[0][1]
        print(f"{'way':<52} {'s/doc':>7} {'× (a)':>7}")
        for label, per_doc in rows:
            print(f"{label:<52} {per_doc:>7.3f} {baseline / per_doc:>6.1f}×")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
