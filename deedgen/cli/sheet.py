"""Commands about partner sheets: validate, init."""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option
from deedgen.config import library_option


@click.command()
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--oznacz",
    "--mark",
    "mark",
    is_flag=True,
    help="Write a copy of the workbook (NAME.oznaczony.xlsx) with each problem cell marked and "
    "its message as the cell's comment; the original is left unchanged.",
)
@lang_option
@library_option
def validate(sheet: str, fmt: str, mark: bool, lang: str, library) -> None:
    """Validate a partner SHEET (.xlsx, .yaml, .json): list in one run everything check and
    build would refuse about it, each with its place, or print a short summary. Exit 0 when
    valid, 2 when not."""
    from deedgen.sheet.report import print_validation

    code = print_validation(sheet, fmt=fmt, lang=lang, library=library.load(), mark=mark)
    raise SystemExit(code)


COMMANDS = [validate]
