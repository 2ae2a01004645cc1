"""Rendering pages: the Jinja environment (autoescaped) and the error pages."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from deedgen.polish import UNBREAKABLE
from deedgen.studio.auth.policy import may_open
from deedgen.studio.form import field_id

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates are files of this package: read once per process
)
_env.filters["field_id"] = field_id

# kept on one line in the preview, as the documents keep them: what the Typst renderer keeps
# together (an identifier with its label, a numeric range, a provision) and a postal code, which
# Chromium breaks after its hyphen („26-” / „006”); with the punctuation after it, which a line
# must not begin with
KEPT = re.compile(rf"(?:{UNBREAKABLE.pattern}|\b\d{{2}}-\d{{3}}\b)[,.;:)]?")


def kept_together(text) -> Markup:
    """*text*, escaped, with each piece :data:`KEPT` matches in a ``nowrap`` span."""
    out, last = [], 0
    text = str(text)
    for match in KEPT.finditer(text):
        out += [escape(text[last : match.start()]), Markup('<span class="nowrap">')]
        out += [escape(match.group(0)), Markup("</span>")]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


_env.filters["kept"] = kept_together
_env.globals["may_open"] = may_open  # the navigation shows only what the viewer may open


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page (or an htmx fragment) rendered with what every template needs."""
    context.setdefault("title", "deedgen studio")
    html = _env.get_template(template).render(
        request=request,
        csrf_token=request.scope.get("deedgen.csrf", request.app.state.csrf_token),
        account=request.scope.get("deedgen.account"),
        url=request.url_for,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def fragment(template: str, **context) -> str:
    return _env.get_template(template).render(**context)


async def deedgen_error(request: Request, exc) -> HTMLResponse:
    """A deedgen error (an unreadable file, a broken clause) as a page, never a traceback."""
    from deedgen.exceptions import UnknownId

    status = 404 if isinstance(exc, UnknownId) else 400
    return page(request, "error.html", status_code=status, title="Błąd", message=exc.message)


async def http_error(request: Request, exc) -> HTMLResponse:
    titles = {403: "Odmowa", 404: "Nie znaleziono", 413: "Za duży plik"}
    message = exc.detail if exc.status_code != 404 else "Nie ma takiej strony."
    return page(
        request,
        "error.html",
        status_code=exc.status_code,
        title=titles.get(exc.status_code, "Błąd"),
        message=message,
    )
