"""Load a partner sheet (YAML, JSON or XLSX) into plain data tagged with source locations.

A loader only reads: it returns a :class:`RawSheet` whose ``data`` has the structure of
:class:`deedgen.sheet.schema.SheetSchema` and whose ``locations`` say where each value came from
(YAML/JSON line, or XLSX sheet and cell). Validation is :mod:`deedgen.sheet.validate`'s job.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from deedgen.exceptions import InputError, Location
from deedgen.sheet.raw import Path_, RawSheet

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a partner sheet in YAML/JSON is a few kB
MAX_NODES = 100_000  # bounds the work on a hostile file (a YAML bomb)


def load_sheet(path: str | Path) -> RawSheet:
    """Read a partner sheet, choosing the loader by the file's extension and content."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"nie ma takiego pliku: {path}", location=None, english=f"no such file: {path}"
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from deedgen.sheet.xlsx import load_xlsx

        return load_xlsx(path)
    if suffix in (".yaml", ".yml", ".json"):
        return load_text(path)
    raise InputError(
        f"{path.name}: nieznany rodzaj pliku „{suffix}”; arkusz partnerów to plik .xlsx, .yaml,"
        f" .yml albo .json (unknown partner-sheet type '{suffix}'; expected .xlsx, .yaml, .yml"
        " or .json)"
    )


