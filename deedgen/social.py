"""What makes an action a *social action*: one the funding rules count, the templates list and the
reports total. One definition, so that the sheet report, the documents and the compliance check
never disagree about the same action."""

from __future__ import annotations

from collections.abc import Mapping


def is_social_action(action: Mapping) -> bool:
    """True when *action* addresses a social problem: its ``problem`` is filled in (text that is
    only white space does not count)."""
    return bool((action.get("problem") or "").strip())
