"""The Typst renderer's input: an assembled document turned into plain JSON-able data.

Partner data never becomes Typst markup. The style file reads this data from ``sys.inputs`` with
``json(…)`` and places every value as a string, which Typst shows as text and never parses, so a
party named ``#sys.exit() $x$ *b* <a> @ref`` prints exactly so. The values are the DOCX
renderer's (:func:`deedgen.render.docx.template_values`), so both engines print the same words.

Justified text (the units of the §§) is split into segments so the style can keep proper names
unhyphenated and identifiers (NIP, REGON, KRS, PESEL numbers with their label) on one line:
a segment is a plain string, ``{"n": name}`` or ``{"i": identifier}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from deedgen.document import AssembledDocument, Signatory
from deedgen.render.docx import document_properties, template_values

EXTRA_LABELS = {
    "pl": {"date": "(data)"},
    "en": {"date": "(date)"},
}
IDENTIFIER = re.compile(r"\b(?:NIP|REGON|KRS|PESEL):?[ \u00a0]\d[\d-]*\d")
# the keys of template_values whose rows are justified text with names in them
SEGMENTED_BLOCKS = ("blocks",)


def proper_names(context: dict) -> list[str]:
    """Every proper name the sheet gives: coalition, gmina, parties (full and short names), the
    people in them, the treasurer and the mentor with the mentor's library."""
    names = [context["coalition"]["name"], context["gmina"]["name"]]
    for party in context["parties"]:
        names += [party["name"], party["short_name"]]
        names += [r["name"] for r in party["representatives"]]
    names += [m["name"] for m in context["team"]]
    for person in (context.get("treasurer"), context.get("mentor")):
        names += [person.get(key) for key in ("name", "library")] if person else []
    return sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)


class Segmenter:
    """Splits text into plain runs, proper names and identifiers (see the module docstring)."""

    def __init__(self, names: Iterable[str]) -> None:
        alternatives = [IDENTIFIER.pattern] + [re.escape(n) for n in names]
        self._pattern = re.compile("|".join(f"(?:{a})" for a in alternatives))

    def split(self, text: str) -> list[str | dict]:
        parts: list[str | dict] = []
        last = 0
        for match in self._pattern.finditer(text):
            if match.start() > last:
                parts.append(text[last : match.start()])
            value = match.group(0)
            parts.append({"i": value} if IDENTIFIER.fullmatch(value) else {"n": value})
            last = match.end()
        if last < len(text):
            parts.append(text[last:])
        return parts


def signature_rows(signatories: Sequence[Signatory]) -> list[dict]:
    """The parties of the signature block, each with its lines; the treasurer's countersignature
    goes directly under the lines of the party it countersigns for (the gmina's executive).
    ``index`` is the signatory's place in ``signatories``: the order of the signature fields."""
    parties: dict[str, dict] = {}
    for index, signatory in enumerate(signatories):
        party = parties.setdefault(
            signatory.party_id, {"name": signatory.party_name, "lines": [], "counter": []}
        )
        line = {"index": index, "person": f"{signatory.person}, {signatory.function}"}
        party["counter" if signatory.role == "countersignature" else "lines"].append(line)
    return list(parties.values())


def document_model(
    document: AssembledDocument, *, draft: bool = False, findings: Sequence[str] = ()
) -> dict:
    """The data one document is typeset from (JSON-able: strings, numbers, lists, dicts)."""
    values = template_values(document, draft=draft, findings=findings)
    segmenter = Segmenter(proper_names(document.context))
    for key in SEGMENTED_BLOCKS:
        values[key] = [dict(b, text=segmenter.split(b["text"])) for b in values[key]]
    values["slots"] = dict(values["slots"])
    props = document_properties(document)
    labels = dict(values.pop("L"), **EXTRA_LABELS[document.lang])
    return {
        **{k: v for k, v in values.items() if k not in ("signature_parties", "countersignature")},
        "kind": document.kind,
        "lang": document.lang,
        "labels": labels,
        "signatures": signature_rows(document.signatories),
        "meta": {
            "title": props["title"],
            "author": props["creator"],
            "subject": props["subject"],
            "keywords": list(props["keywords"]),
            "date": props["date"].isoformat(),
        },
    }
