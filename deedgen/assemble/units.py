"""Rendered clause text (structure lines ``ust.``, ``pkt.``, ``lit.``, ``tir.``, ``wsp.``) parsed
into a tree of ustępy, each with its punkty, litery and tirets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deedgen.clauses.messages import clause_error
from deedgen.clauses.model import Clause
from deedgen.exceptions import Location
from deedgen.templating import unmark

MARKER = re.compile(r"^(ust|pkt|lit|tir|wsp)\.(?:\[([A-Za-z0-9_\-\ue000\ue001]+)\])?(?:\s+|$)(.*)$")


@dataclass
class Node:
    kind: str  # "ust", "pkt", "lit", "tir"
    text: str = ""
    anchor: str | None = None
    children: list[Node] = field(default_factory=list)
    closing: str | None = None  # część wspólna (ust only)


def parse_units(text: str, clause: Clause, lang: str) -> list[Node]:
    """Turn rendered clause text (structure lines) into a tree of ustępy."""
    where = Location(file=clause.text(lang).path)
    usts: list[Node] = []
    stack: list[Node] = []  # the currently open ust / pkt / lit / tir
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        match = MARKER.match(line) if not line.startswith("\ue000") else None
        if not match:
            if not stack:
                node = Node("ust", line)
                usts.append(node)
                stack = [node]
            else:
                target = stack[-1]
                if target.kind == "ust" and target.closing is not None:
                    target.closing = f"{target.closing} {line}"
                else:
                    target.text = f"{target.text} {line}".strip()
            continue
        kind, rest = match.group(1), match.group(3).strip()
        anchor = unmark(match.group(2)) if match.group(2) else None  # may be built in a loop
        if kind == "ust":
            node = Node("ust", rest, anchor)
            usts.append(node)
            stack = [node]
        elif kind == "wsp":
            if not stack or not stack[0].children:
                raise clause_error("build_wsp_alone", where, clause=clause.id, line=_quoted(line))
            stack[0].closing = rest
            stack = stack[:1]
        else:
            parent_kind = {"pkt": "ust", "lit": "pkt", "tir": "lit"}[kind]
            if kind == "pkt" and not stack:
                implicit = Node("ust", "")
                usts.append(implicit)
                stack = [implicit]
            depth = ["ust", "pkt", "lit", "tir"].index(parent_kind)
            if len(stack) <= depth or stack[depth].kind != parent_kind:
                raise clause_error(
                    "build_marker_parent", where, clause=clause.id, kind=kind,
                    parent=parent_kind, line=_quoted(line),
                )  # fmt: skip
            parent = stack[depth]
            if parent.kind == "ust" and parent.closing is not None:
                raise clause_error(
                    "build_pkt_after_wsp", where, clause=clause.id, line=_quoted(line)
                )
            node = Node(kind, rest, anchor)
            parent.children.append(node)
            stack = [*stack[: depth + 1], node]
    return usts


def _quoted(line: str) -> str:
    return f"„{unmark(line)}”"
