"""Options shared by several commands."""

import click


def _message_lang() -> str:
    from deedgen.cli.texts import current_lang

    return current_lang()


lang_option = click.option(
    "--lang",
    type=click.Choice(["pl", "en"]),
    default=_message_lang,
    show_default=False,
    help="Language of messages and reports (default: Polish; English with an English locale).",
)

# The same option on commands that do not read it: the group settles the message language from
# the command line before click parses it, so --lang works after any command.
message_lang_option = click.option(
    "--lang",
    type=click.Choice(["pl", "en"]),
    expose_value=False,
    help="Language of messages (default: Polish; English with an English locale).",
)
