"""How fast is ``deedgen batch``, and where does the time go?

    python bench/bench_batch.py [-n 200] [--pdf-n 12] [--naive-n 2] [-j JOBS] [--seed 7]

On a synthetic cohort (``bench/synthetic.py``: seeded, 3–12 parties, 2–8 actions, valid
checksums) it measures, in one run:

1. DOCX only: ``-n`` coalitions built by the batch; then the same cohort again, unchanged
   (nothing to do: hash the inputs, read the manifests, write the report);
2. DOCX + PDF + bundles + compliance: ``--pdf-n`` coalitions built by the batch;
3. the naive way on ``--naive-n`` coalitions, one after another: ``render_docx_naive``
   (docxtpl loading its template for every document) and a new ``soffice`` process for every
   document, then the same packaging;
4. a breakdown of one coalition's work, stage by stage, to show the bottlenecks.

With ``--docx-only`` it measures only the DOCX-only batch, repeated (``--repeat``), and a
breakdown of its per-coalition CPU time by stage (``--stages-n`` sheets, in this process, after a
warm-up; CPU time, not wall-clock: the figure a shared machine leaves steady). ``--baseline DIR``
measures a second source tree (a checkout of an earlier commit) the same way in the same run,
alternating with this one, and prints the ratios:

    python bench/bench_batch.py --docx-only -n 300 --baseline /tmp/deedgen-before

It prints coalitions/s, documents/s, the peak memory of the whole process tree (this process,
the forkserver, the workers and their LibreOffice, sampled from /proc), the speed-up over the
naive way, and extrapolates to the national cohort (2,479 gminas × 4 documents). Not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if "--deedgen-from" in sys.argv:  # a baseline's own deedgen, imported instead of this tree's
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--deedgen-from") + 1]).resolve()))

from bench.synthetic import write_cohort  # noqa: E402

NATIONAL = 2479
DOCUMENTS = 4


# --- memory of the whole process tree --------------------------------------------------------------


class TreeMemory:
    """Samples the resident memory and the CPU time of this process and all its descendants
    (from /proc): keeps the peak of their memory's sum, and each process's latest CPU time, so
    that the run's CPU seconds — the steadier figure on a shared machine — can be summed (a
    process that ends loses at most one interval)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._cpu: dict[int, int] = {}  # pid → clock ticks
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._start = tree_usage(os.getpid())[1]
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def cpu_seconds(self) -> float:
        ticks = sum(self._cpu.values()) - sum(self._start.values())
        return ticks / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        rss, cpu = tree_usage(os.getpid())
        self.peak = max(self.peak, rss)
        self._cpu.update(cpu)
        for pid, ticks in self._start.items():
            self._cpu.setdefault(pid, ticks)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)


