"""The endings of enumeration items: ``;`` between punkty, ``,`` between litery, the parent's
ending after the last item; an abbreviation keeps its full stop."""

from __future__ import annotations

import re

ABBREVIATION_END = re.compile(
    r"(?:\b(?:r|ust|pkt|lit|nr|np|tj|itd|itp|ok|godz|im|al|ul|os|zł|gr|tzw|m\.in|j\.s\.t)\.)$"
)


def punctuate(text: str, ending: str) -> str:
    """Give an enumeration item its ending; the author's own final ; , . are replaced."""
    text = text.rstrip()
    if ABBREVIATION_END.search(text):
        return text if ending == "." else text + ending
    text = _FINAL_MARKS.sub("", text).rstrip()
    return text + ending


_FINAL_MARKS = re.compile(r"[;,.]+$")
