"""Hosting: the start page and the navigation show each account only what its role may open."""

from __future__ import annotations

import pytest

from deedgen.studio.app import create_app
from deedgen.studio.auth.store import AccountStore
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