def tree_usage(root: int) -> tuple[int, dict[int, int]]:
    """Bytes resident in *root* and its descendants now, and each one's CPU clock ticks."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
        ticks[pid] = int(fields[11]) + int(fields[12])
    total, todo, cpu = 0, [root], {}
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        cpu[pid] = ticks.get(pid, 0)
        todo += children.get(pid, [])
    return total, cpu


# --- runs ------------------------------------------------------------------------------------------


def run(
    cohort: Path, out: Path, fmt: tuple[str, ...], jobs: int | None, engine: str = "typst"
) -> dict:
    from deedgen.batch import BatchOptions, run_batch
    from deedgen.options import BuildOptions

    options = BatchOptions(build=BuildOptions(formats=fmt, pdf_engine=engine), jobs=jobs)
    with TreeMemory() as memory:
        started = time.perf_counter()
        result = run_batch(cohort, out, options)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": memory.cpu_seconds,
        "counts": result.counts,
        "peak": memory.peak,
        "converter": result.converter,
    }


def naive(cohort: Path, count: int, workdir: Path) -> dict:
    """The same coalitions the naive way: read, assemble, check, render each document with
    docxtpl loading its template, convert each with a new soffice process, package."""
    from deedgen.assemble import assemble_documents
    from deedgen.clauses.library import load_library
    from deedgen.compliance.check import run_check
    from deedgen.naming import output_name
    from deedgen.render.docx import render_docx_naive
    from deedgen.render.package import package_language
    from deedgen.render.pdf import export_filter, find_soffice
    from deedgen.sheet.validate import read_sheet

    soffice = find_soffice()
    profile = workdir / "profile"
    subprocess.run(
        [
            str(soffice.binary),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--terminate_after_init",
        ],
        capture_output=True,
        timeout=120,
    )
    sheets = sorted(cohort.glob("*.yaml"))[:count]
    library = load_library()
    timings = {"read_check": 0.0, "docx": 0.0, "pdf": 0.0, "package": 0.0}
    started = time.perf_counter()
    for number, path in enumerate(sheets):
        mark = time.perf_counter()
        sheet = read_sheet(path)
        documents = assemble_documents(sheet, library, "pl")
        run_check(sheet, documents)  # loads the rule set, as a one-off build does
        timings["read_check"] += time.perf_counter() - mark
        folder = workdir / f"c{number}"
        folder.mkdir()
        pdfs = {}
        for kind, document in documents.items():
            mark = time.perf_counter()
            docx = folder / output_name(kind, "pl", "docx")
            docx.write_bytes(render_docx_naive(document))
            timings["docx"] += time.perf_counter() - mark
            mark = time.perf_counter()
            command = [
                str(soffice.binary),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--convert-to",
                export_filter(),
                "--outdir",
                str(folder),
                str(docx),
            ]
            subprocess.run(command, capture_output=True, timeout=300, check=True)
            pdfs[kind] = docx.with_suffix(".pdf")
            timings["pdf"] += time.perf_counter() - mark
        mark = time.perf_counter()
        package_language(documents, pdfs, folder / "pakiet.pdf", pdfa=False)
        timings["package"] += time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    timings["coalitions"] = len(sheets)
    return timings


class Stages:
    """Rows of (label, value): milliseconds per coalition, a share in %, or MiB."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float]] = []

    def timed(self, label: str, function, items: list, *, warm: bool = True) -> list:
        """Time *function* over *items*; first run once untimed (*warm*), so that what a
        process does once (imports, caches, prepared templates) is not counted per coalition."""
        if warm:
            function(items[0])
        started = time.perf_counter()
        results = [function(item) for item in items]
        self.rows.append((label, (time.perf_counter() - started) / len(items) * 1000))
        return results

    def value(self, prefix: str) -> float:
        return next(value for label, value in self.rows if label.startswith(prefix))


def breakdown(cohort: Path, workdir: Path, samples: int = 6) -> Stages:
    """Each stage of a coalition's work, in this process (one core)."""
    from deedgen.clauses.library import load_library
    from deedgen.compliance.rules import load_rules

    library, rules = load_library(), load_rules("2026")
    stages = Stages()
    sheets = _cpu_stages(stages, sorted(cohort.glob("*.yaml"))[:samples], library, rules)
    _pdf_stages(stages, sheets, workdir, library, rules)
    return stages


def _cpu_stages(stages: Stages, paths: list[Path], library, rules) -> list:
    import yaml

    from deedgen.assemble import assemble_documents
    from deedgen.compliance.check import run_check
    from deedgen.render.docx import render_docx
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet

    raws = stages.timed(
        "load sheet (YAML: PyYAML's C parser, the line of every value)", load_sheet, paths
    )
    stages.timed(
        "  of which composing the node tree (C parser)",
        lambda p: yaml.compose(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader),
        paths,
    )
    sheets = stages.timed("validate (schema, cross-table rules)", validate_sheet, raws)
    documents = stages.timed(
        "assemble 4 documents (pl)", lambda s: assemble_documents(s, library, "pl"), sheets
    )
    pairs = list(zip(sheets, documents, strict=True))
    stages.timed(
        "compliance check (rules loaded once)",
        lambda sd: run_check(sd[0], sd[1], library=library, rules=rules),
        pairs,
    )
    stages.timed(
        "  compliance check loading the rules (as run_check by default)",
        lambda sd: run_check(sd[0], sd[1]),
        pairs[:2],
    )
    stages.timed(
        "render 4 DOCX (prepared templates)",
        lambda d: [render_docx(x) for x in d.values()],
        documents,
    )
    return sheets


