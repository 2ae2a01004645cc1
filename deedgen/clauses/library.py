"""The clause library as a search path of layers: local → regional → central.

The central layer ships with deedgen (``clause_library/``). Overlay folders (a voivodeship
library's, a coalition's) replace clauses by id, add new ones, or remove one with a removal
marker (``remove: true``, see :mod:`deedgen.clauses.model`). Folders are given most specific
first, as a search path. Two rules protect the funded model:

- a ``locked`` clause cannot be replaced or removed by a more specific layer;
- a clause a funding rule names cannot be removed (:mod:`deedgen.clauses.required`).

:func:`collect_library` reports every problem as a :class:`Problem` (the linter prints them);
:func:`load_library` raises them as one :class:`ClauseError`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.findings import ERROR, WARNING, clause_problem, from_error, raise_first
from deedgen.clauses.front_matter import meta_line
from deedgen.clauses.links import escaping_links, leaves
from deedgen.clauses.messages import clause_error, joined, said
from deedgen.clauses.model import Clause, Removal, load_entry
from deedgen.clauses.required import Requirement, funding_required_clauses
from deedgen.exceptions import ClauseError, Location, Problem
from deedgen.resources import CLAUSE_LIBRARY

CENTRAL_DIR = CLAUSE_LIBRARY


@dataclass(frozen=True)
class Layer:
    """A folder of clause files; ``central`` marks the library shipped with deedgen."""

    name: str
    path: Path
    central: bool = False


@dataclass(frozen=True)
class Provenance:
    """Where a clause comes from and what it stands in for."""

    clause: Clause
    replaces: tuple[Clause, ...] = ()  # the clauses it shadows, most specific first

    @property
    def replaced(self) -> Clause | None:
        return self.replaces[0] if self.replaces else None

    @property
    def replaced_label(self) -> str:
        """``central v3``: the clause it replaces (empty when it replaces nothing)."""
        below = self.replaced
        return f"{below.layer} v{below.version}" if below else ""

    def summary(self, lang: str = "pl") -> str:
        """``zastępuje central v3`` / ``replaces central v3`` (empty when it replaces nothing)."""
        word = "replaces" if lang == "en" else "zastępuje"
        return f"{word} {self.replaced_label}" if self.replaced else ""


@dataclass
class ClauseLibrary:
    """Every clause visible through the layers, with what each overlay replaced or removed."""

    layers: tuple[Layer, ...]
    clauses: dict[str, Clause] = field(default_factory=dict)
    # id → clauses shadowed (replaced or removed), most specific first
    replaced: dict[str, list[Clause]] = field(default_factory=dict)
    removed: dict[str, Removal] = field(default_factory=dict)  # id → the marker that removed it

    def get(self, clause_id: str) -> Clause:
        try:
            return self.clauses[clause_id]
        except KeyError:
            removal = self.removed.get(clause_id)
            key, path = ("no_clause_removed", removal.path) if removal else ("no_clause", "")
            layers = self.describe_layers()
            raise clause_error(key, id=clause_id, layers=layers, path=path) from None

    def for_document(self, kind: str) -> list[Clause]:
        chosen = (c for c in self.clauses.values() if kind in c.documents)
        return sorted(chosen, key=lambda c: (c.order, c.id))

    def describe_layers(self) -> str:
        return " → ".join(f"{layer.name} ({layer.path})" for layer in self.layers)

    @property
    def top(self) -> Layer:
        """The most specific layer: where ``clause new`` and ``clause edit`` write."""
        return self.layers[0]

    def layer(self, name: str) -> Layer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise clause_error("no_layer", name=name, layers=", ".join(x.name for x in self.layers))

    def provenance(self, clause_id: str) -> Provenance:
        return Provenance(self.get(clause_id), tuple(self.replaced.get(clause_id, ())))


def layer_name(path: Path, index: int, total: int) -> str:
    if index == total - 1:
        return "central"
    return path.resolve().name or f"layer{index}"


def make_layers(
    overlays: Sequence[str | Path] = (), central: Path | None = None
) -> tuple[Layer, ...]:
    """The layers, most specific first; an overlay that is the central folder itself is dropped
    (naming it with ``--library`` makes the central library the writable top layer)."""
    central_path = Path(central or CENTRAL_DIR)
    if not central_path.is_dir():
        raise clause_error("no_library_folder", path=central_path)
    layers: list[Layer] = []
    names: set[str] = {"central"}
    for index, overlay in enumerate(overlays):
        path = Path(overlay)
        if not path.is_dir():
            raise clause_error("no_library_folder", path=path)
        if path.resolve() == central_path.resolve() or any(
            path.resolve() == x.path.resolve() for x in layers
        ):
            continue
        name = base = layer_name(path, index, len(overlays) + 1)
        suffix = 2
        while name in names:  # two folders called "clauses": clauses, clauses-2
            name, suffix = f"{base}-{suffix}", suffix + 1
        names.add(name)
        layers.append(Layer(name=name, path=path))
    layers.append(Layer(name="central", path=central_path, central=True))
    return tuple(layers)


SYSTEM_FOLDERS = frozenset(
    Path(p)
    for p in (
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/home",
        "/lib",
        "/opt",
        "/proc",
        "/root",
        "/run",
        "/sbin",
        "/srv",
        "/sys",
        "/tmp",
        "/usr",
        "/var",
    )
)


def holds_clauses(folder: Path) -> bool:
    """Whether *folder* can be a clause layer: not the filesystem root nor a system folder, and
    with a clause file in it or in a category folder (looked for two levels deep only: a layer
    named by mistake, such as ``/``, must not be walked whole)."""
    folder = folder.resolve()
    if folder == Path(folder.anchor) or folder in SYSTEM_FOLDERS:
        return False
    return any(folder.glob("*.pl.txt")) or any(folder.glob("*/*.pl.txt"))


def layer_files(layer: Layer, layers: Sequence[Layer] = ()) -> list[Path]:
    """The Polish clause files of *layer*, skipping hidden folders, other layers nested in it
    (a coalition folder used as a layer may hold its region's folder) and symbolic links that
    lead out of the layer (:func:`escaping_links` reports them)."""
    root = layer.path.resolve()
    nested = [
        x.path.resolve()
        for x in layers
        if x.path.resolve() != root and x.path.resolve().is_relative_to(root)
    ]
    files = []
    for path in _clause_texts(layer.path, ".pl.txt"):
        relative = path.relative_to(layer.path)
        if any(part.startswith(".") for part in relative.parts[:-1]):
            continue
        if any(path.resolve().is_relative_to(n) for n in nested):
            continue
        if leaves(path, root) or leaves(_english_of(path), root):
            continue
        files.append(path)
    return files


def _clause_texts(folder: Path, suffix: str) -> list[Path]:
    """The files named ``*suffix`` under *folder*; a linked folder is not entered."""
    found = []
    for parent, _subfolders, names in os.walk(folder):  # followlinks=False
        found.extend(Path(parent) / name for name in names if name.endswith(suffix))
    return sorted(found)


def _english_of(pl_file: Path) -> Path:
    return pl_file.with_name(pl_file.name[: -len(".pl.txt")] + ".en.txt")


def scan_layer(
    layer: Layer, layers: Sequence[Layer] = ()
) -> tuple[list[Clause | Removal], list[Problem]]:
    """Parse every clause file of one layer; a broken file is a finding, not an exception."""
    entries: list[Clause | Removal] = []
    findings: list[Problem] = []
    seen: dict[str, str] = {}
    for pl_file in layer_files(layer, layers):
        try:
            entry = load_entry(pl_file, layer=layer.name, layer_dir=str(layer.path))
        except ClauseError as error:
            findings.append(from_error(error))
            continue
        if entry.id in seen:
            findings.append(
                clause_problem(
                    code="duplicate-id",
                    message=said(
                        "duplicate_id", id=entry.id, layer=layer.name, other=seen[entry.id]
                    ),
                    location=Location(file=str(pl_file), line=meta_line(pl_file, "id")),
                    clause_id=entry.id,
                    related=Location(file=seen[entry.id], line=meta_line(seen[entry.id], "id")),
                )
            )
            continue
        seen[entry.id] = str(pl_file)
        if isinstance(entry, Removal) and layer.central:
            findings.append(
                clause_problem(
                    code="removal",
                    message=said("central_removal"),
                    location=Location(file=str(pl_file), line=meta_line(pl_file, "remove")),
                    clause_id=entry.id,
                )
            )
            continue
        entries.append(entry)
    findings.extend(escaping_links(layer))
    for other in _clause_texts(layer.path, ".en.txt"):
        if not other.with_name(other.name[: -len(".en.txt")] + ".pl.txt").is_file():
            findings.append(
                clause_problem(
                    code="language",
                    message=said("english_orphan"),
                    location=Location(file=str(other), line=1),
                )
            )
    return entries, findings


def collect_library(
    overlays: Sequence[str | Path] = (),
    central: Path | None = None,
    *,
    required: Mapping[str, list[Requirement]] | None = None,
) -> tuple[ClauseLibrary, list[Problem]]:
    """Load the layers, most specific first, and report every problem instead of raising.

    *required* maps clause ids to the funding rules that need them (default: every shipped rule
    set, see :func:`~deedgen.clauses.required.funding_required_clauses`).
    """
    layers = make_layers(overlays, central)
    if required is None:
        required = funding_required_clauses()
    library = ClauseLibrary(layers=layers)
    findings: list[Problem] = []
    # Read the least specific layer first so that overlays replace what lies beneath them.
    for layer in reversed(layers):
        entries, problems = scan_layer(layer, layers)
        findings.extend(problems)
        for entry in entries:
            if isinstance(entry, Removal):
                findings.extend(_remove(library, entry, required))
            else:
                findings.extend(_add(library, entry))
    return library, findings


def load_library(
    overlays: Sequence[str | Path] = (),
    central: Path | None = None,
    *,
    required: Mapping[str, list[Requirement]] | None = None,
) -> ClauseLibrary:
    """Load the central library and the overlay folders (most specific first).

    Raises :class:`ClauseError` naming every broken file, locked clause replaced or removed, and
    required clause removed; warnings (a marker that removes nothing) do not stop loading.
    """
    library, findings = collect_library(overlays, central, required=required)
    raise_first(findings)
    return library


def _add(library: ClauseLibrary, clause: Clause) -> list[Problem]:
    below = library.clauses.get(clause.id)
    if below is not None:
        if below.locked:
            return [
                clause_problem(
                    code="locked-override",
                    message=said(
                        "locked_override",
                        id=clause.id,
                        layer=below.layer,
                        source=below.source,
                        other=clause.source,
                    ),
                    location=Location(file=clause.source, line=meta_line(clause.source, "id")),
                    clause_id=clause.id,
                    related=Location(file=below.source, line=meta_line(below.source, "locked")),
                )
            ]
        library.replaced.setdefault(clause.id, []).insert(0, below)
    library.removed.pop(clause.id, None)  # a more specific layer may bring a removed clause back
    library.clauses[clause.id] = clause
    return []


def _remove(
    library: ClauseLibrary, removal: Removal, required: Mapping[str, list[Requirement]]
) -> list[Problem]:
    where = Location(file=removal.path, line=meta_line(removal.path, "remove"))
    below = library.clauses.get(removal.id)
    if below is None:
        earlier = library.removed.get(removal.id)
        key = "removed_already" if earlier else "removes_nothing"
        message = said(key, id=removal.id, path=earlier.path if earlier else "")
        return [
            clause_problem(
                code="removal",
                message=message,
                location=where,
                severity=WARNING,
                clause_id=removal.id,
            )
        ]
    if below.locked:
        return [
            clause_problem(
                code="locked-removal",
                message=said(
                    "locked_removal",
                    id=removal.id,
                    layer=below.layer,
                    source=below.source,
                    path=removal.path,
                ),
                location=where,
                clause_id=removal.id,
                related=Location(file=below.source, line=meta_line(below.source, "locked")),
            )
        ]
    needs = required.get(removal.id) or []
    if needs:
        rules = joined((r.described() for r in needs), "; ")
        return [
            clause_problem(
                code="required-removal",
                message=said(
                    "required_removal",
                    id=removal.id,
                    source=below.source,
                    rules=rules,
                    path=removal.path,
                ),
                location=where,
                severity=ERROR,
                clause_id=removal.id,
                related=needs[0].location,
            )
        ]
    library.replaced.setdefault(removal.id, []).insert(0, below)
    del library.clauses[removal.id]
    library.removed[removal.id] = removal
    return []
