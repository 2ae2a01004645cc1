"""Hosting: the start page and the navigation show each account only what its role may open."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from deedgen.studio.app import create_app
from deedgen.studio.auth.store import AccountStore
from tests.studio.conftest import csrf_of
from tests.studio.test_hosting_routes import PASSWORD, signed_in

LIPOWIEC, BLEDY = '/k/lipowiec.yaml"', '/k/bledy.xlsx"'  # ends of the rows' links


@pytest.fixture
def hosted(workspace):
    store = AccountStore.of_workspace(workspace)
    store.add("bibl", PASSWORD, "librarian", ["lipowiec.yaml"])
    store.add("mentor", PASSWORD, "mentor", ["bledy.xlsx"])
    store.add("op", PASSWORD, "operator")
    yield create_app(workspace, accounts=store)
    store.close()


@pytest.mark.parametrize(
    ("name", "shown", "hidden"),
    [("bibl", [LIPOWIEC], [BLEDY]), ("mentor", [BLEDY], [LIPOWIEC]), ("op", [LIPOWIEC, BLEDY], [])],
)
def test_home_lists_only_readable_coalitions(hosted, name, shown, hidden):
    html = signed_in(hosted, name).get("/").text
    assert all(link in html for link in shown), name
    assert not any(link in html for link in hidden), name


def test_home_lists_every_coalition_without_accounts(client):
    html = client.get("/").text
    assert LIPOWIEC in html and BLEDY in html


CLAUSES, COHORT = '/klauzule">Klauzule<', '/kohorta">Kohorta<'


@pytest.mark.parametrize(
    ("name", "shown", "hidden"),
    [
        ("bibl", [], [CLAUSES, COHORT]),
        ("mentor", [CLAUSES, COHORT], []),
        ("op", [CLAUSES, COHORT], []),
    ],
)
def test_navigation_shows_what_the_role_may_open(hosted, name, shown, hidden):
    client = signed_in(hosted, name)
    html = client.get("/").text
    assert all(link in html for link in shown), name
    assert not any(link in html for link in hidden), name
    for link in shown:  # what the navigation offers opens
        assert client.get(link.split('"')[0]).status_code == 200


def test_logout_button_posts_the_session_token_and_ends_the_session(hosted):
    client = signed_in(hosted, "bibl")
    html = client.get("/").text
    form = re.search(
        r'<form class="signed-in" method="post" action="([^"]+)">(.*?)</form>', html, re.S
    )
    assert form and form.group(1).endswith("/wyloguj") and "Wyloguj</button>" in form.group(2)
    assert csrf_of(form.group(2)) == client.csrf
    answer = client.post(form.group(1), data={"csrf_token": client.csrf}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].endswith("/logowanie")
    assert client.get("/", follow_redirects=False).status_code == 303  # signed out


def test_login_page_offers_no_links_and_local_mode_all_without_logout(hosted, client):
    login = TestClient(hosted, base_url="http://127.0.0.1").get("/logowanie").text
    assert CLAUSES not in login and COHORT not in login and "Wyloguj" not in login
    local = client.get("/").text
    assert CLAUSES in local and COHORT in local and "Wyloguj" not in local


@pytest.mark.parametrize(("name", "offered"), [("bibl", False), ("mentor", False), ("op", True)])
def test_new_coalition_forms_only_for_the_operator(hosted, name, offered):
    assert ("Nowa koalicja</h2>" in signed_in(hosted, name).get("/").text) is offered


def test_login_and_logout_keep_the_root_path(hosted, workspace):
    behind_proxy = create_app(
        workspace,
        accounts=hosted.state.accounts,
        hosts=("studio.example.pl",),
        secure_cookies=True,
    )
    client = TestClient(behind_proxy, base_url="https://studio.example.pl", root_path="/studio")
    login = client.get("/studio/logowanie")
    assert login.status_code == 200 and 'name="dalej" value="/studio/"' in login.text
    answer = client.post(
        "/studio/logowanie",
        data={"name": "op", "password": PASSWORD, "csrf_token": csrf_of(login.text)},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "https://studio.example.pl/studio/"
    cookie = answer.headers["set-cookie"].lower()
    assert "path=/studio" in cookie and "secure" in cookie
    home = client.get("/studio/")
    assert 'action="https://studio.example.pl/studio/wyloguj"' in home.text
    out = client.post(
        "/studio/wyloguj", data={"csrf_token": csrf_of(home.text)}, follow_redirects=False
    )
    cleared = out.headers["set-cookie"].lower()
    assert 'deedgen_session=""' in cleared and "path=/studio" in cleared


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example/", "/\\evil.example/", "https://evil.example/"]
)
def test_login_never_sends_to_another_site(hosted, elsewhere):
    client = TestClient(hosted, base_url="http://127.0.0.1")
    token = csrf_of(client.get("/logowanie").text)
    answer = client.post(
        "/logowanie",
        data={"name": "op", "password": PASSWORD, "csrf_token": token, "dalej": elsewhere},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "http://127.0.0.1/"