def load_text(path: Path) -> RawSheet:
    """Read a YAML or JSON partner sheet with the line of every value."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(
            f"{path.name}: plik za duży jak na arkusz partnerów ({size} bajtów, najwyżej"
            f" {MAX_TEXT_BYTES}) (file too large for a partner sheet)"
        )
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        kind = path.suffix[1:].upper()
        raise InputError(
            f"{path.name}: to plik ZIP/XLSX, nie {kind}; zmień jego rozszerzenie na .xlsx"
            f" (this is a ZIP/XLSX file, not {kind}; rename it to .xlsx)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path.name}:{line}: to nie jest tekst w UTF-8 (plik binarny albo stare kodowanie,"
            " np. Windows-1250); zapisz plik jako UTF-8 (not UTF-8 text: a binary file, or a"
            " legacy encoding such as Windows-1250; save the file as UTF-8)"
        ) from None
    if "\x00" in text:
        raise InputError(
            f"{path.name}: zawiera bajty NUL, więc nie jest plikiem tekstowym"
            " (contains NUL bytes — not a text file)"
        )
    loader, tree = _parse(path, text)
    if not isinstance(tree, yaml.MappingNode):
        found_pl, found = {
            yaml.SequenceNode: ("a plik zawiera listę", "found a list"),
            yaml.ScalarNode: ("a plik zawiera pojedynczą wartość", "found a single value"),
        }.get(type(tree), ("a plik jest pusty", "found nothing"))
        raise InputError(
            f"oczekiwano sekcji (coalition, gmina, parties, …), {found_pl}"  # the place names the file
            f" (expected a mapping of sections, {found})",
            location=Location(file=str(path), line=1),
        )
    locations: dict[Path_, Location] = {(): Location(file=str(path), line=1)}
    data = _plain(loader, tree, (), locations, str(path), [0], set())
    return RawSheet(data=data, source=str(path), locations=locations)


class YAML12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's C parser with YAML 1.2 core-schema scalars: "yes"/"no"/"on" stay text and
    digits with leading zeros stay decimal (YAML 1.1 would read 0612345 as an octal number)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "timestamp",
        r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
        "0123456789",
    ),
):
    YAML12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


def _construct_int(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


YAML12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _parse(path: Path, text: str):
    """The YAML (or JSON) node tree, with the loader that constructs its scalars."""
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)  # JSON's own grammar first: a precise message for JSON mistakes
        except json.JSONDecodeError as exc:
            raise InputError(
                f"błędny JSON w kolumnie {exc.colno} (invalid JSON: {exc.msg})",
                location=Location(file=str(path), line=exc.lineno),
            ) from None
        except RecursionError:  # the same refusal YAML's composer gives at that depth
            raise InputError(
                "błędny JSON: za głębokie zagnieżdżenie list lub obiektów"
                " (invalid JSON: exceeded maximum nesting depth)",
                location=Location(file=str(path)),
            ) from None
        except ValueError as exc:  # a number of over 4,300 digits (Python's own limit)
            raise InputError(
                f"błędny JSON: liczba ma za dużo cyfr (invalid JSON: {exc})",
                location=Location(file=str(path)),
            ) from None
        text = _join_surrogate_escapes(path, text)
    loader = YAML12Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "syntax error"
        raise InputError(
            f"błędny zapis YAML (invalid YAML: {what})",
            location=Location(file=str(path), line=line),
        ) from None
    except yaml.reader.ReaderError as exc:  # a raw character YAML does not allow (DEL, U+FFFE…)
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        char = f"U+{code:04X}" if isinstance(code, int) else "?"
        raise InputError(
            f"niedozwolony znak {char}; usuń go albo przepisz tekst (a forbidden character)",
            location=Location(file=str(path), line=text.count("\n", 0, exc.position) + 1),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(
            f"błędny zapis YAML (invalid YAML: {exc})", location=Location(file=str(path))
        ) from None
    finally:
        loader.dispose()
    return loader, node


# \uXXXX escapes of UTF-16 surrogates, after an even number of backslashes (an escape, not
# text that merely shows one): JSON writes a character beyond U+FFFF (an emoji) as a pair of
# them, which the YAML reader, that also reads JSON files here, would refuse one by one.
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})")
_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogate_escapes(path: Path, text: str) -> str:
    """A JSON text with each escaped surrogate pair written as its character; a lone
    surrogate (half of a pair) is no character at all and is refused."""
    if "\\u" not in text:
        return text

    def joined(match: re.Match) -> str:
        high, low = int(match[2], 16), int(match[3], 16)
        return match[1] + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    text = _PAIR.sub(joined, text)
    lone = _SURROGATE_ESCAPE.search(text)
    if lone:
        raise InputError(
            f"błędny JSON: \\u{lone[2]} to połowa pary znaków UTF-16, a nie znak; wpisz cały znak"
            f" (invalid JSON: a lone surrogate \\u{lone[2]})",
            location=Location(file=str(path), line=text.count("\n", 0, lone.start()) + 1),
        )
    return text


_STR_TAG = "tag:yaml.org,2002:str"


def _plain(loader, node, path, locations, source, count, seen):
    """Build plain dicts/lists from the node tree, recording the line of every value. Aliases
    are refused before anything is expanded (that is how YAML bombs multiply)."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise InputError(
            f"{Path(source).name}: za dużo wartości (ponad {MAX_NODES}); to nie jest arkusz"
            f" partnerów (too many values, more than {MAX_NODES}; not a partner sheet)"
        )
    line = node.start_mark.line + 1
    if id(node) in seen:  # a node met twice is an alias (*name); report where it is used
        used_at = locations[path].line if path in locations else line
        raise InputError(
            "arkusz partnerów nie może zawierać aliasów YAML (*nazwa); wpisz wartość wprost"
            " (YAML aliases (*name) are not allowed in a partner sheet)",
            location=Location(file=source, line=used_at),
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise InputError(
                    "klucze muszą być zwykłymi nazwami, bez kluczy scalających (<<) i złożonych"
                    " (keys must be plain names: no merge keys or complex keys)",
                    location=Location(file=source, line=key_node.start_mark.line + 1),
                )
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in out:
                first = locations[(*path, key)].line
                raise InputError(
                    f"klucz „{key}” występuje w tej sekcji drugi raz (pierwszy raz w wierszu"
                    f" {first}) (key '{key}' appears twice in the same section)",
                    location=Location(file=source, line=key_line),
                )
            child = (*path, key)
            locations[child] = Location(file=source, line=key_line)
            out[key] = _plain(loader, value_node, child, locations, source, count, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            locations[child] = Location(file=source, line=item.start_mark.line + 1)
            out.append(_plain(loader, item, child, locations, source, count, seen))
        return out
    if node.tag == _STR_TAG:  # most values: what the constructor would return, without it
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        raise InputError(
            f"błędna wartość (invalid value: {exc})", location=Location(file=source, line=line)
        ) from None
