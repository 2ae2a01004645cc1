"""``deedgen init``: write a blank partner sheet (XLSX or commented YAML), or convert one."""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "yaml"]),
    default=None,
    help="Format of the new sheet  [default: from PATH's extension]",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False),
    default=None,
    help="Fill the new sheet from an existing sheet (.xlsx, .yaml, .json), mistakes included.",
)
@lang_option
def init(path: str, fmt: str | None, force: bool, source: str | None, lang: str) -> None:
    """Write a blank partner sheet to PATH: an XLSX workbook with instructions, header help and
    drop-downs, or a commented YAML file. With --from, convert an existing sheet."""
    from deedgen.sheet.init import init_sheet

    written = init_sheet(path, fmt=fmt, force=force, source=source)
    pl = lang == "pl"
    for item in written.dropped:
        note = (
            "pominięto (brak miejsca w tym formacie)" if pl else "skipped (no place in this format)"
        )
        click.echo(f"  ! {item}: {note}", err=True)
    for line in written.unread:
        click.echo(f"  ! {line}", err=True)
    if source:
        head = (
            f"Zapisano {written.path} z danych {source}"
            if pl
            else f"Wrote {written.path} from {source}"
        )
    else:
        head = (
            f"Zapisano pusty arkusz partnerów: {written.path}"
            if pl
            else f"Wrote a blank partner sheet: {written.path}"
        )
    hint = "Sprawdź go poleceniem" if pl else "Check it with"
    click.echo(f"{head}\n{hint}: deedgen validate {written.path}")


COMMANDS = [init]