def _pdf_stages(stages: Stages, sheets: list, workdir: Path, library, rules) -> None:
    from deedgen.options import BuildOptions
    from deedgen.pipeline.plan import plan
    from deedgen.pipeline.write import write
    from deedgen.render.package import package_language
    from deedgen.render.pdftext import extract_text

    options = BuildOptions(formats=("docx", "pdf"))
    plans = [plan(s, options, library=library, rules=rules) for s in sheets]
    folders = _libreoffice_stage(stages, plans, workdir)
    pdfs = [
        {d.kind: folder / d.pdf_name for d in item.docx if d.lang == "pl"}
        for item, folder in zip(plans, folders, strict=True)
    ]
    stages.timed(
        "  pypdf extract_text of the 4 PDFs (the fallback without pdftotext)",
        lambda p: [extract_text(x) for x in p.values()],
        pdfs[:2],
    )
    if shutil.which("pdftotext"):
        stages.timed(
            "  pdftotext of the same 4 PDFs (what packaging runs)",
            lambda p: [
                subprocess.run(["pdftotext", str(x), "-"], capture_output=True) for x in p.values()
            ],
            pdfs[:2],
        )

    def copied(originals: dict, prefix: str) -> dict:
        return {k: Path(shutil.copy(v, v.with_name(prefix + v.name))) for k, v in originals.items()}

    def package(pair):
        item, files = pair
        bundle = next(iter(files.values())).with_name("x-pakiet.pdf")
        return package_language(item.documents["pl"], files, bundle, pdfa=False)

    package((plans[0], copied(pdfs[0], "spare-")))  # warm up: packaging changes PDFs in place
    copies = [(item, copied(p, "copy-")) for item, p in zip(plans, pdfs, strict=True)]
    stages.timed(
        "package PDFs (metadata, text checks, bundle, signature fields)",
        package,
        copies,
        warm=False,
    )
    profile = cProfile.Profile()  # where packaging's time goes: a second pass, profiled
    profile.enable()
    for item, originals in list(zip(plans, pdfs, strict=True))[:3]:
        package((item, copied(originals, "again-")))
    profile.disable()
    stats = pstats.Stats(profile).stats
    whole = sum(v[3] for k, v in stats.items() if k[2] == "package_language")
    for label, name in (
        ("pdftotext runs (text checks, signature places)", "communicate"),
        ("the bundle (pypdf: merge, outline, fields, write)", "make_bundle"),
    ):
        share = sum(v[3] for k, v in stats.items() if k[2] == name)
        stages.rows.append((f"    of which {label} (share)", share / whole * 100))

    def write_one(index: int):
        item, folder = plans[index], folders[index]
        given = {
            d.name: Path(shutil.copy(folder / d.pdf_name, folder / f"w-{d.pdf_name}"))
            for d in item.docx
        }
        return write(item, workdir / f"written-{index}", pdfs=given)

    write_one(0)  # warm up
    stages.timed(
        "write (package, reports, manifest, move into place)",
        write_one,
        [1, 2][: len(plans) - 1],
        warm=False,
    )


