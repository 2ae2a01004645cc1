"""Which characters a partner sheet may carry into a legal document.

Decided once, at the sheet's boundary, per class of character:

- refused, with the cell: control characters (they made the DOCX XML not well-formed, or a
  new paragraph), bidirectional overrides and isolates (they make the text read differently
  from what it holds) and private-use characters (deedgen's own markers among them);
- removed, with a warning at the cell: zero-width characters and the byte-order mark, which
  nobody types on purpose (they come with pasted text) and which make two names that look the
  same differ;
- composed (NFC): a letter and its combining accent become the one letter Polish text uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls (tab and line breaks fold away)
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ue000-\uf8ff\U000f0000-\U0010ffff"  # private use
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates and non-characters
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

_KINDS = {
    "Cc": ("znak sterujący", "a control character"),
    "Cf": ("znak zmiany kierunku pisma", "a text-direction character"),
    "Co": ("znak z obszaru prywatnego", "a private-use character"),
}


def refused_character(text: str) -> dict | None:
    """The first character *text* may not carry, as message parameters, or None."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    char = found.group()
    pl, en = _KINDS.get(unicodedata.category(char), ("niedozwolony znak", "a forbidden character"))
    return {"char": f"U+{ord(char):04X}", "kind": pl, "kind_en": en, "position": found.start() + 1}


def normalised(text: str) -> str:
    """*text* without zero-width characters, in composed form (NFC)."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


_INVISIBLE_NAMES = {
    "\u200b": "spacja zerowej szerokości / zero width space",
    "\u200c": "rozdzielacz zerowej szerokości / zero width non-joiner",
    "\u200d": "łącznik zerowej szerokości / zero width joiner",
    "\u2060": "łącznik słów / word joiner",
    "\ufeff": "znacznik kolejności bajtów / byte order mark",
}


def invisible_characters(data, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(data path, message parameters) of each text in *data* holding an invisible character
    that :func:`normalised` removes, so that the user hears of it at the cell."""
    if isinstance(data, str):
        found = _INVISIBLE.search(data)
        if found is not None:
            char = found.group()
            yield (
                path,
                {
                    "char": f"U+{ord(char):04X}",
                    "name": _INVISIBLE_NAMES[char],
                    "position": found.start() + 1,
                    "count": len(_INVISIBLE.findall(data)),
                },
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from invisible_characters(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from invisible_characters(value, (*path, index))
