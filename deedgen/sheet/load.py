"""Load a partner sheet (YAML, JSON or XLSX) into plain data tagged with source locations.

A loader only reads: it returns a :class:`RawSheet` whose ``data`` has the structure of
:class:`deedgen.sheet.schema.SheetSchema` and whose ``locations`` say where each value came from
(YAML/JSON line, or XLSX sheet and cell). Validation is :mod:`deedgen.sheet.validate`'s job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import InputError, Location

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a partner sheet in YAML/JSON is a few kB
MAX_NODES = 100_000  # bounds the work on a hostile file (a YAML bomb)

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
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(file=self.source))


def format_path(path: Path_) -> str:
    """("parties", 2, "nip") → "parties[2].nip"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_sheet(path: str | Path) -> RawSheet:
    """Read a partner sheet, choosing the loader by the file's extension and content."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}", location=None)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from deedgen.sheet.xlsx import load_xlsx

        return load_xlsx(path)
    if suffix in (".yaml", ".yml", ".json"):
        return load_text(path)
    raise InputError(
        f"{path.name}: unknown partner-sheet type '{suffix}'; expected .xlsx, .yaml, .yml or .json"
    )


def load_text(path: Path) -> RawSheet:
    """Read a YAML or JSON partner sheet with the line of every value."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(
            f"{path.name}: file too large for a partner sheet ({size} bytes; at most {MAX_TEXT_BYTES})"
        )
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path.name}: this is a ZIP/XLSX file, not {path.suffix[1:].upper()}; rename it to .xlsx"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path.name}:{line}: not UTF-8 text (a binary file, or a legacy encoding such as "
            "Windows-1250); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(f"{path.name}: contains NUL bytes — not a text file")
    tree = _parse(path, text)
    if not isinstance(tree, dict):
        raise InputError(
            f"{path.name}: expected a mapping of sections (coalition, gmina, parties, …), "
            f"found {type(tree).__name__}",
            location=Location(file=str(path), line=1),
        )
    locations: dict[Path_, Location] = {(): Location(file=str(path), line=1)}
    data = _plain(tree, (), locations, str(path), [0], set())
    return RawSheet(data=data, source=str(path), locations=locations)


def _parse(path: Path, text: str):
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if path.suffix.lower() == ".json":
        try:
            json.loads(text)  # JSON's own grammar first: a precise message for JSON mistakes
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg}", location=Location(file=str(path), line=exc.lineno)
            ) from None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "syntax error"
        raise InputError(
            f"invalid YAML: {what}", location=Location(file=str(path), line=line)
        ) from None
    except YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", location=Location(file=str(path))) from None


def _plain(node, path, locations, source, count, seen):
    """Copy ruamel's tree into plain dicts/lists, recording the line of every value."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    count[0] += 1
    if count[0] > MAX_NODES:
        raise InputError(
            f"{Path(source).name}: too many values (more than {MAX_NODES}); not a partner sheet"
        )
    if isinstance(node, (CommentedMap, CommentedSeq)):
        if id(node) in seen:  # an alias: refused, it is how YAML bombs multiply
            line = locations.get(path, Location(file=source)).line
            raise InputError(
                "YAML aliases (*name) are not allowed in a partner sheet",
                location=Location(file=source, line=line),
            )
        seen.add(id(node))  # one set for the whole tree: a node met twice is an alias
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            line, _col = node.lc.key(key)
            child = (*path, str(key))
            locations[child] = Location(file=source, line=line + 1)
            out[str(key)] = _plain(node[key], child, locations, source, count, seen)
        return out
    if isinstance(node, CommentedSeq):
        out = []
        for index, item in enumerate(node):
            line, _col = node.lc.item(index)
            child = (*path, index)
            locations[child] = Location(file=source, line=line + 1)
            out.append(_plain(item, child, locations, source, count, seen))
        return out
    if isinstance(node, str):
        return str(node)
    return node
