"""``deedgen build``: one coalition's documents from its partner sheet."""

from __future__ import annotations

import click

from deedgen.config import make_library_option

FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "all": ("docx", "pdf")}
LANGS = {"pl": ("pl",), "en": ("en",), "both": ("pl", "en")}


def document_options(func):
    """Options shared by build and batch."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(list(FORMATS)),
            default="all",
            show_default=True,
            help="docx, pdf, or all (DOCX + PDF + the signable bundle).",
        ),
        click.option(
            "--lang",
            type=click.Choice(list(LANGS)),
            default="pl",
            show_default=True,
            help="Language of the documents: pl (authoritative), en (rendering), both.",
        ),
        click.option(
            "--draft",
            is_flag=True,
            help="Build even when the funding conditions fail; pages are marked PROJEKT.",
        ),
        click.option(
            "--pdfa", is_flag=True, help="PDF/A-2b output (archiving, qualified signatures)."
        ),
        click.option(
            "--rules",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Funding-condition rule set (default: the one of the sheet's program edition).",
        ),
        make_library_option("libraries"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_options(fmt, lang, draft, pdfa, rules, libraries):
    """BuildOptions from the command line; *libraries* is the LibrarySelection of --library /
    deedgen.toml (its central folder included)."""
    from pathlib import Path

    from deedgen.options import BuildOptions

    return BuildOptions(
        formats=FORMATS[fmt],
        langs=LANGS[lang],
        draft=draft,
        pdfa=pdfa,
        rules=Path(rules) if rules else None,
        library=libraries,
    )


@click.command()
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False),
    default=None,
    help="Output folder (default: out/<TERC>-<gmina>).",
)
@click.option(
    "--review",
    is_flag=True,
    help="Also write przeglad-klauzul.md: each clause's layer, file and version, for mentors (never part of the documents).",
)
@document_options
def build(sheet, outdir, review, fmt, lang, draft, pdfa, rules, libraries):
    """Build the documents of one coalition from its partner SHEET: the JST's preliminary
    declaration, the partnership declaration, the action plan and the evaluation forms, as DOCX
    and PDF, with a signable PDF bundle, a compliance report and a manifest."""
    from dataclasses import replace

    from deedgen.pipeline.build import build as run_build

    options = replace(make_options(fmt, lang, draft, pdfa, rules, libraries), review=review)
    result = run_build(sheet, outdir, options)
    for warning in result.warnings:
        click.echo(f"  ! {warning.describe('pl')}", err=True)
    click.echo(f"{result.manifest.coalition} → {result.outdir}")
    for path in result.files:
        click.echo(f"  {path.name}")
    if result.manifest.draft:
        click.echo(
            "PROJEKT: koalicja nie spełnia warunków finansowania — dokumenty oznaczone jako projekt.",
            err=True,
        )


COMMANDS = [build]
