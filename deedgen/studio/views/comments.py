"""Mentors' remarks on a coalition: written by the region's mentor (or the operator), read by
everyone who may open the coalition. Kept in the accounts database, so only when hosted."""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request


def comments_of(request: Request, coalition_id: str) -> list[tuple[str, str, str]] | None:
    """(when, who, text) for the coalition page, or None when the studio runs without accounts."""
    store = request.app.state.accounts
    if store is None:
        return None
    return [
        (dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M"), who, text)
        for at, who, text in store.comments(coalition_id)
    ]
