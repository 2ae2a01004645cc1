"""A clause file's text and its front matter: the file read as UTF-8 with LF line ends, the
``---``-delimited YAML metadata split from the body, and the line a metadata key is on.
"""

from __future__ import annotations

import re
from pathlib import Path

from deedgen.clauses.messages import Said, clause_error
from deedgen.exceptions import Location
from deedgen.sheet.characters import refused_character


def read_text(path: Path) -> tuple[bytes, str]:
    """The raw bytes of a clause file and its text (UTF-8, BOM dropped, LF line ends)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise clause_error("not_utf8", Location(file=str(path))) from None
    _refuse_characters(path, text)
    return raw, text


def _refuse_characters(path: Path, text: str) -> None:
    """The characters a partner sheet may not carry (control characters, which XML 1.0 forbids
    in a DOCX; text-direction overrides; private use, deedgen's data markers among them;
    non-characters) are refused in a clause too, at their line."""
    refused = refused_character(text)
    if refused is None:
        return
    start = refused["position"] - 1
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    raise clause_error(
        "forbidden_character",
        Location(file=str(path), line=line),
        char=refused["char"],
        kind=Said(refused["kind"], refused["kind_en"]),
        column=column,
    )


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Split ``---``-delimited YAML front matter from the body; return (meta, body, body_line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise clause_error("no_front_matter", Location(file=str(path), line=1))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise clause_error("front_matter_open", Location(file=str(path), line=1)) from None
    meta = _load_meta(path, "\n".join(lines[1:end]))
    rest = lines[end + 1 :]
    leading_blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest).strip("\n")
    # Blank lines after the closing '---' are dropped: the body starts at its first text line.
    return meta, body, end + 2 + leading_blank


# What each metadata key holds. Optional keys may be left empty (same as absent); lists hold
# text. Keys not listed (unknown ones, `remove`) are judged by the clause model.
_TEXT = (str,)
_WORDS = Said("tekst", "text")
_EXPECTED: dict[str, tuple[Said, tuple[type, ...], bool]] = {
    "id": (Said("tekst (kategoria.nazwa)", "text (category.name)"), _TEXT, False),
    "title": (_WORDS, _TEXT, False),
    "version": (Said("liczba całkowita ≥ 1", "a whole number ≥ 1"), (int,), False),
    "category": (_WORDS, _TEXT, False),
    "documents": (
        Said("nazwa dokumentu albo lista nazw", "a document name or a list of names"),
        (str, list),
        False,
    ),
    "order": (Said("liczba całkowita", "a whole number"), (int,), True),
    "condition": (Said("tekst (warunek)", "text (a condition)"), _TEXT, True),
    "requires": (
        Said("id klauzuli albo lista id", "a clause id or a list of ids"),
        (str, list),
        True,
    ),
    "locked": (Said("true albo false", "true or false"), (bool,), True),
    "fallback": (Said("tekst (jedno id klauzuli)", "text (one clause id)"), _TEXT, True),
    "slot": (Said("tekst (nazwa jednego miejsca)", "text (one place name)"), _TEXT, True),
    "note": (_WORDS, _TEXT, True),
    "changes": (
        Said(
            "lista wpisów, np. {date: 2026-05-04, version: 3, note: …}",
            "a list of entries like {date: 2026-05-04, version: 3, note: …}",
        ),
        (list,),
        True,
    ),
}


def _load_meta(path: Path, yaml_text: str) -> dict:
    """The metadata mapping, each known key of its expected type. Anchors and aliases are
    refused before anything is built: an alias is how a few hundred bytes expand to gigabytes."""
    import yaml

    from deedgen.sheet.load import YAML12Loader

    try:
        # PyYAML's C parser with YAML 1.2 scalars: a library of ~100 files loads in ~50 ms
        for event in yaml.parse(yaml_text, Loader=YAML12Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                where = Location(file=str(path), line=event.start_mark.line + 2)
                raise clause_error("yaml_alias", where)
        tree = yaml.compose(yaml_text, Loader=YAML12Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        where = Location(file=str(path), line=line)
        raise clause_error(
            "invalid_metadata", where, problem=getattr(exc, "problem", exc)
        ) from None
    if tree is None:
        return {}
    if not isinstance(tree, yaml.MappingNode):
        raise clause_error("metadata_lines", Location(file=str(path), line=2))
    return _meta_from_tree(path, tree)


def _meta_from_tree(path: Path, tree) -> dict:
    """Plain metadata from the top mapping node: plain keys, each once, values type-checked."""
    import yaml

    from deedgen.sheet.load import YAML12Loader

    constructor = YAML12Loader("")
    meta: dict = {}
    for key_node, value_node in tree.value:
        where = Location(file=str(path), line=key_node.start_mark.line + 2)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise clause_error("metadata_plain_keys", where)
        key = str(key_node.value)
        if key in meta:
            raise clause_error("metadata_twice", where, key=key)
        try:
            value = constructor.construct_object(value_node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", exc)
            raise clause_error("metadata_value", where, key=key, problem=problem) from None
        _check_type(key, value, where)
        meta[key] = value
    return meta


def _check_type(key: str, value, where: Location) -> None:
    """Refuse a known key whose value is of the wrong type, saying what was expected."""
    if key not in _EXPECTED:
        return
    expected, types, optional = _EXPECTED[key]
    if value is None and optional:
        return
    fits = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if fits and isinstance(value, list):
        item = dict if key == "changes" else str
        fits = all(isinstance(entry, item) for entry in value)
    if not fits:
        raise clause_error("metadata_type", where, key=key, expected=expected, found=_kind(value))


def _kind(value) -> Said:
    """What a YAML value is, in words (for 'expected …, found …')."""
    if value is None:
        return Said("nic", "nothing")
    if isinstance(value, bool):
        return Said(
            f"wartość tak/nie ({str(value).lower()})", f"a yes/no value ({str(value).lower()})"
        )
    if isinstance(value, int | float):
        number = str(value).replace(".", ",")
        return Said(f"liczba {number}", f"the number {value}")
    if isinstance(value, list):
        return Said("lista", "a list")
    if isinstance(value, dict):
        return Said("słownik (klucz: wartość)", "a mapping")
    if isinstance(value, str):
        return Said(f"tekst „{value}”", f"the text '{value}'")
    kind = type(value).__name__
    return Said(f"wartość typu {kind} ({value})", f"a {kind} value ({value})")


def meta_line(path: str | Path, key: str, default: int = 2) -> int:
    """The line of metadata *key* in a clause file (for error locations); *default* if absent."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return default
    pattern = re.compile(rf"{re.escape(key)}\s*:")
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        if pattern.match(line):
            return number
    return default
