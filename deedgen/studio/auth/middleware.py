"""The one place roles are enforced: every request is matched to its route and asked of
:func:`deedgen.studio.auth.policy.allowed` before any handler runs."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Match

from deedgen.studio.auth.policy import AUDITED, PUBLIC, allowed

COOKIE = "deedgen_session"


def _route_of(scope) -> tuple[str | None, dict]:
    for route in scope["app"].routes:
        match, child = route.matches(scope)
        if match == Match.FULL:
            return getattr(route, "name", None), child.get("path_params", {})
    return None, {}


class AccountsMiddleware:
    def __init__(self, app, *, store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        name, params = _route_of(scope)
        if name in PUBLIC:
            return await self.app(scope, receive, send)
        request = Request(scope)
        session = self.store.session(request.cookies.get(COOKIE))
        if session is None:
            if scope["method"] == "GET":
                target = request.url_for("login").include_query_params(dalej=request.url.path)
                return await RedirectResponse(str(target), 303)(scope, receive, send)
            response = PlainTextResponse("Sesja wygasła — zaloguj się ponownie.", 401)
            return await response(scope, receive, send)
        if name is None or not allowed(session.account, name, params):
            response = PlainTextResponse("Nie znaleziono.", 404)
            return await response(scope, receive, send)
        scope["deedgen.account"] = session.account
        scope["deedgen.csrf"] = session.csrf
        status = []

        async def send_noting(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, send_noting)
        if name in AUDITED and status and status[0] < 400:
            subject = params.get("cid") or params.get("clause_id") or ""
            detail = scope.get("deedgen.audit_detail", "")  # e.g. the versions a save went between
            self.store.audit(session.account.name, name, subject, detail)
