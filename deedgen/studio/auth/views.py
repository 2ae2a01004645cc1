"""Login, logout, the operator's accounts page and the audit log."""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse

from deedgen.studio import render
from deedgen.studio.auth.middleware import COOKIE
from deedgen.studio.auth.policy import ACTION_LABELS
from deedgen.studio.auth.store import AccountError
from deedgen.studio.security import checked_form


def _store(request: Request):
    return request.app.state.accounts


def _cookie_path(request: Request) -> str:
    return request.scope.get("root_path") or "/"


def _home_path(request: Request) -> str:
    return request.url_for("home").path  # under --root-path, the prefix and "/"


async def login_page(request: Request):
    nxt = request.query_params.get("dalej", _home_path(request))
    return render.page(request, "auth_login.html", title="Logowanie", next=nxt, error=None)


async def login_submit(request: Request):
    form = await checked_form(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    nxt = str(form.get("dalej") or _home_path(request))
    address = request.client.host if request.client else "?"
    store = _store(request)
    if store.rate_limited(f"account:{name}", f"address:{address}"):
        error, status = "Zbyt wiele nieudanych prób logowania. Spróbuj za 15 minut.", 429
    else:
        token = store.login(name, password, address=address)
        if token:
            store.audit(name, "login", "")
            safe = nxt.startswith("/") and not nxt.startswith(("//", "/\\"))  # never another site
            target = nxt if safe else _home_path(request)
            response = RedirectResponse(str(request.url_for("home").replace(path=target)), 303)
            response.set_cookie(
                COOKIE,
                token,
                httponly=True,
                samesite="strict",
                secure=request.app.state.secure_cookies,
                path=_cookie_path(request),
            )
            return response
        error, status = "Błędna nazwa konta lub hasło (albo konto jest wyłączone).", 401
    return render.page(
        request, "auth_login.html", status_code=status, title="Logowanie", next=nxt, error=error
    )


async def logout(request: Request):
    await checked_form(request)
    account = request.scope["deedgen.account"]
    _store(request).end_sessions(account.name)  # logout everywhere
    response = RedirectResponse(str(request.url_for("login")), 303)
    response.delete_cookie(COOKIE, path=_cookie_path(request))  # the path it was set with
    return response


async def accounts_page(request: Request, error: str | None = None, status_code: int = 200):
    return render.page(
        request,
        "auth_accounts.html",
        status_code=status_code,
        title="Konta",
        accounts=_store(request).accounts(),
        error=error,
    )


async def account_add(request: Request):
    form = await checked_form(request)
    coalitions = [c.strip() for c in str(form.get("coalitions", "")).split(",") if c.strip()]
    password = str(form.get("password", ""))
    if len(password) < 10:
        return await accounts_page(request, "Hasło musi mieć co najmniej 10 znaków.", 400)
    try:
        _store(request).add(str(form.get("name", "")), password, str(form.get("role")), coalitions)
    except AccountError as exc:
        return await accounts_page(request, exc.message, 400)
    return RedirectResponse(str(request.url_for("accounts")), 303)


async def account_disable(request: Request):
    await checked_form(request)
    try:
        _store(request).set_disabled(request.path_params["name"])
    except AccountError:
        return await accounts_page(request, "Nie ma takiego konta.", 404)
    return RedirectResponse(str(request.url_for("accounts")), 303)


async def audit_page(request: Request):
    entries = [
        (
            dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            who,
            ACTION_LABELS.get(action, action),
            subject,
            detail,
        )
        for at, who, action, subject, detail in _store(request).audit_log()
    ]
    return render.page(request, "auth_audit.html", title="Dziennik zmian", entries=entries)
