"""Lint a clause's text as a legal text: its structure lines (``ust.``/``pkt.``/…) and anchors,
its cross-references (``§[id#anchor]``) and fallback, and its language variants.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from deedgen.clauses.findings import ERROR, WARNING, clause_finding
from deedgen.clauses.front_matter import meta_line
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.messages import Said, said
from deedgen.clauses.model import Clause, ClauseText
from deedgen.document import ANNEXES
from deedgen.exceptions import ClauseError, Problem

_MARKER_LINE = re.compile(r"^(ust|pkt|lit|tir|wsp)\.(\[[^\]]*\]?)?(.?)")
_NEAR_MARKER = re.compile(r"^(ust|pkt|lit|tir|wsp)(\)|:|\s+\S)")
_REFERENCE = re.compile(r"§\[([^\]#]*)(?:#([^\]]*))?\]")
_REFERENCE_OK = re.compile(r"[a-z0-9_.]+")
_ANCHOR_OK = re.compile(r"[A-Za-z0-9_\-]+")
_CONTROL_LINE = re.compile(r"^\s*(\{%.*%\}|\{#.*#\})\s*$")
_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def without_comments(body: str) -> str:
    """*body* with ``{# … #}`` comments blanked out, line breaks kept (lines stay true)."""
    return _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)


def static_anchors(body: str) -> tuple[set[str], bool]:
    """Anchors a body defines statically, and whether some anchor is built by template code."""
    anchors, dynamic = set(), False
    for line in without_comments(body).split("\n"):
        match = _MARKER_LINE.match(line.strip())
        if match and match.group(2):
            inside = match.group(2)[1:].rstrip("]")
            if "{" in inside:
                dynamic = True
            else:
                anchors.add(inside)
    return anchors, dynamic


def _exclusive(a: tuple, b: tuple) -> bool:
    """Two positions (tuples of (if-block, branch)) in different branches of one if-block."""
    branches = dict(a)
    return any(block in branches and branches[block] != branch for block, branch in b)


def structure_findings(clause: Clause, text: ClauseText) -> list[Problem]:
    scan = _StructureScan(clause, text)
    for offset, raw in enumerate(without_comments(text.body).split("\n")):
        scan.line(raw, text.body_line + offset)
    return scan.findings


class _StructureScan:
    """The structure lines of one text, read in order: which markers are open (ust. → pkt. →
    lit. → tir., closed by wsp.), the anchors seen, and the if-blocks around each line (an anchor
    may repeat in branches that exclude each other)."""

    def __init__(self, clause: Clause, text: ClauseText) -> None:
        self.clause, self.text = clause, text
        self.findings: list[Problem] = []
        self.have_ust = self.have_pkt = self.have_lit = self.closed = False
        self.anchors: dict[str, list[tuple[int, tuple]]] = {}
        self.branch_stack: list[list[int]] = []  # open if-blocks: [block number, branch number]
        self.blocks = 0

    def add(self, message: Said, line_no: int, severity: str = ERROR) -> None:
        self.findings.append(
            clause_finding("structure", message, self.text.path, line_no, self.clause, severity)
        )

    def line(self, raw: str, line_no: int) -> None:
        line = raw.strip()
        self.track_branches(raw)
        if not line or _CONTROL_LINE.match(line):
            return
        match = _MARKER_LINE.match(line)
        if not match:
            near = _NEAR_MARKER.match(line)
            if near:
                found = f"{near.group(1)}{near.group(2).strip()}"
                self.add(said("near_marker", found=found, kind=near.group(1)), line_no, WARNING)
            elif not self.have_ust:
                self.have_ust = True
            return
        kind, bracket, after = match.group(1), match.group(2), match.group(3)
        if bracket is not None and not self.anchor(kind, bracket, line_no):
            return
        if after and not after.isspace():
            self.add(said("marker_space", kind=kind, after=after), line_no)
        self.marker(kind, line_no)

    def track_branches(self, raw: str) -> None:
        for tag in re.finditer(r"\{%-?\s*(if|elif|else|endif)\b", raw):
            if tag.group(1) == "if":
                self.blocks += 1
                self.branch_stack.append([self.blocks, 0])
            elif tag.group(1) == "endif":
                if self.branch_stack:
                    self.branch_stack.pop()
            elif self.branch_stack:
                self.branch_stack[-1][1] += 1

    def anchor(self, kind: str, bracket: str, line_no: int) -> bool:
        """Check a marker's ``[anchor]``; False when it is not closed (the line is not read on)."""
        inside = bracket[1:]
        if not inside.endswith("]"):
            self.add(said("anchor_unclosed", kind=kind), line_no)
            return False
        inside = inside[:-1]
        if "{" in inside:  # a computed anchor: known only when rendered
            return True
        if not _ANCHOR_OK.fullmatch(inside):
            self.add(said("anchor_characters", anchor=inside), line_no)
            return True
        here = tuple(tuple(x) for x in self.branch_stack)
        clash = next(
            (n for n, where in self.anchors.get(inside, []) if not _exclusive(here, where)), None
        )
        if clash is not None:
            self.add(said("anchor_twice", anchor=inside, line=clash), line_no)
        self.anchors.setdefault(inside, []).append((line_no, here))
        return True

    def marker(self, kind: str, line_no: int) -> None:
        """A marker in its place: pkt. within ust., lit. within pkt., tir. within lit."""
        if kind == "ust":
            self.have_ust, self.have_pkt, self.have_lit, self.closed = True, False, False, False
        elif kind == "pkt":
            if self.closed:
                self.add(said("pkt_after_wsp"), line_no)
            self.have_ust, self.have_pkt, self.have_lit = True, True, False
        elif kind == "lit":
            if not self.have_pkt or self.closed:
                self.add(said("lit_outside_pkt"), line_no)
            self.have_lit = True
        elif kind == "tir":
            if not self.have_lit or self.closed:
                self.add(said("tir_outside_lit"), line_no)
        elif kind == "wsp":
            if not self.have_pkt:
                self.add(said("wsp_without_pkt"), line_no)
            self.closed, self.have_pkt, self.have_lit = True, False, False


