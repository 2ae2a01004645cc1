"""Lint the text the clauses produce, as a lawyer reads it: assemble every document of each sample
sheet and check its defined terms and its structure markers.

- ``defined-term``: a term defined twice in one document (error); a defined term used, with a
  capital, before its definition outside the ``head`` sections (error); a periphrasis of a
  defined term — „Gmina będąca Stroną”, „Plan działań Koalicji”, „mentor, o którym mowa w §…”
  (warning); an English document defining a Party by another term than the coalition's other
  English documents (warning).
- ``leaked-marker``: a structure marker (``ust.``, ``pkt.``…) printed in the text, the sign of a
  line ending in an inline block tag that swallowed the line break (error).

Each finding points at the clause file and the line that produced the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from deedgen.clauses.data_model import DataModel
from deedgen.clauses.findings import ERROR, WARNING, clause_problem
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.messages import Said, said
from deedgen.document import ANNEXES, DOCUMENT_ORDER, AssembledDocument, applies
from deedgen.exceptions import DeedgenError, Location, Problem

DEFINITION = {
    "pl": re.compile(r"(?:zwan\w+ dalej|– dalej:) „([^”]+)”"),
    "en": re.compile(r"(?:hereinafter|referred to as) (?:the |jointly )?“([^”]+)”"),
}
# Periphrases of the defined terms the library must not produce (legal review § 2).
PERIPHRASES = (
    re.compile(r"(?i)\b(?:gmin\w*|bibliotek\w* gminn\w*)\s+będąc\w*\s+Stron\w*"),
    re.compile(r"\bbiblioteka gminna – |\bgmina – Gmina "),
    re.compile(r"„?Plan\w* działań [Kk]oalicji”?"),
)
MARKERS = r"(?:ust|pkt|lit|tir|wsp)"
# "ust.[anchor]" anywhere, or a marker glued to what precedes it: „RODO”.ust. …; in English only
# after punctuation ("must. " and "trust. " end in "ust.").
LEAKED = {
    "pl": re.compile(rf"\b{MARKERS}\.\[|[^\s(]{MARKERS}\.\s"),
    "en": re.compile(rf"\b{MARKERS}\.\[|[.,;:”\")\]]{MARKERS}\.\s"),
}
# A template line that ends in a block tag without "+%}": trim_blocks eats the line break after it.
INLINE_BLOCK_END = re.compile(r"\S.*\{%-?\s*(?:endif|endfor|else|elif[^%]*)\s*-?%\}\s*$")
_ENDING = re.compile(r"(?:ami|em|om|ą|a|u|y|i|e|ę)$")


def term_findings(library: ClauseLibrary, model: DataModel) -> list[Problem]:
    """Assemble each sample's documents in each language and lint their text."""
    findings: list[Problem] = []
    for sheet, lang, context in model.samples:
        documents = _assemble(library, context, lang)
        sample = f"{Path(sheet).name}, {lang}"
        for document in documents.values():
            findings += _document_findings(document, library, lang, sample)
        if lang == "en":
            findings += _english_party_terms(documents, library, sample)
    return _first_of_each(findings)


def _assemble(library: ClauseLibrary, context: dict, lang: str) -> dict[str, AssembledDocument]:
    from deedgen.assemble.documents import assemble_document, declaration_numbers

    documents = {}
    for kind in (kind for kind in DOCUMENT_ORDER if applies(kind, context)):
        # an annex's references to the declaration's §§ print the declaration's numbers
        declaration = documents.get("declaration")
        outer = declaration_numbers(declaration) if declaration and kind in ANNEXES else None
        try:
            documents[kind] = assemble_document(kind, library, context, lang, outer=outer)
        except DeedgenError:  # a clause that does not render is the render check's finding
            continue
    return documents


def _units(document: AssembledDocument):
    """(section, text) of every unit in reading order. Titles are left out: a heading may name
    a term its first ustęp defines („Przedmiot Deklaracji”)."""
    for section in document.sections:
        for unit in section.units:
            yield section, unit.text


