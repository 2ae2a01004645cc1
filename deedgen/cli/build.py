"""``deedgen build``: one coalition's documents from its partner sheet."""

from __future__ import annotations

import click

from deedgen.cli.texts import say
from deedgen.config import PDF_ENGINES, make_library_option
from deedgen.exceptions import NotCompliant

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
            "--doc-lang",
            type=click.Choice(list(LANGS)),
            default=None,
            help="Language of the documents: pl (authoritative, the default), en (translation), "
            "both.",
        ),
        click.option(
            "--lang",
            # pl/en: the message language, as everywhere; "both" (and en without --doc-lang)
            # is the old spelling of --doc-lang, kept working with a note
            type=click.Choice(["pl", "en", "both"]),
            default=None,
            help="Language of messages (default: Polish; English with an English locale).",
        ),
        click.option(
            "--draft",
            is_flag=True,
            help="Build even when the funding conditions fail; pages are marked PROJEKT.",
        ),
        click.option(
            "--pdfa",
            is_flag=True,
            help="PDF/A for archiving and qualified signatures with LibreOffice (PDF/A-2b); "
            "Typst's PDFs are always PDF/A-2a and tagged PDF/UA-1.",
        ),
        click.option(
            "--pdf-engine",
            type=click.Choice(list(PDF_ENGINES)),
            default=PDF_ENGINES[0],
            show_default=True,
            help="What makes the PDFs: typst (from the documents themselves) or libreoffice "
            "(converts the DOCX; for DOCX templates restyled in Word).",
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


def document_langs(doc_lang: str | None, lang: str | None) -> tuple[str, ...]:
    """The documents' languages: --doc-lang; else, for the old spelling ``--lang en|both``
    (which meant the documents' language before --lang meant the messages'), that one with a
    note; else Polish."""
    if doc_lang:
        return LANGS[doc_lang]
    if lang in ("en", "both"):
        click.echo(
            say(
                f"Uwaga: --lang {lang} jako język dokumentów jest przestarzałe — napisz "
                f"--doc-lang {lang}; --lang oznacza język komunikatów.",
                f"Note: --lang {lang} for the documents' language is deprecated — write "
                f"--doc-lang {lang}; --lang is the language of messages.",
            ),
            err=True,
        )
        return LANGS[lang]
    return LANGS["pl"]


def make_options(fmt, doc_lang, lang, draft, pdfa, pdf_engine, rules, libraries):
    """BuildOptions from the command line; *libraries* is the LibrarySelection of --library /
    deedgen.toml (its central folder included)."""
    from pathlib import Path

    from deedgen.options import BuildOptions

    return BuildOptions(
        formats=FORMATS[fmt],
        langs=document_langs(doc_lang, lang),
        draft=draft,
        pdfa=pdfa,
        pdf_engine=pdf_engine,
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
def build(sheet, outdir, review, fmt, doc_lang, lang, draft, pdfa, pdf_engine, rules, libraries):
    """Build the documents of one coalition from its partner SHEET: the JST's preliminary
    declaration, the partnership declaration, the action plan and the evaluation forms, as DOCX
    and PDF, with a signable PDF bundle, a compliance report and a manifest."""
    from dataclasses import replace

    from deedgen.cli.texts import current_lang
    from deedgen.pipeline.build import build as run_build

    require_file(sheet)
    options = replace(
        make_options(fmt, doc_lang, lang, draft, pdfa, pdf_engine, rules, libraries), review=review
    )
    try:
        result = run_build(sheet, outdir, options)
    except NotCompliant as refusal:
        raise NotCompliant(refusal_text(refusal, sheet)) from None
    for warning in result.warnings:
        click.echo(f"  ! {warning.describe(current_lang())}", err=True)
    click.echo(f"{result.manifest.coalition} → {result.outdir}")
    for path in result.files:
        click.echo(f"  {path.name}")
    echo_compliance_warnings(result)
    if result.manifest.draft:
        click.echo(
            say(
                "PROJEKT: koalicja nie spełnia warunków finansowania — dokumenty oznaczone "
                "jako projekt.",
                "DRAFT: the coalition fails the funding conditions — the documents are marked "
                "as a draft.",
            ),
            err=True,
        )


def echo_compliance_warnings(result) -> None:
    """The funding conditions met with a warning (advice, not a refusal), so that a build that
    succeeds does not hide them: each on a line, and where the report is."""
    warnings = result.compliance.by_status("warning")
    if not warnings:
        return
    from deedgen.cli.texts import current_lang
    from deedgen.pipeline.write import COMPLIANCE_NAME

    lang = current_lang()
    for finding in warnings:
        click.echo(f"  ! {finding.message(lang)}", err=True)
    report = f"{COMPLIANCE_NAME}.md"
    click.echo(
        say(
            f"Ostrzeżenia warunków finansowania: {len(warnings)} — co zrobić, mówi {report}.",
            f"Funding-condition warnings: {len(warnings)} — {report} says what to do.",
        ),
        err=True,
    )


def require_file(sheet: str) -> None:
    """A missing partner sheet is invalid input (exit 2), said before anything is loaded."""
    from pathlib import Path

    from deedgen.exceptions import InputError

    if not Path(sheet).is_file():
        raise InputError(
            say(
                f"nie ma pliku {sheet} — podaj ścieżkę arkusza partnerów (.xlsx, .yaml, .json)",
                f"no such file: {sheet} — give the path of a partner sheet (.xlsx, .yaml, .json)",
            )
        )


def refusal_text(refusal: NotCompliant, sheet: str) -> str:
    """What failed, in the message language, and how to get a draft anyway."""
    from deedgen.cli.texts import current_lang

    report = refusal.report
    text = report.to_text(current_lang()).rstrip() if report else refusal.message
    hint = say(
        "Nie zbudowano dokumentów, bo koalicja nie spełnia warunków finansowania. Aby "
        "otrzymać projekt do omówienia z partnerami (każda strona oznaczona PROJEKT, na końcu "
        f"lista braków), uruchom:\n  deedgen build {sheet} --draft",
        "No documents were built: the coalition fails the funding conditions. For a draft to "
        "discuss with the partners (every page marked PROJEKT, the findings at the end), run:"
        f"\n  deedgen build {sheet} --draft",
    )
    return f"{text}\n\n{hint}"


COMMANDS = [build]
