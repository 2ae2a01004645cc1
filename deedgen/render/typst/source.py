"""The Typst renderer's input: an assembled document turned into plain JSON-able data.

Partner data never becomes Typst markup. The style file's ``typeset`` reads this data with
``json(…)`` (:mod:`deedgen.render.typst.compile`) and places every value as a string, which Typst shows as text and never parses, so a
party named ``#sys.exit() $x$ *b* <a> @ref`` prints exactly so. The values are the DOCX
renderer's (:func:`deedgen.render.template_values.template_values`), so both engines print the
same words.

Justified text (the units of the §§ and the plan's and forms' intros) is split into segments so
the style can keep proper names unhyphenated and identifiers (NIP, REGON, KRS, PESEL numbers with
their label), numeric ranges and provisions on one line: a segment is a plain string,
``{"n": name}`` or ``{"i": piece}``. Table values get only the unbreakable pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from deedgen.document import AssembledDocument, Signatory
from deedgen.polish import UNBREAKABLE
from deedgen.render.docx import document_properties
from deedgen.render.template_values import template_values

UNBREAKABLE_STARTS = r"NRKP\d"  # the first character of anything UNBREAKABLE matches
# the values of template_values printed in tables (not justified: only kept together)
TABLE_VALUES = ("contributions", "team", "actions", "calendar", "promotion", "quarterly", "annual")


def proper_names(context: dict) -> list[str]:
    """Every proper name the sheet gives: coalition, its place, gmina, parties (full and short
    names, street and town), the people in them with their functions (which name places:
    „Burmistrz Brzezin Nowych”), the treasurer and the mentor with the mentor's library."""
    names = [
        context["coalition"]["name"],
        context["coalition"].get("place"),
        context["gmina"]["name"],
    ]
    for party in context["parties"]:
        names += [party["name"], party["short_name"]]
        names += [party["address"].get(key) for key in ("street", "city")]
        names += [r.get(key) for r in party["representatives"] for key in ("name", "function")]
    names += [m["name"] for m in context["team"]]
    names += list((context.get("evaluation") or {}).get("recipients") or [])  # bodies, by name
    for person in (context.get("treasurer"), context.get("mentor")):
        names += [person.get(key) for key in ("name", "function", "library")] if person else []
    return sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)


class Segmenter:
    """Splits text into plain runs, proper names and unbreakable pieces (module docstring)."""

    def __init__(self, names: Iterable[str]) -> None:
        names = list(names)
        alternatives = [UNBREAKABLE.pattern] + [re.escape(n) for n in names]
        # every match starts with one of these characters: checking for one first lets the
        # regex skip a position without trying each name there (halves the time of a split)
        starts = "".join(sorted({re.escape(n[0]) for n in names})) + UNBREAKABLE_STARTS
        either = "|".join(f"(?:{a})" for a in alternatives)
        self._pattern = re.compile(f"(?=[{starts}])(?:{either})")

    def split(self, text: str) -> list[str | dict]:
        return _split(self._pattern, text)


def _split(pattern: re.Pattern, text: str) -> list[str | dict]:
    parts: list[str | dict] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            parts.append(text[last : match.start()])
        value = match.group(0)
        parts.append({"i": value} if UNBREAKABLE.fullmatch(value) else {"n": value})
        last = match.end()
    if last < len(text):
        parts.append(text[last:])
    return parts


def kept_together(value):
    """*value* (a string, or lists and dicts of them) with its unbreakable pieces marked; a
    string without any stays a string."""
    if isinstance(value, str):
        return _split(UNBREAKABLE, value) if UNBREAKABLE.search(value) else value
    if isinstance(value, dict):
        return {k: kept_together(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [kept_together(v) for v in value]
    return value


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
    values["blocks"] = [dict(b, text=segmenter.split(b["text"])) for b in values["blocks"]]
    values["slots"] = {
        slot: [dict(b, text=segmenter.split(b["text"])) for b in blocks]
        for slot, blocks in values["slots"].items()
    }
    for key in TABLE_VALUES:
        if key in values:
            values[key] = kept_together(values[key])
    props = document_properties(document)
    labels = values.pop("L")
    return {
        **{k: v for k, v in values.items() if k not in ("signature_parties", "countersignature")},
        "kind": document.kind,
        "lang": document.lang,
        "labels": labels,
        "table_labels": kept_together(labels),
        "signatures": signature_rows(document.signatories),
        "meta": {
            "title": props["title"],
            "author": props["creator"],
            "subject": props["subject"],
            "keywords": list(props["keywords"]),
            "date": props["date"].isoformat(),
        },
    }
