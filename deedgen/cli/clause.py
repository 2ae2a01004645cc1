"""``deedgen clause …``: a mentor's commands for the layered clause library."""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option, message_lang_option
from deedgen.cli.texts import current_lang, say
from deedgen.config import library_option


def _variant(func):
    """--doc-lang: the clause's language version; --lang is the message language, as
    everywhere (the group settles it), and its old meaning here — the version — is kept
    working with a note when --doc-lang is not given."""
    func = click.option(
        "--lang",
        type=click.Choice(["pl", "en"]),
        default=None,
        help="Language of messages (pl or en); without --doc-lang also the clause's version "
        "(the old spelling).",
    )(func)
    return click.option(
        "--doc-lang",
        "doc_lang",
        type=click.Choice(["pl", "en"]),
        default=None,
        help="Language version of the clause: pl or en (default: pl).",
    )(func)


def clause_version(doc_lang: str | None, lang: str | None) -> str:
    if doc_lang:
        return doc_lang
    if lang == "en":
        click.echo(
            say(
                "Uwaga: --lang en jako wersja językowa klauzuli jest przestarzałe — napisz "
                "--doc-lang en; --lang oznacza język komunikatów.",
                "Note: --lang en for the clause's language version is deprecated — write "
                "--doc-lang en; --lang is the language of messages.",
            ),
            err=True,
        )
        return "en"
    return "pl"


LANG = _variant
CENTRAL = click.option(
    "--central",
    "allow_central",
    is_flag=True,
    help="Allow writing into the central library when it is the top layer (maintainers only).",
)


@click.group()
def clause() -> None:
    """Browse, write and check clauses in the layered library (central → regional → local).

    Layers come from --library DIR (repeatable, most specific first) or ./deedgen.toml; new and
    edited clauses go into the most specific layer."""


@clause.command("list")
@click.option("--category", help="Only this category (folder), e.g. mentoring.")
@click.option("--layer", "layer_name", help="Only clauses coming from this layer, e.g. central.")
@click.option(
    "--document",
    type=click.Choice(
        ["preliminary", "declaration", "action_plan", "evaluation_forms", "support", "goal_menu"]
    ),
)
@message_lang_option
@library_option
def list_(category, layer_name, document, library) -> None:
    """The clauses visible through the layers: id, title, version, layer, locked, and what each
    overlay replaces."""
    from deedgen.clauses.views import print_clause_table

    print_clause_table(
        library.load(), current_lang(), category=category, layer=layer_name, document=document
    )


@clause.command()
@click.argument("clause_id", metavar="ID")
@LANG
@library_option
def show(clause_id, doc_lang, lang, library) -> None:
    """The clause ID as it stands: metadata, provenance (layer, file, what it replaces), text."""
    from deedgen.clauses.describe import describe_clause

    version = clause_version(doc_lang, lang)
    click.echo(describe_clause(library.load(), clause_id, version, current_lang()))


@clause.command()
@click.argument("clause_id", metavar="ID")
@click.option("--category", help="The category (folder); must be the first part of ID.")
@click.option(
    "--document",
    "documents",
    multiple=True,
    default=("declaration",),
    show_default=True,
    type=click.Choice(
        ["preliminary", "declaration", "action_plan", "evaluation_forms", "support", "goal_menu"]
    ),
    help="Document(s) the clause goes into (repeatable).",
)
@click.option("--title", help="The heading printed under the § number.")
@click.option("--order", type=int, default=500, show_default=True, help="Position in the document.")
@message_lang_option
@CENTRAL
@library_option
def new(clause_id, category, documents, title, order, allow_central, library) -> None:
    """Create a documented skeleton of clause ID (Polish and English) in the top layer.

    The skeleton is a draft (condition: "false"): it appears in no document until you remove
    that line."""
    from deedgen.clauses.authoring import new_clause

    loaded = library.load()
    below = loaded.clauses.get(clause_id)
    paths = new_clause(
        loaded,
        clause_id,
        category=category,
        documents=documents,
        title=title,
        order=order,
        allow_central=allow_central,
    )
    for path in paths:
        click.echo(say(f"utworzono {path}", f"created {path}"))
    if below is not None:
        was = f"{below.layer} v{below.version}"
        click.echo(
            say(
                f"uwaga: to zastępuje {was} pustym szkicem; `deedgen clause edit {clause_id}` "
                "zaczyna od obecnego brzmienia",
                f"note: this replaces {was} with a blank draft; "
                f"`deedgen clause edit {clause_id}` starts from its current wording instead",
            ),
            err=True,
        )
    then = say("potem", "then")
    click.echo(
        say("dalej", "next") + f': deedgen clause edit {clause_id} --note "…"   '
        f"({then}: deedgen clause lint)"
    )


@clause.command()
@click.argument("clause_id", metavar="ID")
@click.option(
    "--note", help="The change note recorded in the clause's change log (asked when omitted)."
)
@click.option(
    "--no-input",
    is_flag=True,
    help="Never prompt: an invalid edit is kept aside as NAME.pl.txt.rejected.",
)
@message_lang_option
@CENTRAL
@library_option
def edit(clause_id, note, no_input, allow_central, library) -> None:
    """Edit clause ID in $VISUAL/$EDITOR, in the top layer.

    A clause from a lower layer is copied into the top layer (refused when locked). The result is
    checked when the editor closes: a valid edit raises the version and records the change note;
    an invalid one is re-opened, or kept aside as NAME.pl.txt.rejected — never half-applied."""
    from deedgen.clauses.editing import edit_clause, is_interactive

    hooks = _edit_hooks(is_interactive() and not no_input)
    result = edit_clause(
        library.load(), clause_id, note=note, hooks=hooks, allow_central=allow_central
    )
    if not result.changed:
        return
    if result.copied_from:
        click.echo(
            say(
                f"skopiowano {clause_id} z {result.copied_from} do najwyższej warstwy",
                f"copied {clause_id} from {result.copied_from} into the top layer",
            )
        )
    for path in result.files:
        click.echo(say(f"zapisano {path}", f"saved {path}"))
    versions = f"{result.old_version} → {result.new_version}"
    click.echo(f"{clause_id}: " + say(f"wersja {versions}", f"version {versions}"))
    if result.translation_review:
        from deedgen.clauses.messages import said

        pl_file, en_file = result.files[0], result.files[1]
        note = said("edit_translation_review", en=en_file, pl=pl_file, version=result.new_version)
        click.echo(note.get(current_lang()), err=True)


