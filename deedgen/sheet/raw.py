"""A partner sheet as read from its file, before validation: the data, where each value came from,
and how a data path is written. Shared by every loader (:mod:`.load`, :mod:`.xlsx`) and by
validation, so none of them imports another for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deedgen.exceptions import Location

Path_ = tuple  # a data path: ("parties", 2, "nip")


@dataclass
class RawSheet:
    """A partner sheet as read from its file, before validation."""

    data: dict
    source: str
    locations: dict[Path_, Location] = field(default_factory=dict)
    # problems the loader itself found (e.g. an unknown XLSX column), reported with validation's
    problems: list = field(default_factory=list)

    def locate(self, path: Path_) -> Location:
        """The location of *path*, or of its nearest ancestor that has one."""
        if self.locations is None:  # unpickled: build the Location objects on first use
            self.locations = {key: Location(*row) for key, row in self._packed.items()}
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(file=self.source))

    # A batch hands validated sheets from one worker to another through pickles; a sheet has a
    # location for each of its ~500 values, and unpickling that many Location objects was the
    # larger part of the hand-over. They travel as plain tuples and are rebuilt when needed.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        locations = state.pop("locations")
        if locations is None:
            state["_packed"] = self._packed
        else:
            state["_packed"] = {
                key: (loc.file, loc.line, loc.sheet, loc.cell) for key, loc in locations.items()
            }
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.locations = None


def format_path(path: Path_) -> str:
    """("parties", 2, "nip") → "parties[2].nip"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
