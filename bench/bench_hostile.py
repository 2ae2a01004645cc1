"""What do the hostile-input checks cost? (issue 13)

    python bench/bench_hostile.py [--per-class 12] [--builds 15]

1. Each class of the hostile-input corpus (``tests/hostile/cases/*.json``): how long its cases
   take to be refused through the CLI, in process — the mean and the slowest case.
2. The overhead of the checks on a normal build: ``plan()`` of the Lipowiec sample (DOCX in
   memory, every clause rendered) with every check on, and the same build with them off — the
   clause sandbox's clock and size cap (:mod:`deedgen.template_limits`), the clause-text and
   sheet character scans — alternating, in this one run. The ratio is the figure to watch.

Not a test; the figures depend on the machine's load, the ratio much less.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def corpus_classes(per_class: int) -> dict[str, list[float]]:
    """Seconds per case, by class (the first *per_class* cases of each)."""
    from tests.hostile.corpus import load_cases, run_case

    taken: dict[str, list[float]] = defaultdict(list)
    for kind, case in load_cases():
        if len(taken[kind]) >= per_class:
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            started = time.perf_counter()
            run_case(Path(folder), case)
            taken[kind].append(time.perf_counter() - started)
    return taken


@contextlib.contextmanager
def checks_off():
    """The same build without the checks of issue 13: an unmetered clause sandbox, no clause
    or sheet character scans. Caches are cleared both ways so each side compiles its own."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from deedgen import templating
    from deedgen.clauses import front_matter
    from deedgen.sheet import validate

    class Unmetered(templating._Bounded, templating._DictItemsFirst, ImmutableSandboxedEnvironment):
        pass

    patches = [
        mock.patch.object(templating, "ClauseEnvironment", Unmetered),
        mock.patch.object(templating, "meter_filters", lambda filters: None),
        mock.patch.object(templating, "bounded", contextlib.nullcontext),
        mock.patch.object(templating, "refuse_if_over", lambda size, what: None),
        mock.patch.object(front_matter, "_refuse_characters", lambda path, text: None),
        mock.patch.object(validate, "invisible_characters", lambda data: ()),
    ]
    _clear_caches()
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        yield
    _clear_caches()


def _clear_caches() -> None:
    from deedgen import templating

    for cached in (
        templating.environment,
        templating._compile,
        templating._compile_expression,
        templating._is_static,
        templating._render_static,
    ):
        cached.cache_clear()


def one_build() -> float:
    import deedgen
    from tests.helpers import SAMPLES

    started = time.perf_counter()
    sheet = deedgen.read_sheet(SAMPLES / "lipowiec.yaml")
    deedgen.plan(sheet, deedgen.BuildOptions(formats=("docx",)))
    return time.perf_counter() - started


def build_overhead(builds: int) -> tuple[float, float]:
    """Median seconds of a normal build with the checks on and off, alternating."""
    one_build()  # warm: imports, templates, the clause library
    with checks_off():
        one_build()
    on, off = [], []
    for _ in range(builds):
        on.append(one_build())
        with checks_off():
            off.append(one_build())
    return statistics.median(on), statistics.median(off)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-class", type=int, default=12, help="corpus cases run per class")
    parser.add_argument("--builds", type=int, default=15, help="builds each way, alternating")
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.2f}\n")

    print(f"{'hostile case class':22s} {'cases':>5s} {'mean':>8s} {'slowest':>8s}")
    for kind, seconds in corpus_classes(args.per_class).items():
        print(
            f"{kind:22s} {len(seconds):5d} {statistics.mean(seconds) * 1000:6.0f} ms"
            f" {max(seconds) * 1000:6.0f} ms"
        )

    on, off = build_overhead(args.builds)
    print(
        f"\nnormal build (plan, DOCX in memory, Lipowiec), median of {args.builds} each way:\n"
        f"  checks on  {on * 1000:7.1f} ms\n  checks off {off * 1000:7.1f} ms\n"
        f"  ratio      {on / off:7.3f} (overhead {(on / off - 1) * 100:+.1f} %)"
    )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
