"""The ``deedgen`` command group; commands live in the sibling modules."""

from __future__ import annotations

import importlib
import pkgutil

import click

from deedgen import __version__
from deedgen.exceptions import exit_codes_epilog


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=exit_codes_epilog(),
)
@click.version_option(__version__, prog_name="deedgen")
def cli() -> None:
    """deedgen: documents of library coalitions (partnership declarations, action plans,
    evaluation forms) from a partner sheet and a clause library."""


def _register() -> None:
    import deedgen.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name == "main" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"deedgen.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            _with_exit_codes(command)
            cli.add_command(command)


def _with_exit_codes(command: click.Command) -> None:
    """Every command's --help ends with the one exit-code table."""
    command.epilog = "\n\n".join(filter(None, [command.epilog, exit_codes_epilog()]))
    for sub in getattr(command, "commands", {}).values():
        _with_exit_codes(sub)


_register()


def main() -> None:
    """The console script: every error ends with a message and a code from
    :data:`deedgen.exceptions.EXIT_CODES` — never a traceback."""
    import sys

    from deedgen.exceptions import EXIT_INTERRUPTED, EXIT_USAGE

    try:
        code = cli.main(prog_name="deedgen", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        code = EXIT_USAGE
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("\nPrzerwano.", err=True)
        code = EXIT_INTERRUPTED
    sys.exit(code if isinstance(code, int) else 0)
