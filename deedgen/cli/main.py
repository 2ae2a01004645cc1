"""The ``deedgen`` command group; commands live in the sibling modules."""

from __future__ import annotations

import importlib
import pkgutil

import click

from deedgen import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="deedgen")
