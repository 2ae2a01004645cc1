"""The clause library as a search path of layers: local → regional → central.

The central layer ships with deedgen (``clause_library/``). Overlay folders (a voivodeship
library's, a coalition's) replace clauses by id or add new ones; a ``locked`` clause cannot be
replaced. Folders are given most specific first, as a search path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.clauses.model import Clause, load_clause
from deedgen.exceptions import ClauseError, Location

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CENTRAL_DIR = PROJECT_ROOT / "clause_library"


@dataclass(frozen=True)
class Layer:
    name: str
    path: Path


@dataclass
class ClauseLibrary:
    """Every clause visible through the layers, with what each overlay replaced."""

    layers: tuple[Layer, ...]
    clauses: dict[str, Clause] = field(default_factory=dict)
    replaced: dict[str, list[Clause]] = field(default_factory=dict)  # id → clauses shadowed, most specific first

    def get(self, clause_id: str) -> Clause:
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise ClauseError(f"no clause '{clause_id}' in the clause library ({self.describe_layers()})") from None

    def for_document(self, kind: str) -> list[Clause]:
        return sorted((c for c in self.clauses.values() if kind in c.documents), key=lambda c: (c.order, c.id))

    def by_category(self, category: str) -> list[Clause]:
        return sorted((c for c in self.clauses.values() if c.category == category), key=lambda c: (c.order, c.id))

    def describe_layers(self) -> str:
        return " → ".join(f"{layer.name} ({layer.path})" for layer in self.layers)


def layer_name(path: Path, index: int, total: int) -> str:
    if index == total - 1:
        return "central"
    return path.resolve().name or f"layer{index}"


def load_library(overlays: list[str | Path] | tuple = (), central: Path | None = None) -> ClauseLibrary:
    """Load the central library and the overlay folders (most specific first)."""
    dirs = [Path(d) for d in overlays] + [central or CENTRAL_DIR]
    layers = []
    for index, path in enumerate(dirs):
        if not path.is_dir():
            raise ClauseError(f"clause library folder not found: {path}")
        layers.append(Layer(name=layer_name(path, index, len(dirs)), path=path))
    library = ClauseLibrary(layers=tuple(layers))
    # Read the least specific layer first so that overlays replace what lies beneath them.
    for layer in reversed(layers):
        seen_here: dict[str, str] = {}
        for pl_file in sorted(layer.path.rglob("*.pl.txt")):
            clause = load_clause(pl_file, layer=layer.name, layer_dir=str(layer.path))
            if clause.id in seen_here:
                raise ClauseError(
                    f"clause id '{clause.id}' is defined twice in layer {layer.name}: also in {seen_here[clause.id]}",
                    location=Location(file=str(pl_file), line=2),
                )
            seen_here[clause.id] = str(pl_file)
            below = library.clauses.get(clause.id)
            if below is not None:
                if below.locked:
                    raise ClauseError(
                        f"clause '{clause.id}' is locked in layer {below.layer} ({below.source}) "
                        f"and cannot be replaced by {pl_file}",
                        location=Location(file=str(pl_file), line=2),
                    )
                library.replaced.setdefault(clause.id, []).insert(0, below)
            library.clauses[clause.id] = clause
        _orphan_translations(layer.path)
    return library


def _orphan_translations(path: Path) -> None:
    for other in sorted(path.rglob("*.en.txt")):
        if not other.with_name(other.name[: -len(".en.txt")] + ".pl.txt").is_file():
            raise ClauseError(
                "an English variant without its Polish file (NAME.pl.txt is the authoritative text)",
                location=Location(file=str(other)),
            )
