"""The studio's ASGI application: every route in one list, the views in :mod:`deedgen.studio.views`.

Starlette with server-rendered Jinja templates (autoescaped) and htmx: a small, well-kept stack
whose pages work as plain HTML; htmx and the stylesheet are files of this package, so nothing is
fetched from the network when the studio runs.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from deedgen.exceptions import DeedgenError
from deedgen.studio import render
from deedgen.studio.auth import views as auth_views
from deedgen.studio.auth.middleware import AccountsMiddleware
from deedgen.studio.auth.store import AccountStore
from deedgen.studio.security import GuardMiddleware, new_token
from deedgen.studio.services import Studio
from deedgen.studio.views import clause_edit, clauses, coalition, cohort, documents, home
from deedgen.studio.workspace import Workspace

STATIC = Path(__file__).parent / "static"

ROUTES = [
    Route("/", home.start_page, name="home"),
    Route("/nowa", home.create_blank, methods=["POST"], name="create_blank"),
    Route("/wgraj", home.upload, methods=["POST"], name="upload"),
    Route("/k/{cid}", coalition.form_page, name="coalition"),
    Route("/k/{cid}/sprawdz", coalition.check, methods=["POST"], name="check"),
    Route("/k/{cid}/warunki", coalition.conditions, methods=["POST"], name="conditions"),
    Route("/k/{cid}/formularz", coalition.edit_rows, methods=["POST"], name="edit_rows"),
    Route("/k/{cid}/zapisz", coalition.save, methods=["POST"], name="save"),
    Route("/k/{cid}/arkusz", coalition.export, methods=["POST"], name="export"),
    Route("/k/{cid}/podglad", documents.preview, name="preview"),
    Route("/k/{cid}/podglad.pdf", documents.preview_pdf, name="preview_pdf"),
    Route("/k/{cid}/generuj", documents.generate, methods=["POST"], name="generate"),
    Route("/k/{cid}/pliki", documents.files, name="files"),
    Route("/k/{cid}/pliki.zip", documents.zip_all, name="zip"),
    Route("/k/{cid}/pliki/{name}", documents.download, name="download"),
    Route("/klauzule", clauses.clause_list, name="clauses"),
    Route("/klauzule/{clause_id}", clause_edit.clause_page, name="clause"),
    Route(
        "/klauzule/{clause_id}/podglad",
        clause_edit.clause_preview,
        methods=["POST"],
        name="clause_preview",
    ),
    Route(
        "/klauzule/{clause_id}/zapisz",
        clause_edit.clause_save,
        methods=["POST"],
        name="clause_save",
    ),
    Route("/kohorta", cohort.cohort_page, name="cohort"),
    Route("/kohorta/postep", cohort.cohort_progress, name="cohort_progress"),
    Route("/kohorta/buduj", cohort.cohort_build, methods=["POST"], name="cohort_build"),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]


AUTH_ROUTES = [
    Route("/logowanie", auth_views.login_page, name="login"),
    Route("/logowanie", auth_views.login_submit, methods=["POST"], name="login_submit"),
    Route("/wyloguj", auth_views.logout, methods=["POST"], name="logout"),
    Route("/konta", auth_views.accounts_page, name="accounts"),
    Route("/konta/dodaj", auth_views.account_add, methods=["POST"], name="account_add"),
    Route(
        "/konta/{name}/wylacz",
        auth_views.account_disable,
        methods=["POST"],
        name="account_disable",
    ),
    Route("/dziennik", auth_views.audit_page, name="audit"),
    Route("/k/{cid}/uwagi", coalition.comment, methods=["POST"], name="comment"),
]


def create_app(
    workspace: str | Path,
    *,
    accounts: AccountStore | None = None,
    hosts: tuple[str, ...] = (),
    secure_cookies: bool = False,
    csrf_token: str | None = None,
) -> Starlette:
    """The studio for *workspace* (a folder of partner sheets with its deedgen.toml); with
    *accounts*, every request is signed in and checked against the roles (hosting).
    *csrf_token*: the token of the pages without a session (the server's processes share one;
    by default a new one)."""
    middleware = [Middleware(GuardMiddleware, hosts=hosts)]
    if accounts is not None:
        middleware.append(Middleware(AccountsMiddleware, store=accounts))
    app = Starlette(
        routes=ROUTES + AUTH_ROUTES if accounts is not None else ROUTES,
        middleware=middleware,
        exception_handlers={DeedgenError: render.deedgen_error, HTTPException: render.http_error},
    )
    app.state.studio = Studio(Workspace(workspace))
    app.state.csrf_token = csrf_token or new_token()
    app.state.accounts = accounts
    app.state.secure_cookies = secure_cookies
    return app
