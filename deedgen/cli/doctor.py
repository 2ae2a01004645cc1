"""``deedgen doctor``: is this machine ready to produce PDFs?"""

from __future__ import annotations

import click

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
def doctor(no_convert: bool, pdf_engine: str) -> None:
    """Check what PDF output needs, for both engines: Typst (the pinned version, its fonts, a
    test document with Polish diacritics) and LibreOffice (version and path, the templates'
    fonts, a test conversion). Exit 3 when something the chosen engine needs is missing,
    naming the package to install."""
    from deedgen.exceptions import EXIT_ENVIRONMENT
    from deedgen.render.environment import run_checks

    checks = run_checks(convert=not no_convert, engine=pdf_engine)
    for check in checks:
        mark = click.style("ok", fg="green") if check.ok else click.style("!!", fg="red")
        click.echo(f"[{mark}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            click.echo(f"     fix: {check.fix}")
    failed = [c for c in checks if c.essential and not c.ok]
    if failed:
        click.echo(f"{len(failed)} essential check(s) failed.", err=True)
        raise SystemExit(EXIT_ENVIRONMENT)
    click.echo(f"Ready to produce PDF output (--pdf-engine {pdf_engine}).")


COMMANDS = [doctor]
