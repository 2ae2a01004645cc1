"""``deedgen doctor``: is this machine ready to produce PDFs?"""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option
from deedgen.config import PDF_ENGINES


@click.command()
@click.option("--no-convert", is_flag=True, help="Skip the test documents (faster).")
@click.option(
    "--pdf-engine",
    type=click.Choice(list(PDF_ENGINES)),
    default=PDF_ENGINES[0],
    show_default=True,
    help="The engine whose checks must pass; the other one's are reported for information.",
)
@lang_option
def doctor(no_convert: bool, pdf_engine: str, lang: str) -> None:
    """Check what PDF output needs, for both engines: Typst (the pinned version, its fonts, a
    test document with Polish diacritics) and LibreOffice (version and path, the templates'
    fonts, a test conversion). Exit 3 when something the chosen engine needs is missing,
    naming the package to install."""
    from deedgen.cli.doctor_texts import check_detail, check_name, check_status
    from deedgen.cli.texts import say
    from deedgen.exceptions import EXIT_ENVIRONMENT
    from deedgen.render.environment import run_checks

    checks = run_checks(convert=not no_convert, engine=pdf_engine)
    for check in checks:
        colour = "green" if check.ok else "red" if check.essential else "yellow"
        mark = click.style(check_status(check, lang), fg=colour)
        click.echo(f"[{mark}] {check_name(check, lang)}: {check_detail(check, lang)}")
        if not check.ok and check.fix:
            click.echo(f"     {say('jak naprawić', 'fix')}: {check.fix}")
    failed = [c for c in checks if c.essential and not c.ok]
    if failed:
        click.echo(
            say(
                f"Nie przeszły niezbędne sprawdzenia: {len(failed)} — PDF-y nie powstaną.",
                f"{len(failed)} essential check(s) failed.",
            ),
            err=True,
        )
        raise SystemExit(EXIT_ENVIRONMENT)
    click.echo(
        say(
            f"Gotowe: można tworzyć PDF-y (--pdf-engine {pdf_engine}).",
            f"Ready to produce PDF output (--pdf-engine {pdf_engine}).",
        )
    )


COMMANDS = [doctor]