def _document_findings(document, library, lang: str, sample: str) -> list[Problem]:
    findings, defined = [], {}
    units = list(_units(document))
    for index, (section, text) in enumerate(units):
        clause = library.clauses.get(section.clause_id)
        if clause is None:
            continue
        where = said("where", document=document.title, sample=sample)
        for match in DEFINITION[lang].finditer(text):
            term = match.group(1)
            if term in defined:
                message = said("defined_twice", term=term, where=where)
                findings.append(
                    _finding(clause, lang, "defined-term", message, [re.escape(match.group())])
                )
            defined.setdefault(term, index)
        if LEAKED[lang].search(text):
            message = said("leaked_marker", where=where, around=_around(text, LEAKED[lang]))
            findings.append(
                _finding(clause, lang, "leaked-marker", message, [INLINE_BLOCK_END.pattern])
            )
        if lang == "pl":
            findings += _periphrases(clause, text, defined, where)
    findings += _used_before_definition(units, defined, library, lang, document.title, sample)
    return findings


def _periphrases(clause, text: str, defined: dict, where: Said) -> list[Problem]:
    found = []
    patterns = list(PERIPHRASES) + [
        re.compile(rf"\b{_stem(term).lower()}\w*, o któr\w+ mowa w §") for term in defined
    ]
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            message = said("periphrasis", found=match.group().strip(), where=where)
            patterns = [re.escape(match.group())]
            found.append(_finding(clause, "pl", "defined-term", message, patterns, WARNING))
    return found


def _used_before_definition(units, defined, library, lang, title, sample) -> list[Problem]:
    findings = []
    for term, at in defined.items():
        pattern = re.compile(rf"(?<![\w„“]){_stem(term)}\w*(?!\w)")
        for section, text in units[:at]:
            clause = library.clauses.get(section.clause_id)
            if clause is None or section.slot == "head":
                continue
            match = pattern.search(text)
            if match:
                message = said(
                    "used_before_definition",
                    found=match.group(),
                    term=term,
                    document=title,
                    sample=sample,
                )
                findings.append(_finding(clause, lang, "defined-term", message, [pattern.pattern]))
                break
    return findings


def _english_party_terms(documents: dict, library, sample: str) -> list[Problem]:
    """A Party (by its name) defined by different English terms in different documents."""
    seen: dict[str, tuple[str, str]] = {}
    findings = []
    for document in documents.values():
        parties = document.context.get("parties") or []
        for section, text in _units(document):
            match = DEFINITION["en"].search(text)
            head = text.replace("\u00a0", " ").split(", ", 1)[0]  # "Gmina X – Szkoła Y": the school
            named = [p for p in parties if match and p["name"] in head]
            if not named:
                continue
            party = max(named, key=lambda p: len(p["name"]))
            term = match.group(1)
            first = seen.setdefault(party["name"], (term, document.title))
            other_document = first[1] != document.title  # one name twice: duplicate_party's job
            if (
                other_document
                and first[0] != term
                and (clause := library.clauses.get(section.clause_id))
            ):
                message = said(
                    "party_terms",
                    party=party["name"],
                    term=term,
                    document=document.title,
                    first=first[0],
                    first_document=first[1],
                    sample=sample,
                )
                patterns = ["hereinafter"]
                findings.append(_finding(clause, "en", "defined-term", message, patterns, WARNING))
    return findings


def _stem(term: str) -> str:
    """The first word of *term* without its case ending, as a pattern that matches the other
    cases ("Zespołem" → "Zesp[oó]ł"), the rest literally ("Planem działań" → "Plan\\w* działań")."""
    first, *rest = term.split(" ")
    stem = _ENDING.sub("", first) if len(first) > 4 else first
    head = re.escape(stem[:-2]) + re.escape(stem[-2:]).replace("o", "[oó]")
    return head + "".join(rf"\w*\ {re.escape(word)}" for word in rest)


def _around(text: str, pattern: re.Pattern) -> str:
    match = pattern.search(text)
    return text[max(0, match.start() - 15) : match.end() + 15]


def _finding(
    clause, lang: str, code: str, message: Said, patterns, severity: str = ERROR
) -> Problem:
    """A finding at the first line of *clause*'s *lang* file that matches one of *patterns*
    (else the first line of its body)."""
    text = clause.text(lang)
    lines = text.body.splitlines()
    line = text.body_line
    for pattern in patterns:
        hit = next((i for i, src in enumerate(lines) if re.search(pattern, src)), None)
        if hit is not None:
            line = text.body_line + hit
            break
    location = Location(file=text.path, line=line)
    return clause_problem(code, message, location, severity, clause.id)


def _first_of_each(findings: list[Problem]) -> list[Problem]:
    """One finding per place and kind: the same text fails on every sample sheet."""
    out, seen = [], set()
    for finding in findings:
        key = (finding.code, finding.location, finding.message().split(" (")[0])
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
