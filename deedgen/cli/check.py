"""``deedgen check``: does a coalition meet the funding conditions of its program edition?"""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option
from deedgen.config import library_option


@click.command()
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option(
    "--rules",
    type=click.Path(dir_okay=False),
    default=None,
    help="Funding rule set (YAML). Default: schemas/funding-rules/<edition>.yaml of the sheet's edition.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, markdown for a review, json for programs (both languages).",
)
@lang_option
@library_option
def check(sheet: str, rules: str | None, fmt: str, lang: str, library) -> None:
    """Check the partner SHEET against the funding conditions: assemble its documents, evaluate
    every rule, and report what is not met, what to do and where. Exit 0 when the coalition
    meets the conditions, 1 when it does not, 2 when the input is invalid."""
    from deedgen.compliance.check import check_sheet_file
    from deedgen.exceptions import EXIT_NOT_COMPLIANT, SheetInvalid

    try:
        report = check_sheet_file(sheet, rules_path=rules, library_selection=library, lang=lang)
    except SheetInvalid as err:
        _print_invalid(sheet, err, fmt, lang)
        raise SystemExit(err.exit_code) from None
    if fmt == "json":
        click.echo(report.to_json())
    elif fmt == "markdown":
        click.echo(report.to_markdown(lang), nl=False)
    else:
        verdict, _, rest = report.to_text(lang).partition("\n")
        click.secho(verdict, fg="green" if report.compliant else "red", bold=True)
        click.echo(rest, nl=False)
    raise SystemExit(0 if report.compliant else EXIT_NOT_COMPLIANT)


def _print_invalid(sheet: str, err, fmt: str, lang: str) -> None:
    """An invalid sheet cannot be checked: list its errors, each with its place."""
    import json

    if fmt == "json":
        problems = [p.as_dict(lang) for p in err.problems]
        click.echo(
            json.dumps(
                {"compliant": None, "valid": False, "sheet": sheet, "problems": problems},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    errors = [p for p in err.problems if p.severity == "error"]
    if lang == "pl":
        head = f"{sheet}: arkusz zawiera błędy ({len(errors)}) — popraw je, zanim sprawdzisz warunki finansowania"
    else:
        head = f"{sheet}: the sheet has errors ({len(errors)}) — correct them before checking the funding conditions"
    click.echo(head, err=True)
    for problem in errors:
        click.echo(f"  ✗ {problem.describe(lang)}", err=True)


COMMANDS = [check]