def _edit_hooks(interactive: bool):
    """How ``clause edit`` talks to the mentor: click's prompts, in the message language."""
    from deedgen.clauses.editing import EditHooks

    return EditHooks(
        interactive=interactive,
        echo=lambda text: click.echo(text, err=True),
        retry=lambda: click.confirm(
            say("Otworzyć edytor ponownie, żeby to poprawić?", "Open the editor again to fix it?"),
            default=True,
            err=True,
        ),
        ask_note=(
            lambda: click.prompt(
                say("Nota zmiany (co i dlaczego)", "Change note (what changed and why)"), err=True
            )
        )
        if interactive
        else None,
        lang=current_lang(),
    )


@clause.command()
@click.argument("clause_id", metavar="ID")
@click.option("--note", required=True, help="Why this layer does without the clause.")
@message_lang_option
@library_option
def remove(clause_id, note, library) -> None:
    """Write a removal marker for clause ID into the top layer (refused for locked clauses and for
    clauses the funding rules require)."""
    from deedgen.clauses.authoring import remove_clause

    path = remove_clause(library.load(), clause_id, note=note)
    click.echo(
        say(
            f"utworzono {path}: {clause_id} jest usunięta od tej warstwy w górę",
            f"created {path}: {clause_id} is removed from this layer up",
        )
    )


@clause.command()
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False, exists=True), metavar="[DIR]...")
@click.option(
    "--sheet",
    "sheets",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True),
    help="A partner sheet to assemble the documents for (repeatable; default: the sheets of "
    "samples/).",
)
@click.option(
    "--cohort",
    type=click.Path(exists=True),
    help="A cohort workbook or folder of sheets: lint assembles every coalition's documents (and "
    "adds the workbook's clause layers).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@lang_option
@library_option
def lint(dirs, sheets, cohort, fmt, strict, lang, library) -> None:
    """Check every layer against every coalition: metadata, structure lines, templates, data
    names, references, languages, locked and required clauses, conditions, the sandbox. Each
    clause is rendered with the data of every sheet (--sheet, --cohort, default samples/), and
    each §[id] checked in the document that coalition gets. Each finding has its file and line.

    DIR: the overlay folders (most specific first), as --library. Exit code 2 on errors, 0 when
    clean."""
    from deedgen.clauses.views import print_lint

    overlays = list(dirs) or list(library.overlays)
    raise SystemExit(print_lint(overlays, library.central, sheets, fmt, strict, cohort, lang))


@clause.command()
@click.option(
    "--rejected",
    is_flag=True,
    help="Remove the drafts clause edit kept aside (NAME.pl.txt.rejected) from the overlay layers.",
)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@message_lang_option
@CENTRAL
@library_option
def clean(rejected, yes, allow_central, library) -> None:
    """Remove the drafts clause edit rejected: lists each file, asks, and removes only the files
    NAME.pl.txt.rejected / NAME.en.txt.rejected(-N) of the overlay layers (of the central one only
    with --central). Nothing else is touched."""
    from deedgen.clauses.messages import said
    from deedgen.clauses.views import clean_rejected

    if not rejected:
        raise click.UsageError(said("clean_what").get(current_lang()))
    clean_rejected(library.load(), yes=yes, allow_central=allow_central, lang=current_lang())


@clause.command()
@click.argument("clause_id", metavar="ID")
@click.option(
    "--sheet",
    required=True,
    type=click.Path(dir_okay=False, exists=True),
    help="The partner sheet.",
)
@LANG
@library_option
def preview(clause_id, sheet, doc_lang, lang, library) -> None:
    """Clause ID rendered for the partner sheet of --sheet, numbered as in the whole document."""
    from deedgen.clauses.views import preview_clause

    version = clause_version(doc_lang, lang)
    click.echo(preview_clause(library.load(), clause_id, sheet, version, current_lang()))


@clause.command()
@click.argument("clause_id", metavar="ID")
@LANG
@library_option
def diff(clause_id, doc_lang, lang, library) -> None:
    """Clause ID against the clause it replaces in a lower layer: the metadata changed and a
    word-level diff of the text ([-removed-] {+added+}), wrapped to the terminal's width."""
    import shutil

    from deedgen.clauses.describe import diff_clause

    loaded = library.load()
    width = max(40, shutil.get_terminal_size().columns)
    version = clause_version(doc_lang, lang)
    text = diff_clause(loaded, clause_id, version, width=width, color=True, words=current_lang())
    if not text:
        clause_ = loaded.get(clause_id)
        click.echo(
            say(
                f"{clause_id} ({clause_.layer} v{clause_.version}) niczego nie zastępuje: "
                "żadna niższa warstwa jej nie ma",
                f"{clause_id} ({clause_.layer} v{clause_.version}) replaces nothing: "
                "no lower layer has it",
            )
        )
        return
    click.echo(text)


COMMANDS = [clause]
