"""The ``deedgen`` command group; commands live in the sibling modules."""

from __future__ import annotations

import importlib
import pkgutil

import click

from deedgen import __version__
from deedgen.cli import texts
from deedgen.cli.options import lang_option


class DeedgenGroup(click.Group):
    """The command group that first settles the message language (``--lang`` anywhere on the
    command line, else the locale), so that help, click's errors and every message speak it."""

    def main(self, args=None, *pos, **kwargs):
        import sys

        args = list(sys.argv[1:] if args is None else args)
        texts.set_lang(texts.resolve_lang(args))
        texts.localize(self, texts.current_lang())
        return super().main(args, *pos, **kwargs)

    def invoke(self, ctx):
        from deedgen.exceptions import DeedgenError

        try:
            return super().invoke(ctx)
        except DeedgenError as error:  # in the message language, where it has English
            error.message = error.message_in(texts.current_lang())
            raise


@click.group(
    cls=DeedgenGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="deedgen", message="%(prog)s %(version)s")
@lang_option
def cli(lang: str) -> None:
    """deedgen: documents of library coalitions (partnership declarations, action plans,
    evaluation forms) from a partner sheet and a clause library."""


def _register() -> None:
    import deedgen.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name == "main" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"deedgen.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()
texts.install_click_strings()


def main() -> None:
    """The console script: every error ends with a message and a code from
    :data:`deedgen.exceptions.EXIT_CODES` — never a traceback."""
    import sys

    from deedgen.exceptions import EXIT_INTERRUPTED, EXIT_INVALID_INPUT, EXIT_USAGE

    try:
        code = cli.main(prog_name="deedgen", standalone_mode=False)
    except click.BadParameter as error:
        error.show()
        # a path that is missing, or a file where a folder belongs: the input (a sheet, the
        # cohort, the output folder) is wrong, not the call (exit 2, as the table says)
        path = isinstance(getattr(error.param, "type", None), click.Path)
        code = EXIT_INVALID_INPUT if path else EXIT_USAGE
    except click.UsageError as error:
        error.show()
        code = EXIT_USAGE
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("\n" + texts.say("Przerwano.", "Interrupted."), err=True)
        code = EXIT_INTERRUPTED
    sys.exit(code if isinstance(code, int) else 0)
