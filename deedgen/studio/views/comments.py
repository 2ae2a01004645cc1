"""Mentors' remarks on a coalition: written by the region's mentor (or the operator), read by
everyone who may open the coalition. Kept in the accounts database, so only when hosted."""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse

from deedgen.studio.auth.store import AccountError
from deedgen.studio.security import checked_form


def comments_of(request: Request, coalition_id: str) -> list[tuple[str, str, str]] | None:
    """(when, who, text) for the coalition page, or None when the studio runs without accounts."""
    store = request.app.state.accounts
    if store is None:
        return None
    return [
        (dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M"), who, text)
        for at, who, text in store.comments(coalition_id)
    ]


async def comment(request: Request):
    from deedgen.studio.views.coalition import form_page

    coalition = request.app.state.studio.workspace.coalition(request.path_params["cid"])
    form = await checked_form(request)
    account = request.scope["deedgen.account"]
    try:
        request.app.state.accounts.add_comment(
            account.name, coalition.id, str(form.get("text") or "")
        )
    except AccountError as error:
        return await form_page(request, comment_error=error.message, comment_text=form.get("text"))
    url = request.url_for("coalition", cid=coalition.id)
    return RedirectResponse(f"{url}#uwagi", status_code=303)