def _libreoffice_stage(stages: Stages, plans: list, workdir: Path) -> list[Path]:
    """As the batch does with its largest chunk: 40 coalitions' documents in one call. Returns
    each plan's folder with its DOCX and PDFs (named as a build names them)."""
    from deedgen.render.pdf import PdfConverter

    folders = []
    for number, item in enumerate(plans):
        folder = workdir / f"plan-{number}"
        folder.mkdir()
        for docx in item.docx:
            (folder / docx.name).write_bytes(docx.data)
        folders.append(folder)
    with PdfConverter(workers=1) as converter:
        converter.convert([folders[0] / plans[0].docx[0].name], workdir / "warm")
        links = workdir / "links"
        links.mkdir()
        for copy in range(-(-40 // len(plans))):
            for number, item in enumerate(plans):
                for docx in item.docx:
                    os.link(folders[number] / docx.name, links / f"{copy}-{number}-{docx.name}")
        documents = sorted(links.glob("*.docx"))[: 40 * DOCUMENTS]
        with TreeMemory() as memory:
            started = time.perf_counter()
            converter.convert(documents, links / "pdf")
            seconds = time.perf_counter() - started
        label = f"LibreOffice: 4 documents (warm, {len(documents)} in one call)"
        stages.rows.append((label, seconds / len(documents) * DOCUMENTS * 1000))
        stages.rows.append(
            ("  peak memory of that call, whole process tree (MiB)", memory.peak / 2**20)
        )
        for item, folder in zip(plans, folders, strict=True):  # each coalition's own PDFs
            converter.convert([folder / d.name for d in item.docx], folder)
    return folders


# --- the DOCX-only path, by stage (CPU time) ---------------------------------------------------------

DOCX_STAGES = (
    "load sheet",
    "validate",
    "pickle round trip (between the batch's phases)",
    "assemble 4 documents",
    "compliance check",
    "render 4 DOCX",
    "write (DOCX files, reports, manifest)",
)


def docx_stages(paths: list[Path], workdir: Path, warm: int = 20) -> dict[str, float]:
    """CPU milliseconds per coalition of each stage of a DOCX-only build, as a batch worker runs
    them (library and rules loaded once), over *paths* after a warm-up on the first *warm* of
    them (Jinja compiles each clause once per process; a worker of a large cohort is warm)."""
    import gc
    import pickle

    from deedgen.assemble import assemble_documents
    from deedgen.compliance.check import run_check
    from deedgen.compliance.rules import load_rules
    from deedgen.options import BuildOptions
    from deedgen.pipeline.plan import plan
    from deedgen.pipeline.write import write
    from deedgen.render.docx import render_docx
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet

    options = BuildOptions(formats=("docx",))
    library, rules = options.library.load(), load_rules("2026")
    counter = iter(range(10**9))

    def roundtrip(sheet):
        return pickle.loads(pickle.dumps(sheet, protocol=pickle.HIGHEST_PROTOCOL))

    steps = (
        lambda p: load_sheet(p),
        validate_sheet,
        roundtrip,
        lambda s: (s, assemble_documents(s, library, "pl")),
        lambda sd: (run_check(sd[0], sd[1], library=library, rules=rules), sd)[1],
        lambda sd: ([render_docx(d) for d in sd[1].values()], sd[0])[1],
        lambda planned: write(planned, workdir / f"w{next(counter)}"),
    )

    def replan(sheet):  # what write() is given: the plan (assembled, checked, rendered again)
        return plan(sheet, options, library=library, rules=rules)

    for path in paths[:warm]:
        value = path
        for step in steps:
            value = step(replan(value) if step is steps[-1] else value)
    gc.collect()
    gc.freeze()  # as a worker does after loading what it keeps
    gc.set_threshold(20_000, 20, 20)
    measured, totals = paths[warm:], dict.fromkeys(DOCX_STAGES, 0.0)
    for path in measured:
        value = path
        for label, step in zip(DOCX_STAGES, steps, strict=True):
            if step is steps[-1]:
                value = replan(value)  # not timed: its parts are the stages above
            started = time.process_time()
            value = step(value)
            totals[label] += time.process_time() - started
    return {label: value / len(measured) * 1000 for label, value in totals.items()}


def docx_only(args, root: Path, cohort: Path, jobs: int) -> dict:
    """The DOCX-only figures of this tree: each batch run (CPU and wall-clock per coalition),
    then the stage breakdown."""
    runs, small_runs = [], []
    small = _subset(cohort, root / "cohort-small", max(1, args.n // 5))
    for _ in range(args.repeat):
        for folder, collected in ((cohort, runs), (small, small_runs)):
            out = Path(tempfile.mkdtemp(prefix="out-docx-", dir=root))  # a first build each time
            result = run(folder, out, ("docx",), jobs)
            collected.append({"seconds": result["seconds"], "cpu": result["cpu"]})
    stages_dir = Path(tempfile.mkdtemp(prefix="stages-", dir=root))
    paths = sorted(cohort.glob("*.yaml"))[: 20 + args.stages_n]
    return {
        "n": args.n,
        "small_n": max(1, args.n // 5),
        "runs": runs,
        "small_runs": small_runs,
        "stages": docx_stages(paths, stages_dir),
    }


def _median(values: list[float]) -> float:
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _batch_rows(figure: dict, jobs: int) -> dict[str, float]:
    """A tree's batch figures: the median runs of the two cohort sizes give the cost of each
    more coalition (marginal) and the fixed cost of a batch (start-up, the reports' headers);
    the national figures are fixed + 2,479 × marginal."""
    big, small, n, m = figure["runs"], figure["small_runs"], figure["n"], figure["small_n"]
    rows = {}
    for key, unit in (("seconds", "wall-clock"), ("cpu", "CPU")):
        total, part = _median([r[key] for r in big]), _median([r[key] for r in small])
        marginal = (total - part) / (n - m) if n > m else total / n
        rows[f"batch of {n}, {unit} s"] = total
        rows[f"batch of {m}, {unit} s"] = part
        rows[f"  each more coalition, {unit} ms"] = marginal * 1000
        rows[f"  fixed (start-up, warm-up), {unit} s"] = total - n * marginal
        rows[f"national (2,479), {unit} s"] = total + (NATIONAL - n) * marginal
    rows["national, CPU / cores s"] = rows["national (2,479), CPU s"] / jobs
    rows[f"coalitions/s, batch of {n} (wall-clock)"] = n / _median([r["seconds"] for r in big])
    return rows


def print_docx_only(figures: dict[str, dict], jobs: int) -> None:
    """The DOCX-only figures of each tree measured (this one last), and their ratios."""
    columns = {name: _batch_rows(figure, jobs) for name, figure in figures.items()}
    for name, figure in figures.items():
        stages = dict(figure["stages"])
        columns[name].update({f"  {label}": value for label, value in stages.items()})
        columns[name]["  sum of the stages"] = sum(stages.values())
    print(f"\nDOCX only, -j {jobs} (medians; CPU of the whole process tree, startup included;")
    print("stages: CPU ms per coalition on one core, the lowest of the repetitions):")
    ratio = "  ratio (first / last)" if len(figures) > 1 else ""
    print(f"{'':48s}" + "".join(f"{name:>14s}" for name in figures) + ratio)
    labels = list(next(iter(columns.values())))
    for label in labels:
        if label == "  " + DOCX_STAGES[0]:
            print("stages, CPU ms per coalition:")
        values = [column[label] for column in columns.values()]
        ratio = f"  {values[0] / values[-1]:5.2f}×" if len(values) > 1 and values[-1] > 0 else ""
        print(f"{label:48s}" + "".join(f"{v:14.2f}" for v in values) + ratio)


def _baseline_figures(args, root: Path, cohort: Path) -> dict:
    """The same DOCX-only measurement of the baseline tree, in a process of its own."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--docx-only", "--json",
        "--deedgen-from", args.baseline, "-n", str(args.n), "--repeat", "1",
        "--stages-n", str(args.stages_n), "-j", str(args.jobs or 0),
        "--workdir", str(root / "baseline"), "--cohort", str(cohort),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main_docx_only(args, root: Path, jobs: int) -> None:
    cohort = Path(args.cohort) if args.cohort else root / "cohort"
    if not args.cohort:
        write_cohort(cohort, args.n, args.seed)
    if args.json:
        print(json.dumps(docx_only(args, root, cohort, jobs)))
        return
    figures: dict[str, dict] = {}
    repeats = args.repeat
    for _ in range(repeats):  # alternating, so both see the same machine
        args.repeat = 1
        if args.baseline:
            base = _baseline_figures(args, root, cohort)
            _merge(figures, "baseline", base)
        _merge(figures, "this tree", docx_only(args, root, cohort, jobs))
    print_docx_only(figures, jobs)


def _merge(figures: dict, name: str, new: dict) -> None:
    """Collect the runs of each repetition; keep each stage's lowest (least disturbed) figure."""
    if name not in figures:
        figures[name] = new
        return
    figures[name]["runs"] += new["runs"]
    figures[name]["small_runs"] += new["small_runs"]
    stages = figures[name]["stages"]
    for label, value in new["stages"].items():
        stages[label] = min(stages[label], value)


# --- report ----------------------------------------------------------------------------------------


def mib(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def minutes(seconds: float) -> str:
    return f"{seconds / 60:,.1f} min" if seconds >= 120 else f"{seconds:,.1f} s"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="coalitions for the DOCX-only run")
    parser.add_argument("--pdf-n", type=int, default=12, help="coalitions for the DOCX+PDF run")
    parser.add_argument(
        "--naive-n", type=int, default=2, help="coalitions built the naive way (0: none)"
    )
    parser.add_argument("-j", "--jobs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default=None, help="keep the cohorts and outputs here")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument(
        "--pdf-engine",
        choices=("typst", "libreoffice", "both"),
        default="both",
        help="the engine(s) of the DOCX+PDF run; both: one run each, and their ratio",
    )
    parser.add_argument(
        "--docx-only",
        action="store_true",
        help="only the DOCX-only batch (repeated) and its CPU time by stage; no PDF, no naive way",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tree (--docx-only)")
    parser.add_argument(
        "--stages-n", type=int, default=100, help="sheets of the stage breakdown (--docx-only)"
    )
    parser.add_argument(
        "--baseline", default=None, help="a source tree to measure alongside (--docx-only)"
    )
    parser.add_argument("--cohort", default=None, help=argparse.SUPPRESS)  # a baseline's run
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--deedgen-from", default=None, help=argparse.SUPPRESS)  # see the top
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.docx_only:
        main_docx_only_run(args)
    else:
        main_full(args)


def main_docx_only_run(args) -> None:
    """``--docx-only``: the DOCX-only batch, repeated, with its CPU time by stage."""
    from deedgen.fsutil import usable_cores

    root = Path(args.workdir or tempfile.mkdtemp(prefix="deedgen-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    jobs = args.jobs or usable_cores()
    if not args.json:
        print(
            f"deedgen batch benchmark, DOCX only — {usable_cores()} cores, -j {jobs}, "
            f"load average before: {os.getloadavg()[0]:.2f}, {args.n} coalitions"
        )
    main_docx_only(args, root, jobs)
    if not args.json:
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not args.workdir:
        shutil.rmtree(root, ignore_errors=True)


def main_full(args) -> None:
    """The DOCX-only, unchanged, DOCX+PDF and naive runs, and the breakdown by stage."""
    from deedgen.fsutil import usable_cores
    from deedgen.render.pdf import soffice_version

    engines = ("typst", "libreoffice") if args.pdf_engine == "both" else (args.pdf_engine,)
    root = Path(args.workdir or tempfile.mkdtemp(prefix="deedgen-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    jobs = args.jobs or usable_cores()
    print(
        f"deedgen batch benchmark — {platform.platform()}, Python {platform.python_version()}, {usable_cores()} cores, -j {jobs}"
    )
    print(
        f"{soffice_version()}; load average before: {os.getloadavg()[0]:.2f}; work folder {root}\n"
    )

    cohort = root / "cohort"
    write_cohort(cohort, max(args.n, args.pdf_n, args.naive_n), args.seed)
    docx_cohort = _subset(cohort, root / "cohort-docx", args.n)
    pdf_cohort = _subset(cohort, root / "cohort-pdf", args.pdf_n)

    docx = run(docx_cohort, root / "out-docx", ("docx",), jobs)
    unchanged = run(docx_cohort, root / "out-docx", ("docx",), jobs)
    pdf_runs = {
        engine: run(pdf_cohort, root / f"out-pdf-{engine}", ("docx", "pdf"), jobs, engine)
        for engine in engines
    }
    pdf = pdf_runs[engines[-1]]  # the LibreOffice run, when there is one: the naive way's peer
    slow = (
        naive(cohort, args.naive_n, Path(tempfile.mkdtemp(prefix="naive-", dir=root)))
        if args.naive_n > 0
        else None
    )

    print_runs(args, docx, unchanged, pdf_runs)
    print_cpu(args, docx, unchanged, pdf_runs, jobs)
    if slow:
        print_naive_rate(slow)
    for engine, result in pdf_runs.items():
        counts = {k: v for k, v in result["counts"].items() if v}
        print(f"\nDOCX+PDF batch, {engine}: {counts}; LibreOffice: {result['converter']}")
    if len(pdf_runs) == 2:
        ratio = pdf_runs["libreoffice"]["seconds"] / pdf_runs["typst"]["seconds"]
        print(f"DOCX+PDF batch time, LibreOffice / Typst: {ratio:.2f}×")
    per_naive = print_naive_figures(slow, args.pdf_n / pdf["seconds"]) if slow else None
    print(
        f"unchanged rerun, per coalition: {unchanged['seconds'] / args.n * 1000:.1f} ms → national {NATIONAL * unchanged['seconds'] / args.n:.1f} s"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")

    if not args.no_breakdown:
        print_breakdown(cohort, root, jobs, per_naive)
    if not args.workdir:
        shutil.rmtree(root, ignore_errors=True)


def print_runs(args, docx: dict, unchanged: dict, pdf_runs: dict) -> None:
    """Each batch run: wall time, rate, peak memory and the national figure."""
    print(
        f"{'run':44s} {'coal.':>6s} {'time':>9s} {'coal./s':>8s} {'docs/s':>7s} {'peak RSS':>9s}  national (2,479)"
    )
    for label, n, result in (
        ("DOCX only (batch)", args.n, docx),
        ("unchanged rerun, nothing to do (batch)", args.n, unchanged),
        *(
            (f"DOCX + PDF + bundles + compliance, {engine}", args.pdf_n, result)
            for engine, result in pdf_runs.items()
        ),
    ):
        rate = n / result["seconds"]
        national = NATIONAL / rate
        print(
            f"{label:44s} {n:6d} {result['seconds']:8.1f}s {rate:8.2f} {rate * DOCUMENTS:7.1f} {mib(result['peak']):>9s}  {minutes(national)}"
        )


def print_breakdown(cohort: Path, root: Path, jobs: int, per_naive: float | None) -> None:
    """One coalition's work stage by stage, in this process."""
    print("\nOne coalition, stage by stage (this process, one core):")
    stages = breakdown(cohort, Path(tempfile.mkdtemp(prefix="stages-", dir=root)))
    for label, value in stages.rows:
        unit = "%" if "share" in label else "MiB" if "MiB" in label else "ms"
        print(f"  {label:66s} {value:9.1f} {unit}")
    batch_part = (stages.value("render 4 DOCX") + stages.value("LibreOffice: 4")) / 1000 / jobs
    if per_naive:
        print(
            f"DOCX→PDF part per coalition: naive {per_naive:.2f} s, batch {batch_part:.2f} s "
            f"({jobs} processes) → {per_naive / batch_part:.1f}×"
        )


def print_naive_rate(slow: dict) -> None:
    """The naive way's line of the table (``--naive-n 0`` skips the naive way)."""
    rate = slow["coalitions"] / slow["total"]
    print(
        f"{'DOCX + PDF + bundles, naive (1 process)':44s} {slow['coalitions']:6d} {slow['total']:8.1f}s {rate:8.3f} {rate * DOCUMENTS:7.2f} {'—':>9s}  {minutes(NATIONAL / rate)}"
    )


def print_naive_figures(slow: dict, pdf_rate: float) -> float:
    """The batch's speed-up over the naive way, and the naive way's parts; returns its DOCX→PDF
    seconds per coalition."""
    n = slow["coalitions"]
    print(f"speed-up over the naive way, whole pipeline: {pdf_rate / (n / slow['total']):.1f}×")
    per_naive = (slow["docx"] + slow["pdf"]) / n
    print(
        f"naive per coalition: render {slow['docx'] / n:.2f} s, soffice per document {slow['pdf'] / n:.2f} s, packaging {slow['package'] / n:.2f} s"
    )
    print(f"naive DOCX→PDF part alone: {per_naive:.2f} s per coalition")
    return per_naive


def print_cpu(args, docx: dict, unchanged: dict, pdf_runs: dict, jobs: int) -> None:
    """CPU time of each batch run (the whole process tree, startup included): on a machine
    other people load, wall-clock time says how busy it was, CPU time what the run costs. The
    national figure is what that CPU takes on *jobs* cores of its own."""
    print(
        f"\n{'run (CPU of the whole process tree)':44s} {'cpu s':>8s} {'per coal.':>10s}  national on {jobs} free cores"
    )
    runs = [("DOCX only", args.n, docx), ("unchanged rerun", args.n, unchanged)]
    runs += [
        (f"DOCX + PDF + bundles + compliance, {e}", args.pdf_n, r) for e, r in pdf_runs.items()
    ]
    for label, n, result in runs:
        per = result["cpu"] / n
        print(
            f"{label:44s} {result['cpu']:8.1f} {per * 1000:8.0f}ms  {minutes(NATIONAL * per / jobs)}"
        )


def _subset(cohort: Path, target: Path, count: int) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(cohort.glob("*.yaml"))[:count]:
        link = target / path.name
        if not link.exists():
            os.link(path, link)
    return target


if __name__ == "__main__":
    main()