def reference_findings(clause: Clause, text: ClauseText, library: ClauseLibrary) -> list[Problem]:
    findings = []
    for offset, line in enumerate(without_comments(text.body).split("\n")):
        for match in _REFERENCE.finditer(line):
            line_no = text.body_line + offset
            findings += [
                clause_finding(code, message, text.path, line_no, clause, severity)
                for code, message, severity in _reference_problems(clause, text, library, match)
            ]
    return findings


def _reference_problems(clause: Clause, text: ClauseText, library: ClauseLibrary, match):
    """(code, message, severity) for one ``§[id#anchor]`` of *text*."""
    target_id, anchor = match.group(1), match.group(2)
    written = match.group(0)
    if not _REFERENCE_OK.fullmatch(target_id) or (
        anchor is not None and not _ANCHOR_OK.fullmatch(anchor)
    ):
        yield "reference", said("reference_form", written=written), ERROR
        return
    target = library.clauses.get(target_id)
    if target is None:
        removal = library.removed.get(target_id)
        message = (
            said("reference_removed", written=written, target=target_id, path=removal.path)
            if removal
            else said("reference_missing", written=written, target=target_id)
        )
        yield "reference", message, ERROR
        return
    if not set(target.documents) & set(clause.documents) and not _to_declaration(
        clause, target, anchor
    ):
        documents = ", ".join(target.documents)
        message = said(
            "reference_elsewhere", written=written, target=target_id, documents=documents
        )
        yield "reference", message, WARNING
    if anchor is not None:
        target_text = target.texts.get(text.lang) or target.texts["pl"]
        anchors, dynamic = static_anchors(target_text.body)
        if anchor not in anchors and not dynamic:
            known = ", ".join(sorted(anchors)) or said("none")
            message = said(
                "reference_anchor",
                written=written,
                target=target_id,
                path=target_text.path,
                anchor=anchor,
                known=known,
            )
            yield "anchor", message, ERROR


def _to_declaration(clause: Clause, target: Clause, anchor: str | None) -> bool:
    """An annex's reference to a § of the declaration (no anchor): it prints the declaration's
    number („§ 2 Deklaracji”)."""
    annexes = set(clause.documents) <= set(ANNEXES)
    return annexes and anchor is None and "declaration" in target.documents


def language_findings(clause: Clause, *, check_saved_times: bool = False) -> list[Problem]:
    """The language variants: present, same anchors, translation reviewed; *check_saved_times*
    (overlays: files a mentor saves by hand) also compares when each file was saved."""
    findings = []
    pl = clause.texts["pl"]
    if "en" not in clause.texts:
        name = Path(pl.path).name.replace(".pl.txt", ".en.txt")
        findings.append(
            clause_finding(
                "language",
                said("no_english", name=name),
                pl.path,
                meta_line(pl.path, "id"),
                clause,
                WARNING,
            )
        )
        return findings
    en = clause.texts["en"]
    pl_anchors, pl_dynamic = static_anchors(pl.body)
    en_anchors, en_dynamic = static_anchors(en.body)
    if not (pl_dynamic or en_dynamic) and pl_anchors != en_anchors:
        diff = sorted(pl_anchors ^ en_anchors)
        findings.append(
            clause_finding(
                "anchor",
                said("anchors_differ", anchors=", ".join(diff)),
                en.path,
                en.body_line,
                clause,
            )
        )
    review = _pending_review(en.path)
    if not review and check_saved_times:
        findings += _stale_translation(clause, pl, en)
    if review:
        findings.append(
            clause_finding(
                "translation-review",
                said("translation_review", version=review),
                en.path,
                meta_line(en.path, "changes"),
                clause,
                WARNING,
            )
        )
    return findings


# How much later a Polish file must be saved than its English one to count as newer: a copy or a
# checkout writes both within seconds, a mentor's edit comes minutes or days later.
STALE_AFTER_SECONDS = 60


def _stale_translation(clause: Clause, pl: ClauseText, en: ClauseText) -> list[Problem]:
    """The Polish file saved after the English one (by hand, not through ``clause edit``, which
    flags the translation itself): the English text may now be older."""
    try:
        pl_time, en_time = Path(pl.path).stat().st_mtime, Path(en.path).stat().st_mtime
    except OSError:
        return []
    if pl_time - en_time <= STALE_AFTER_SECONDS:
        return []

    def when(seconds: float) -> str:
        return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")

    message = said(
        "translation_stale",
        en=Path(en.path).name,
        en_time=when(en_time),
        pl=Path(pl.path).name,
        pl_time=when(pl_time),
        version=clause.version,
    )
    return [
        clause_finding(
            "translation-stale", message, en.path, meta_line(en.path, "version"), clause, WARNING
        )
    ]


def _pending_review(path: str):
    from deedgen.clauses.front_matter import read_text, split_front_matter

    try:
        text = read_text(Path(path))[1]
        if "review" not in text:
            return None
        meta, _, _ = split_front_matter(Path(path), text)
    except ClauseError:
        return None
    changes = meta.get("changes") or []
    last = changes[-1] if isinstance(changes, list) and changes else None
    if isinstance(last, dict) and last.get("review"):
        return last.get("version", "?")
    return None
