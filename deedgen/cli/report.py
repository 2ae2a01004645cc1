"""``deedgen report init``: the quarterly or annual report workbook of a coalition (or the
quarterly report as a fillable PDF)."""

from __future__ import annotations

import click

from deedgen.cli.options import message_lang_option
from deedgen.cli.texts import say


@click.group()
def report() -> None:
    """Report workbooks of the evaluation loop (quarterly micro-successes, annual evaluation)."""


@report.command("init")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option("--quarter", help="The quarter to report, e.g. 2026-Q3.")
@click.option("--year", help="The year of the annual evaluation, e.g. 2026.")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing report.")
@message_lang_option
def init(sheet: str, quarter: str | None, year: str | None, out: str, force: bool) -> None:
    """Write the report workbook of the partner SHEET for a quarter (--quarter 2026-Q3) or for
    the annual evaluation (--year 2026), pre-filled with the period's planned micro-successes,
    actions and promotion events. An output ending in .pdf writes the quarterly report as a
    fillable PDF form instead (read back by deedgen evaluate like a workbook). Exit 0 written,
    2 invalid sheet, 4 wrong options."""
    from deedgen.evaluation.period import Period
    from deedgen.evaluation.workbook import init_report

    if (quarter is None) == (year is None):
        raise click.UsageError(
            say(
                "podaj --quarter (np. 2026-Q3) albo --year (np. 2026)",
                "give --quarter (e.g. 2026-Q3) or --year (e.g. 2026)",
            )
        )
    period = Period.parse(quarter or year)
    if period is None or period.annual != (year is not None):
        given = quarter or year
        raise click.UsageError(
            say(
                f"nieprawidłowy okres „{given}”: oczekiwano "
                + ("kwartału, np. 2026-Q3" if quarter else "roku, np. 2026"),
                f"invalid period '{given}': expected "
                + ("a quarter, e.g. 2026-Q3" if quarter else "a year, e.g. 2026"),
            )
        )
    written = init_report(sheet, period, out, force=force)
    click.echo(
        say(
            f"Zapisano raport {period.name}: {written}",
            f"Wrote the report {period.name}: {written}",
        )
    )


COMMANDS = [report]
