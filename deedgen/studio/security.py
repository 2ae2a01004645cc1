"""Safety of a studio on one machine: the Host header, the CSRF token, the size of a request.

- **Host**: a page of another site may make the browser resolve its own name to 127.0.0.1 (DNS
  rebinding); it still sends its own name as Host, so only loopback names are answered.
- **CSRF**: another page open in the same browser can post to 127.0.0.1 but cannot read the
  studio's pages, so it cannot know the token the server made at start; every state-changing
  request must carry it (form field ``csrf_token`` or header ``X-CSRF-Token``), and a request
  whose Origin is another site is refused before that.
- **Size**: a request body longer than the limit is refused while it is read.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_BODY_BYTES = 12 * 1024 * 1024  # an XLSX upload (10 MB at most) and its form around it
MAX_FORM_FIELDS = 20_000  # a 12-party sheet's form has ~600


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def is_loopback_host(host: str | None) -> bool:
    return bool(host) and _host_name(host.strip().lower()) in LOOPBACK_NAMES


class GuardMiddleware:
    """Refuse requests for another host name, cross-site state changes and oversized bodies."""

    def __init__(self, app, *, max_body: int = MAX_BODY_BYTES, hosts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = tuple(h.lower() for h in hosts)  # names served beyond the loopback (hosting)

    def _known(self, host: str | None) -> bool:
        return (
            is_loopback_host(host) or bool(host) and _host_name(host.strip().lower()) in self.hosts
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host")
        if not self._known(host):
            response = PlainTextResponse(
                f"Odmowa: studio odpowiada tylko pod adresem 127.0.0.1 lub localhost, "
                f"a żądanie przyszło pod nazwę „{host or '—'}” (ochrona przed DNS rebinding).",
                status_code=421,
            )
            return await response(scope, receive, send)
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin and origin != "null" and not self._known(urlsplit(origin).netloc):
                response = PlainTextResponse(
                    f"Odmowa: żądanie zmieniające dane przyszło z innej strony ({origin}).",
                    status_code=403,
                )
                return await response(scope, receive, send)
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.max_body:
                return await _too_large(self.max_body)(scope, receive, send)
            receive = _bounded(receive, self.max_body)
        return await self.app(scope, receive, send)


def _too_large(limit: int) -> PlainTextResponse:
    return PlainTextResponse(
        f"Odmowa: przesłane dane są za duże (limit {limit // (1024 * 1024)} MB).",
        status_code=413,
    )


def _bounded(receive, limit: int):
    seen = 0

    async def bounded():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(
                    413, f"przesłane dane są za duże (limit {limit // (1024 * 1024)} MB)"
                )
        return message

    return bounded


async def checked_form(request: Request) -> FormData:
    """The posted form, after the CSRF token was checked (403 without the right token)."""
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=1, max_part_size=MAX_BODY_BYTES)
    sent = request.headers.get("x-csrf-token") or form.get("csrf_token") or ""
    expected = request.scope.get("deedgen.csrf", request.app.state.csrf_token)
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        await form.close()
        raise HTTPException(
            403,
            "Odmowa: brak lub błędny token bezpieczeństwa (CSRF). Odśwież stronę studia i spróbuj ponownie.",
        )
    return form
