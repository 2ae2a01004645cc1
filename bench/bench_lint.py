"""How long does ``deedgen clause lint --cohort`` take, against assembling the same documents?

    python bench/bench_lint.py [-n 20] [--seed 7]

On a synthetic cohort of ``-n`` sheets (``bench/synthetic.py``) plus the wbp-kielce overlay, it
measures in one run:

1. the baseline: every sheet's four documents assembled in Polish and English
   (``assemble_documents``, what each ``build`` does first), after reading the sheets;
2. ``lint_library`` with those sheets: every layer's static checks, and the documents of every
   sheet assembled once per language with each reference checked (``lint_sheets``);
3. ``lint_library`` with no sheets (the static checks alone).

It prints the seconds, the seconds per sheet and the ratio of lint to the baseline. Not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_cohort  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="sheets in the synthetic cohort")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from deedgen.assemble import assemble_documents
    from deedgen.clauses.data_model import data_model
    from deedgen.clauses.library import load_library
    from deedgen.clauses.lint import lint_library
    from deedgen.sheet.validate import read_sheet

    overlay = [ROOT / "samples" / "overlays" / "wbp-kielce"]
    with tempfile.TemporaryDirectory(prefix="deedgen-bench-lint-") as folder:
        paths = write_cohort(folder, args.n, args.seed)

        start = time.perf_counter()
        library = load_library(overlay)
        sheets = [read_sheet(p) for p in paths]
        for sheet in sheets:
            for lang in ("pl", "en"):
                assemble_documents(sheet, library, lang)
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        report = lint_library(overlay, model=data_model(paths))
        linted = time.perf_counter() - start

        start = time.perf_counter()
        static = lint_library(overlay, model=data_model([]))
        static_only = time.perf_counter() - start

    print(f"sheets: {args.n}, clauses: {report.clauses}, findings: {len(report.findings)}")
    print(f"baseline (read + assemble pl/en): {baseline:6.2f} s  {baseline / args.n:6.3f} s/sheet")
    print(f"clause lint with the sheets:      {linted:6.2f} s  {linted / args.n:6.3f} s/sheet")
    print(
        f"clause lint, static checks only:  {static_only:6.2f} s  ({len(static.findings)} findings)"
    )
    print(f"ratio lint / baseline: {linted / baseline:.2f}")


if __name__ == "__main__":
    main()
