"""``deedgen doctor``: is this machine ready to produce PDFs?"""

from __future__ import annotations

import click


@click.command()
@click.option("--no-convert", is_flag=True, help="Skip the test conversion (faster).")
def doctor(no_convert: bool) -> None:
    """Check what PDF output needs: LibreOffice (version and path), the templates' fonts, and a
    test conversion of a document with Polish diacritics. Exit 3 when something essential is
    missing, naming the Debian package to install."""
    from deedgen.exceptions import EXIT_ENVIRONMENT
    from deedgen.render.environment import run_checks

    checks = run_checks(convert=not no_convert)
    for check in checks:
        mark = click.style("ok", fg="green") if check.ok else click.style("!!", fg="red")
        click.echo(f"[{mark}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            click.echo(f"     fix: {check.fix}")
    failed = [c for c in checks if c.essential and not c.ok]
    if failed:
        click.echo(f"{len(failed)} essential check(s) failed.", err=True)
        raise SystemExit(EXIT_ENVIRONMENT)
    click.echo("Ready to produce PDF output.")


COMMANDS = [doctor]
