"""The language a person reads the CLI in: Polish unless ``--lang en`` or an English locale.

``--lang`` is the message language on every command; it is read from the command line before
click parses it, so that ``--help``, click's own errors and the first progress line already
speak it. Help texts come from :data:`deedgen.cli.help_pl.HELP_PL` (Polish) or the commands'
own English; click's fixed strings (``Usage:``, ``Error:``, ``Missing argument``…), which click
passes through gettext, come from :data:`CLICK_PL`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

import click

from deedgen.cli.help_pl import HELP_PL
from deedgen.exceptions import EXIT_CODES

MESSAGE_LANGS = ("pl", "en")
_state = {"lang": "pl"}


def resolve_lang(args: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """``--lang pl|en`` from *args* (before a ``--``), else the locale's language
    (LC_ALL, LC_MESSAGES, LANG: the first one set) when it is English, else Polish."""
    for number, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and number + 1 < len(args):
            value = args[number + 1]
        if value in MESSAGE_LANGS:
            return value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "en" if environ[name].lower().startswith("en") else "pl"
    return "pl"


def set_lang(lang: str) -> None:
    _state["lang"] = lang if lang in MESSAGE_LANGS else "pl"


def current_lang() -> str:
    return _state["lang"]


def say(polish: str, english: str) -> str:
    """The one of the two texts a person reads now."""
    return polish if current_lang() == "pl" else english


def localize(command: click.Command, lang: str, path: str = "") -> None:
    """Set the help texts of *command*, its options and subcommands to *lang* (the English
    originals are kept on the objects, so switching back and forth is exact)."""
    _swap(command, path, lang)
    command.options_metavar = "[OPCJE]" if lang == "pl" else "[OPTIONS]"
    command._help_option = None  # click keeps the --help option, and its text, once made
    if isinstance(command, click.Group):
        command.subcommand_metavar = (
            "POLECENIE [ARGUMENTY]..." if lang == "pl" else "COMMAND [ARGS]..."
        )
    for param in command.params:
        _metavar(param, lang)
        if isinstance(param, click.Option):
            long_names = [o for o in param.opts if o.startswith("--")] or param.opts
            _swap(param, f"{path} {long_names[0]}".strip(), lang)
        if isinstance(param.type, click.Path):  # its name starts click's file errors
            kind = (
                "file"
                if not param.type.dir_okay
                else "path"
                if param.type.file_okay
                else "directory"
            )
            param.type.name = CLICK_PL[kind] if lang == "pl" else kind
    original = vars(command).setdefault("_epilog_en", command.epilog)
    command.epilog = "\n\n".join(filter(None, [original, exit_codes_epilog(lang)]))
    for name, sub in getattr(command, "commands", {}).items():
        localize(sub, lang, f"{path} {name}".strip())


def _swap(item, key: str, lang: str) -> None:
    english = vars(item).setdefault("_help_en", item.help)
    item.help = HELP_PL.get(key, english) if lang == "pl" else english


# The placeholders of usage lines and options (an argument's name, an option's explicit metavar
# or its type's name), in Polish; the Polish help texts use the same words.
METAVARS_PL = {
    "SHEET": "ARKUSZ",
    "COHORT": "KOHORTA",
    "REPORTS": "SPRAWOZDANIA",
    "PATH": "ŚCIEŻKA",
    "WORKSPACE": "FOLDER_ROBOCZY",
    "NAME": "NAZWA",
    "DIR": "FOLDER",
    "DIRS": "FOLDER",
    "TEXT": "TEKST",
    "INTEGER": "LICZBA",
    "INTEGER RANGE": "LICZBA",
    "FLOAT RANGE": "LICZBA",
    "FLOAT": "LICZBA",
}


def _metavar(param: click.Parameter, lang: str) -> None:
    """Set *param*'s metavar to its Polish word (or back to the English original); a choice's
    ``[a|b]`` stays as it is."""
    original = vars(param).setdefault("_metavar_en", param.metavar)
    param.metavar = original
    if lang != "pl":
        return
    if original is not None:
        param.metavar = re.sub(r"[A-Z][A-Z_]*", lambda m: METAVARS_PL.get(m[0], m[0]), original)
        return
    if param.type.get_metavar(param=param, ctx=None) is not None:
        return
    argument = isinstance(param, click.Argument)
    word = METAVARS_PL.get(param.name.upper() if argument else param.type.name.upper())
    if word is None:
        return
    if argument and not param.required:
        word = f"[{word}]"
    param.metavar = word + ("..." if param.nargs != 1 else "")


def exit_codes_epilog(lang: str) -> str:
    """The exit-code table at the end of every --help (click keeps lines after ``\\b``)."""
    head = "Kody wyjścia:" if lang == "pl" else "Exit codes:"
    lines = ["\b", head]
    lines += [f"  {code:>3}  {pl if lang == 'pl' else en}" for code, pl, en in EXIT_CODES]
    return "\n".join(lines)


CLICK_PL = {
    "Usage:": "Użycie:",
    "Options": "Opcje",
    "Commands": "Polecenia",
    "Positional arguments": "Argumenty",
    "Show this message and exit.": "Pokaż tę pomoc i zakończ.",
    "Show the version and exit.": "Pokaż wersję i zakończ.",
    "%(prog)s, version %(version)s": "%(prog)s, wersja %(version)s",
    "Error: {message}": "Błąd: {message}",
    "Try '{command} {option}' for help.": "Pomoc: '{command} {option}'.",
    "Aborted!": "Przerwano.",
    "Missing argument": "Brak argumentu",
    "Missing option": "Brak opcji",
    "Missing parameter": "Brak parametru",
    "Missing command.": "Brak polecenia.",
    "Missing {param_type}": "Brak: {param_type}",
    "Missing parameter: {param_name}": "Brak parametru: {param_name}",
    "argument": "argument",
    "option": "opcja",
    "parameter": "parametr",
    "No such option: {name}": "Nie ma opcji: {name}",
    "No such option {name!r}.": "Nie ma opcji {name!r}.",
    "No such command {name!r}.": "Nie ma polecenia {name!r}.",
    "Did you mean {possibility}?": "Czy chodziło o: {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Czy chodziło o jedno z: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Błędna wartość {param_hint}: {message}",
    "Invalid value: {message}": "Błędna wartość: {message}",
    "Option {name!r} does not take a value.": "Opcja {name!r} nie przyjmuje wartości.",
    "Option {name!r} requires an argument.": "Opcja {name!r} wymaga wartości.",
    "Option {name!r} requires {nargs} arguments.": "Opcja {name!r} wymaga wartości: {nargs}.",
    "Got unexpected extra argument ({args})": "Nieoczekiwany dodatkowy argument ({args})",
    "Got unexpected extra arguments ({args})": "Nieoczekiwane dodatkowe argumenty ({args})",
    "{value!r} is not {choice}.": "{value!r} to nie {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} nie jest żadną z wartości: {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} nie jest poprawną liczbą.",
    "{value} is not in the range {range}.": "{value} jest poza zakresem {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} nie istnieje.",
    "{name} {filename!r} is a file.": "{name} {filename!r} jest plikiem, a nie folderem.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} jest folderem, a nie plikiem.",
    "{name} {filename!r} is not readable.": "{name} {filename!r}: brak uprawnień do odczytu.",
    "{name} {filename!r} is not writable.": "{name} {filename!r}: brak uprawnień do zapisu.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} nie jest wykonywalny.",
    "Could not open file {filename!r}: {message}": "Nie można otworzyć pliku {filename!r}: "
    "{message}",
    "file": "plik",
    "directory": "folder",
    "path": "ścieżka",
    "File": "Plik",
    "Directory": "Folder",
    "Path": "Ścieżka",
    "default: {default}": "domyślnie: {default}",
    "required": "wymagane",
    "deprecated": "przestarzałe",
    "(deprecated)": "(przestarzałe)",
    "env var: {var}": "zmienna środowiskowa: {var}",
}


def _click_gettext(message: str) -> str:
    return CLICK_PL.get(message, message) if current_lang() == "pl" else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return _click_gettext(singular if n == 1 else plural)


def install_click_strings() -> None:
    """Route click's gettext calls through :data:`CLICK_PL`. Click binds ``gettext`` and
    ``ngettext`` as module globals at import, so they are replaced there; no .mo files."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext
