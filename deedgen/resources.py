"""Where the data deedgen ships lives: clause library, DOCX templates, schemas, sample sheets.

The repository keeps them as top-level folders (``clause_library/``, ``templates/``,
``schemas/``, ``samples/``). A wheel carries them inside the package as ``deedgen/data/<folder>``
(``package-dir`` in pyproject.toml maps each folder there), found through
:mod:`importlib.resources`. A checkout — and an editable install, which runs the checkout's code —
has no ``deedgen/data``, so the folders are read where they live, next to the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder *name* of the shipped data: inside the installed package, else in the checkout.

    pip unpacks wheels, so the packaged folder is a real directory that callers can glob and
    open by path (a zipped install would fail here, on ``Path``, not later on a missing file).
    """
    packaged = resources.files("deedgen") / "data" / name
    if packaged.is_dir():
        return Path(packaged)
    return _CHECKOUT / name


CLAUSE_LIBRARY = data_dir("clause_library")
TEMPLATES = data_dir("templates")
FUNDING_RULES = data_dir("schemas") / "funding-rules"
SAMPLES = data_dir("samples")
