"""Hosting: every route × every role answers what the roles allow — anything out of reach is 404."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from deedgen.studio.app import create_app
from deedgen.studio.auth.store import AccountStore
from tests.studio.conftest import csrf_of

PASSWORD = "hasło-testowe-123"
ACCOUNTS = {
    "bibl": ("librarian", ["lipowiec.yaml"]),
    "obca": ("librarian", ["bledy.xlsx"]),
    "mentor": ("mentor", ["lipowiec.yaml"]),
    "op": ("operator", []),
}
# (method, path, role → status): 404 for whatever the role may not reach. A role left out of a
# row is allowed there, but the request would change the workspace (tested elsewhere).
ROUTES = [
    ("GET", "/", {"bibl": 200, "obca": 200, "mentor": 200, "op": 200}),
    ("POST", "/nowa", {"bibl": 404, "obca": 404, "mentor": 404}),
    ("POST", "/wgraj", {"bibl": 404, "obca": 404, "mentor": 404}),
    ("GET", "/k/lipowiec.yaml", {"bibl": 200, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/k/bledy.xlsx", {"bibl": 404, "obca": 200, "mentor": 404, "op": 200}),
    ("GET", "/k/nie-ma.yaml", {"bibl": 404, "obca": 404, "mentor": 404, "op": 404}),
    ("POST", "/k/lipowiec.yaml/sprawdz", {"bibl": 200, "obca": 404, "mentor": 200, "op": 200}),
    # no form sent: not the form a check saw, nothing to assemble (204)
    ("POST", "/k/lipowiec.yaml/warunki", {"bibl": 204, "obca": 404, "mentor": 204, "op": 204}),
    ("POST", "/k/lipowiec.yaml/formularz", {"bibl": 200, "obca": 404, "mentor": 404, "op": 200}),
    ("POST", "/k/lipowiec.yaml/zapisz", {"obca": 404, "mentor": 404}),
    ("POST", "/k/lipowiec.yaml/arkusz", {"bibl": 200, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/k/lipowiec.yaml/podglad", {"bibl": 200, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/k/lipowiec.yaml/podglad.pdf", {"obca": 404}),
    ("POST", "/k/lipowiec.yaml/generuj", {"obca": 404, "mentor": 404}),
    ("GET", "/k/lipowiec.yaml/pliki", {"bibl": 200, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/k/lipowiec.yaml/pliki.zip", {"obca": 404}),
    ("GET", "/k/lipowiec.yaml/pliki/x.pdf", {"bibl": 404, "obca": 404, "mentor": 404, "op": 404}),
    ("POST", "/k/lipowiec.yaml/uwagi", {"bibl": 404, "obca": 404}),
    ("GET", "/klauzule", {"bibl": 404, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/klauzule/final.disputes", {"bibl": 404, "obca": 404, "mentor": 200, "op": 200}),
    ("POST", "/klauzule/final.disputes/podglad", {"bibl": 404, "obca": 404}),
    ("POST", "/klauzule/final.disputes/zapisz", {"bibl": 404, "obca": 404}),
    ("GET", "/kohorta", {"bibl": 404, "obca": 404, "mentor": 200, "op": 200}),
    ("GET", "/kohorta/postep", {"bibl": 404, "obca": 404, "mentor": 200, "op": 200}),
    ("POST", "/kohorta/buduj", {"bibl": 404, "obca": 404}),
    ("GET", "/konta", {"bibl": 404, "obca": 404, "mentor": 404, "op": 200}),
    ("POST", "/konta/dodaj", {"bibl": 404, "obca": 404, "mentor": 404}),
    ("POST", "/konta/bibl/wylacz", {"bibl": 404, "obca": 404, "mentor": 404}),
    ("GET", "/dziennik", {"bibl": 404, "obca": 404, "mentor": 200, "op": 200}),
]
UNTABLED = {"static", "login", "login_submit", "logout"}  # open to all, tested on their own


@pytest.fixture
def hosted(workspace):
    store = AccountStore.of_workspace(workspace)
    for name, (role, coalitions) in ACCOUNTS.items():
        store.add(name, PASSWORD, role, coalitions)
    app = create_app(workspace, accounts=store)
    yield app, store
    store.close()


def signed_in(app, name: str) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")
    token = csrf_of(client.get("/logowanie").text)
    answer = client.post(
        "/logowanie",
        data={"name": name, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    client.csrf = csrf_of(client.get("/").text)
    return client


def test_every_route_for_every_role(hosted):
    app, _ = hosted
    clients = {name: signed_in(app, name) for name in ACCOUNTS}
    for method, path, expected in ROUTES:
        for role, status in expected.items():
            client = clients[role]
            headers = {"X-CSRF-Token": client.csrf} if method == "POST" else {}
            answer = client.request(method, path, headers=headers, follow_redirects=False)
            assert answer.status_code == status, (method, path, role, answer.status_code)


def test_the_table_names_every_route(hosted):
    """A new route cannot escape the table: each of the app's routes is requested above."""
    from deedgen.studio.auth.middleware import _route_of

    app, _ = hosted
    tabled = {
        _route_of({"type": "http", "app": app, "method": m, "path": p, "root_path": ""})[0]
        for m, p, _ in ROUTES
    }
    assert {r.name for r in app.routes} - UNTABLED <= tabled


def test_anonymous_is_sent_to_login_and_posts_refused(hosted):
    app, _ = hosted
    client = TestClient(app, base_url="http://127.0.0.1")
    answer = client.get("/k/lipowiec.yaml", follow_redirects=False)
    assert answer.status_code == 303 and "/logowanie" in answer.headers["location"]
    assert client.post("/k/lipowiec.yaml/zapisz").status_code == 401


def test_session_cookie_is_httponly_and_samesite(hosted):
    app, _ = hosted
    client = TestClient(app, base_url="http://127.0.0.1")
    token = csrf_of(client.get("/logowanie").text)
    answer = client.post(
        "/logowanie",
        data={"name": "op", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_csrf_is_per_session(hosted):
    app, _ = hosted
    client = signed_in(app, "op")
    assert client.post("/nowa", headers={"X-CSRF-Token": app.state.csrf_token}).status_code == 403


def test_login_rate_limit(hosted):
    app, _ = hosted
    client = TestClient(app, base_url="http://127.0.0.1")
    token = csrf_of(client.get("/logowanie").text)
    statuses = [
        client.post(
            "/logowanie", data={"name": "op", "password": "zle", "csrf_token": token}
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    right = client.post(
        "/logowanie", data={"name": "op", "password": PASSWORD, "csrf_token": token}
    )
    assert right.status_code == 429


def test_password_change_and_disable_end_sessions(hosted):
    app, store = hosted
    client = signed_in(app, "bibl")
    store.set_password("bibl", "nowe-hasło-456")
    assert client.get("/k/lipowiec.yaml", follow_redirects=False).status_code == 303
    other = signed_in(app, "mentor")
    store.set_disabled("mentor")
    assert other.get("/kohorta", follow_redirects=False).status_code == 303


def test_idle_session_expires(workspace):
    store = AccountStore.of_workspace(workspace, idle_seconds=0.0)
    store.add("op", PASSWORD, "operator")
    token = store.login("op", PASSWORD, address="t")
    assert store.session(token, now=__import__("time").time() + 1) is None


def test_saves_are_audited(hosted):
    app, store = hosted
    client = signed_in(app, "op")
    client.post("/nowa", data={"name": "Nowa koalicja", "csrf_token": client.csrf})
    entries = store.audit_log()
    assert any(who == "op" and action == "create_blank" for _, who, action, _, _ in entries)
