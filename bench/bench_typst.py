"""How fast is the Typst engine against LibreOffice, per coalition, on one core, warm?

For N synthetic coalitions (bench/synthetic.py, seeded) and the three samples, the Polish
documents are assembled once; then, in the same run and on the same core:

    typst        the four PDFs typeset, then the bundle made of three of them, with its
                 signature fields and page labels (typeset_with_bundle, as a build calls it):
                 everything the Typst engine writes
    libreoffice  the same four documents' DOCX converted by one warm LibreOffice worker (PDF/A),
                 all coalitions in one call as a batch chunk does (the time shared out evenly),
                 and, separately, today's packaging of those PDFs (metadata, pdftotext checks,
                 pypdf bundle with signature fields)

Both engines are warmed up on two coalitions first. Prints, per coalition, the median and mean
wall-clock ms and the CPU ms (this process and every process it started, so LibreOffice's too:
on a shared machine CPU time is the steadier figure), where the Typst engine's time goes (the
documents' data, the compiles, the bundle), the ratios LibreOffice / Typst and the Typst total
against its target (160 ms per coalition), with the load average before and after: the
machine is shared, so run it twice. Not a test.

    python bench/bench_typst.py -n 20
"""

from __future__ import annotations

import argparse
import os
import resource
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
from deedgen.render.typst import _bundle, _typeset  # noqa: E402
from deedgen.render.typst.source import document_model  # noqa: E402
from deedgen.sheet.validate import read_sheet  # noqa: E402

TYPST = {"draft": False, "findings": (), "pdfa": True}
TARGET_MS = 160  # issue 15: Typst conversion and packaging, per coalition, one core
SAMPLES = ("lipowiec", "brzeziny-nowe")  # niezgodna fails the funding check: built only as a draft


def coalitions(n: int, folder: Path) -> list[dict]:
    library = load_library(())
    paths = [ROOT / "samples" / f"{name}.yaml" for name in SAMPLES]
    for index in range(n):
        path = folder / f"synthetic-{index}.yaml"
        path.write_text(dump_yaml(generate_sheet(index)), encoding="utf-8")
        paths.append(path)
    return [assemble_documents(read_sheet(p), library, "pl") for p in paths]


def cpu_ms() -> float:
    """CPU time of this process, of its finished children (a soffice call, pdftotext) and of its
    living descendants (a LibreOffice worker still running), in ms."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    family, total = {os.getpid()}, 0
    for pid in sorted(stats):  # children have larger pids than their parents, mostly
        parent, ticks = stats[pid]
        if parent in family and pid != os.getpid():
            family.add(pid)
            total += ticks
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    finished = children.ru_utime + children.ru_stime
    return (time.process_time() + finished) * 1000 + total * 1000 / tick


class Clock:
    """Wall and CPU ms of one step. *children*: count the CPU of other processes too (reading
    /proc for it costs a few ms, which would blur an in-process step)."""

    def __init__(self, children: bool = False) -> None:
        self._cpu = cpu_ms if children else lambda: time.process_time() * 1000

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc):
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = self._cpu() - self.cpu


def time_typst(documents: dict) -> tuple[Clock, Clock, Clock]:
    """The four PDFs and the bundle made of them (the two steps of typeset_with_bundle), and,
    apart, the documents' data alone (made again inside the first step: its share of it)."""
    with Clock() as pdfs:
        typeset_pdfs, signatures = _typeset(documents, DOCUMENT_ORDER, **TYPST)  # those it has
    with Clock() as bundle:
        _bundle(documents, typeset_pdfs, signatures)
    with Clock() as models:
        for document in documents.values():
            document_model(document)
    return pdfs, bundle, models


def docx_files(documents: dict, folder: Path, number: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, document in documents.items():
        path = folder / f"{number:03d}-{DOCUMENT_SLUGS[kind]}.docx"  # as a batch chunk names them
        path.write_bytes(render_docx(document))
        paths.append(path)
    return paths


def time_libreoffice(converter, cohort: list[dict], folder: Path) -> tuple[list, list]:
    """Conversion as a batch chunk does it — every coalition's documents in one converter call
    (LibreOffice started once), its time shared out evenly — then each coalition's packaging."""
    from deedgen.render.package import package_language

    sources = [docx_files(d, folder, i) for i, d in enumerate(cohort)]
    with Clock(children=True) as conversion:
        results = converter.convert([p for paths in sources for p in paths], folder / "pdf")
    share = (conversion.wall / len(cohort), conversion.cpu / len(cohort))
    pdfs = iter(Path(r.pdf) for r in results)
    packaging = []
    for i, documents in enumerate(cohort):
        placed = {kind: next(pdfs) for kind in documents}
        with Clock(children=True) as clock:
            package_language(documents, placed, folder / f"pakiet-{i}.pdf", pdfa=True)
        packaging.append((clock.wall, clock.cpu))
    return [share] * len(cohort), packaging


def report(label: str, clocks: list) -> str:
    wall, cpu = [c[0] for c in clocks], [c[1] for c in clocks]
    return (
        f"{label:<34} wall median {statistics.median(wall):7.1f} mean {statistics.mean(wall):7.1f}"
        f"   cpu median {statistics.median(cpu):7.1f} mean {statistics.mean(cpu):7.1f} ms"
    )


def summed(*steps) -> list[tuple[float, float]]:
    return [(sum(c.wall for c in cs), sum(c.cpu for c in cs)) for cs in zip(*steps, strict=True)]


def ratio(slow: list, fast: list, index: int) -> float:
    return statistics.median(c[index] for c in slow) / statistics.median(c[index] for c in fast)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12, help="synthetic coalitions (plus the samples)")
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, LibreOffice included
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cohort = coalitions(args.n, folder)
        for documents in cohort[:2]:
            time_typst(documents)  # warm: fonts loaded, the style compiled
        typst_docs, typst_bundle, typst_models = zip(*(time_typst(d) for d in cohort), strict=True)
        typst_total = summed(typst_docs, typst_bundle)
        rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        print(f"{len(cohort)} coalitions (Polish), one core; this process {rss >> 20} MiB\n")
        print(report("typst: four PDFs", summed(typst_docs)))
        print(report("  of which the documents' data", summed(typst_models)))
        print(report("typst: bundle (merge, fields, save)", summed(typst_bundle)))
        print(report("typst: total", typst_total))
        cpu = statistics.median(c[1] for c in typst_total)
        verdict = "met" if cpu <= TARGET_MS else "not met"
        print(
            f"typst total / target of {TARGET_MS} ms (cpu median): {cpu / TARGET_MS:.2f}×, {verdict}"
        )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if args.skip_libreoffice:
            return
        from deedgen.render.pdf import PdfConverter

        (folder / "lo").mkdir()
        with PdfConverter(workers=1, pdfa=True, workdir=folder / "lo") as converter:
            time_libreoffice(converter, cohort[:2], folder / "warm")
            conversion, packaging = time_libreoffice(converter, cohort, folder / "timed")
        total = [(c[0] + p[0], c[1] + p[1]) for c, p in zip(conversion, packaging, strict=True)]
        print(report("libreoffice: conversion (one call)", conversion))
        print(report("libreoffice: packaging", packaging))
        print(report("libreoffice: total", total))
        for label, slow in (("conversion", conversion), ("conversion + packaging", total)):
            print(
                f"ratio LibreOffice {label} / Typst total: "
                f"wall {ratio(slow, typst_total, 0):.2f}×, cpu {ratio(slow, typst_total, 1):.2f}×"
            )


if __name__ == "__main__":
    main()
