"""``deedgen batch``: every coalition of a cohort, in parallel, resumable, with a cohort report."""

from __future__ import annotations

import sys

import click

from deedgen.cli.build import document_options, make_options
from deedgen.cli.texts import current_lang, say


@click.command()
@click.argument("cohort", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(),
    help="Output folder: a folder per coalition, and the cohort report summary.{html,xlsx,json}.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores); with --pdf-engine libreoffice, each "
    "with its own LibreOffice.",
)
@click.option(
    "--force", is_flag=True, help="Rebuild every coalition, even those whose inputs did not change."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress; only the final line.")
@click.option(
    "--chunk",
    type=click.IntRange(min=1),
    default=None,
    hidden=True,
    help="Coalitions per worker task and per LibreOffice call (default: up to 40, by cohort size).",
)
@document_options
def batch(cohort, outdir, jobs, force, quiet, chunk, **document):
    """Build every coalition of a COHORT: a folder of partner sheets, or a cohort workbook (XLSX)
    that lists them with the cohort's settings (program edition, voivodeship library, mentors,
    clause layers).

    Every sheet is validated first, then each coalition is built into its own folder
    OUTDIR/<TERC>-<gmina>; a failing coalition never stops the others. A rerun skips every
    coalition whose inputs did not change (and finishes an interrupted run). The cohort report
    OUTDIR/summary.html (also .xlsx and .json) has a row per coalition.

    Exit code: 0 when every coalition was built or is unchanged; 1 when at least one failed
    (how many: the last line and the report); 2 when the cohort, the clause library, the rules
    or OUTDIR cannot be used (nothing is built); 3 when LibreOffice is missing (with
    --pdf-engine libreoffice); 130 when
    interrupted (a rerun finishes the work).
    """
    from deedgen.batch import BatchOptions, run_batch

    build = make_options(**document)  # the options shared with build
    options = BatchOptions(build=build, jobs=jobs, force=force, chunk=chunk)
    result = run_batch(cohort, outdir, options, progress=None if quiet else make_progress())
    print_outcome(result)
    sys.exit(result.exit_code)


def make_progress():
    """A progress bar on a terminal, plain lines elsewhere, in the message language."""
    from deedgen.batch.progress import PlainProgress, RichProgress

    lang = current_lang()
    return RichProgress(lang) if sys.stderr.isatty() else PlainProgress(lang)


def print_outcome(result) -> None:
    """The batch's result on stdout: the counts, the time and the report; then, when
    coalitions failed, how many and where their errors are."""
    report = next((p for p in result.reports if p.suffix == ".html"), None)
    seconds = f"{result.seconds:.1f} s"
    click.echo(f"{summary_line(result.counts)} — {seconds} — {say('raport', 'report')}: {report}")
    if result.failed:
        total = sum(result.counts.values())
        click.echo(
            say(
                f"nie zbudowano {result.failed} z {total} koalicji (kod wyjścia "
                f"{result.exit_code}); błędy są w raporcie",
                f"{result.failed} of {total} coalitions failed (exit code {result.exit_code}); "
                "their errors are in the report",
            )
        )


def summary_line(counts: dict[str, int]) -> str:
    """The batch's counts in the message language, each status that occurred ("bez zmian"
    only for coalitions built before and skipped because nothing changed)."""
    present = [(status, n) for status, n in counts.items() if n]
    if not present:
        return say("brak koalicji", "no coalitions")
    return ", ".join(f"{say(*COUNT_LABELS[status])} {n}" for status, n in present)


COUNT_LABELS = {  # status → (Polish, English) label of its count
    "built": ("zbudowano", "built"),
    "draft": ("projekty", "drafts"),
    "skipped-unchanged": ("bez zmian", "unchanged"),
    "failed": ("nie zbudowano", "failed"),
    "pending": ("nieprzetworzone", "pending"),
}


COMMANDS = [batch]
