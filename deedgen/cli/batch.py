"""``deedgen batch``: every coalition of a cohort, in parallel, resumable, with a cohort report."""

from __future__ import annotations

import sys

import click

from deedgen.cli.build import document_options, make_options


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
    help="Worker processes, each with its own LibreOffice (default: the number of cores).",
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
def batch(cohort, outdir, jobs, force, quiet, chunk, fmt, lang, draft, pdfa, rules, libraries):
    """Build every coalition of a COHORT: a folder of partner sheets, or a cohort workbook (XLSX)
    that lists them with the cohort's settings (program edition, voivodeship library, mentors,
    clause layers).

    Every sheet is validated first, then each coalition is built into its own folder
    OUTDIR/<TERC>-<gmina>; a failing coalition never stops the others. A rerun skips every
    coalition whose inputs did not change (and finishes an interrupted run). The cohort report
    OUTDIR/summary.html (also .xlsx and .json) has a row per coalition.

    Exit code: 0 when every coalition was built or is unchanged; 1 when at least one failed
    (how many: the last line and the report); 2 when the cohort, the clause library, the rules
    or OUTDIR cannot be used (nothing is built); 3 when LibreOffice is missing; 130 when
    interrupted (a rerun finishes the work).
    """
    from deedgen.batch import BatchOptions, run_batch

    build = make_options(fmt, lang, draft, pdfa, rules, libraries)
    options = BatchOptions(build=build, jobs=jobs, force=force, chunk=chunk)
    progress = None if quiet else (RichProgress() if sys.stderr.isatty() else PlainProgress())
    result = run_batch(cohort, outdir, options, progress=progress)
    print_outcome(result)
    sys.exit(result.exit_code)


def print_outcome(result) -> None:
    """The final lines on stderr: the counts, the time and the report; then, when coalitions
    failed, how many and where their errors are."""
    report = next((p for p in result.reports if p.suffix == ".html"), None)
    click.echo(
        f"{summary_line(result.counts)} — {result.seconds:.1f} s — raport: {report}", err=True
    )
    if result.failed:
        total = sum(result.counts.values())
        click.echo(
            f"nie zbudowano {result.failed} z {total} koalicji (kod wyjścia {result.exit_code}); "
            f"błędy są w raporcie ({result.failed} of {total} coalitions failed; their errors "
            "are in the report)",
            err=True,
        )


def summary_line(counts: dict[str, int]) -> str:
    """The batch's counts, Polish first, each status that occurred ("bez zmian" only for
    coalitions built before and skipped because nothing changed)."""
    present = [(status, n) for status, n in counts.items() if n]
    if not present:
        return "brak koalicji (no coalitions)"
    polish = ", ".join(f"{COUNT_LABELS[status][0]} {n}" for status, n in present)
    english = ", ".join(f"{COUNT_LABELS[status][1]} {n}" for status, n in present)
    return f"{polish} ({english})"


COUNT_LABELS = {  # status → (Polish, English) label of its count
    "built": ("zbudowano", "built"),
    "draft": ("projekty", "drafts"),
    "skipped-unchanged": ("bez zmian", "unchanged"),
    "failed": ("nie zbudowano", "failed"),
    "pending": ("nieprzetworzone", "pending"),
}


class PlainProgress:
    """Progress as plain lines (a log, a CI job): failures while validating, a line per
    coalition while building."""

    def __init__(self) -> None:
        self.phase_name, self.total, self.done = "", 0, 0

    def phase(self, name: str, total: int) -> None:
        self.phase_name, self.total, self.done = name, total, 0
        click.echo(
            f"{'validating' if name == 'validate' else 'building'} {total} coalitions", err=True
        )

    def advance(self, event: dict) -> None:
        self.done += 1
        status, error = event.get("status"), event.get("error")
        if self.phase_name == "validate" and status != "failed":
            return
        where = event.get("folder") or event.get("label")
        line = f"[{self.done}/{self.total}] {status:<17} {where}"
        click.echo(f"{line}: {error}" if error else line, err=True)

    def note(self, text: str) -> None:
        click.echo(text, err=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A progress bar with counts and ETA on a terminal; failures are printed above it."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = None
        self.started = False

    def phase(self, name: str, total: int) -> None:
        if not self.started:
            self.bar.start()
            self.started = True
        if self.task is not None:
            self.bar.stop_task(self.task)
        label = "validating" if name == "validate" else "building"
        self.task = self.bar.add_task(label, total=total, failed=0)

    def advance(self, event: dict) -> None:
        failed = event.get("status") == "failed"
        fields = self.bar.tasks[-1].fields if self.bar.tasks else {}
        self.bar.update(self.task, advance=1, failed=fields.get("failed", 0) + failed)
        if failed:
            from rich.markup import escape

            where = event.get("folder") or event.get("label")
            self.console.print(
                f"[red]✗[/red] {escape(str(where))}: {escape(str(event.get('error')))}"
            )

    def note(self, text: str) -> None:
        self.console.print(text)

    def close(self) -> None:
        if self.started:
            self.bar.stop()
            self.started = False


COMMANDS = [batch]
