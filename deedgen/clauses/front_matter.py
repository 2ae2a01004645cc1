"""A clause file's text and its front matter: the file read as UTF-8 with LF line ends, the
``---``-delimited YAML metadata split from the body, and the line a metadata key is on.
"""

from __future__ import annotations

import re
from pathlib import Path

from deedgen.exceptions import ClauseError, Location


def read_text(path: Path) -> tuple[bytes, str]:
    """The raw bytes of a clause file and its text (UTF-8, BOM dropped, LF line ends)."""
    raw = path.read_bytes()
    try:
        return raw, raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ClauseError(
            "not UTF-8 text; save the clause as UTF-8", location=Location(file=str(path))
        ) from None


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Split ``---``-delimited YAML front matter from the body; return (meta, body, body_line)."""
    import yaml

    from deedgen.sheet.load import YAML12Loader

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ClauseError(
            "a clause file starts with a '---' line and its metadata",
            location=Location(file=str(path), line=1),
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ClauseError(
            "the metadata block is not closed by a '---' line",
            location=Location(file=str(path), line=1),
        ) from None
    try:
        # PyYAML's C parser with YAML 1.2 scalars: a library of ~100 files loads in ~50 ms
        meta = yaml.load("\n".join(lines[1:end]), Loader=YAML12Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise ClauseError(
            f"invalid metadata: {getattr(exc, 'problem', exc)}",
            location=Location(file=str(path), line=line),
        ) from None
    if not isinstance(meta, dict):
        raise ClauseError(
            "the metadata block must be 'key: value' lines",
            location=Location(file=str(path), line=2),
        )
    rest = lines[end + 1 :]
    leading_blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest).strip("\n")
    # Blank lines after the closing '---' are dropped: the body starts at its first text line.
    return meta, body, end + 2 + leading_blank


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
