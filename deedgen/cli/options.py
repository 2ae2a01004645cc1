"""Options shared by several commands."""

import click

lang_option = click.option(
    "--lang",
    type=click.Choice(["pl", "en"]),
    default="pl",
    show_default=True,
    help="Language of messages and reports.",
)
