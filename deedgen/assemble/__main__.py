"""``python -m deedgen.assemble SHEET``: print the assembled text of every document."""

from __future__ import annotations

from deedgen.assemble.documents import assemble_documents


def main(argv=None) -> None:
    import click

    from deedgen.clauses.library import load_library
    from deedgen.sheet.validate import read_sheet

    @click.command()
    @click.argument("sheet")
    @click.option("--lang", default="pl", type=click.Choice(["pl", "en"]))
    @click.option("--library", "libraries", multiple=True)
    def run(sheet, lang, libraries):
        documents = assemble_documents(read_sheet(sheet), load_library(libraries), lang)
        for document in documents.values():
            click.echo(f"===== {document.title} =====")
            click.echo(document.plain_text())
            for line in document.signatories:
                click.echo(f"  [{line.role}] {line.party_name}: {line.person}, {line.function}")
            click.echo()

    run(argv)


if __name__ == "__main__":
    main()
