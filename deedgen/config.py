"""``deedgen.toml``: a working folder's settings, and the shared ``--library`` option.

A coalition's (or a voivodeship library's) folder may hold a ``deedgen.toml``::

    [library]
    # clause layers, most specific first; paths are relative to this file.
    # The central library shipped with deedgen is always the last layer.
    layers = ["local-clauses", "../wbp-kielce"]

Every command that reads clauses takes ``--library DIR`` (repeatable, most specific first). Given
on the command line it wins; otherwise the ``deedgen.toml`` of the working folder is used;
otherwise only the central library.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import click

from deedgen.exceptions import ConfigError, Location

CONFIG_NAME = "deedgen.toml"
# What typesets the PDFs (``--pdf-engine``): Typst from the assembled documents (render/typst,
# the default), or LibreOffice converting the rendered DOCX (render/pdf) — for users who restyle
# the DOCX templates in Word. Here, not in deedgen.options, so the CLI reads it without loading
# the DOCX renderer.
PDF_ENGINES = ("typst", "libreoffice")


@dataclass(frozen=True)
class Config:
    """A parsed ``deedgen.toml``: its clause layers and, if it names one, its central library."""

    path: Path | None = None
    library_layers: tuple[Path, ...] = ()
    central: Path | None = None


def find_config(cwd: Path | None = None) -> Path | None:
    """The ``deedgen.toml`` of the working folder, if there is one."""
    candidate = Path(cwd or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> Config:
    """Parse *path* (None: an empty configuration); layer paths become absolute."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read {CONFIG_NAME}: {exc}", location=Location(file=str(path))
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", location=Location(file=str(path))) from None
    table = data.get("library", {})
    if not isinstance(table, dict):
        raise ConfigError("[library] must be a table", location=Location(file=str(path)))
    unknown = sorted(set(table) - {"layers", "central"})
    if unknown:
        raise ConfigError(
            f"unknown key(s) in [library]: {', '.join(unknown)}; expected layers (and central)",
            location=Location(file=str(path), line=_line_of(path, unknown[0])),
        )
    layers = table.get("layers", [])
    if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
        raise ConfigError(
            'layers must be a list of folders, e.g. layers = ["../wbp-kielce", "."]',
            location=Location(file=str(path), line=_line_of(path, "layers")),
        )
    base = path.parent.resolve()
    resolved = tuple(_folder(base / entry, path, "layers") for entry in layers)
    central = table.get("central")
    if central is not None and not isinstance(central, str):
        raise ConfigError(
            "central must be a folder path",
            location=Location(file=str(path), line=_line_of(path, "central")),
        )
    return Config(
        path=path,
        library_layers=resolved,
        central=_folder(base / central, path, "central") if central else None,
    )


def _folder(folder: Path, config: Path, key: str) -> Path:
    folder = folder.resolve()
    if not folder.is_dir():
        raise ConfigError(
            f"{key}: folder not found: {folder}",
            location=Location(file=str(config), line=_line_of(config, key)),
        )
    return folder


def _line_of(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(key):
            return number
    return None


@dataclass(frozen=True)
class LibrarySelection:
    """The clause layers a command reads: overlays most specific first, and where they came from."""

    overlays: tuple[Path, ...] = ()
    central: Path | None = None
    origin: str = "central library only"  # "--library", "deedgen.toml (path)" or that

    def load(self):
        """The :class:`~deedgen.clauses.library.ClauseLibrary` (raises on a broken library)."""
        from deedgen.clauses.library import load_library

        return load_library(self.overlays, self.central)

    def collect(self):
        """The library and every finding, without raising (for ``clause lint``)."""
        from deedgen.clauses.library import collect_library

        return collect_library(self.overlays, self.central)


def select_library(
    dirs: tuple[str, ...] | list[str] = (), cwd: Path | None = None
) -> LibrarySelection:
    """``--library`` folders if given (deedgen.toml is then not read), else the working folder's
    ``deedgen.toml``, else the central library only."""
    if dirs:
        missing = [d for d in dirs if not Path(d).is_dir()]
        if missing:
            raise ConfigError(f"--library: folder not found: {', '.join(missing)}")
        return LibrarySelection(tuple(Path(d) for d in dirs), None, "--library")
    config = load_config(find_config(cwd))
    if config.path is not None:
        return LibrarySelection(
            config.library_layers, config.central, f"{CONFIG_NAME} ({config.path})"
        )
    return LibrarySelection()


def _library_callback(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> LibrarySelection:
    return select_library(value)


def make_library_option(dest: str = "library"):
    """``--library DIR`` (repeatable); the command receives a :class:`LibrarySelection` as *dest*."""
    return click.option(
        "--library",
        dest,
        multiple=True,
        metavar="DIR",
        type=click.Path(file_okay=False),
        callback=_library_callback,
        help="A clause layer (a regional or local overlay folder); repeat it, most specific first. "
        f"Default: the layers of ./{CONFIG_NAME}, else the central library only.",
    )


library_option = make_library_option()
