"""Hosting in real headless Chromium: people sign in, two of them save one coalition, a mentor
comments, and each sees only what the role allows."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from deedgen.sheet.validate import read_sheet
from deedgen.studio.app import create_app
from deedgen.studio.auth.store import AccountStore
from tests.studio.conftest import axe_violations, chromium, new_page, serving
from tests.studio.test_browser import field, show_tab
from tests.studio.test_hosting_routes import ACCOUNTS, PASSWORD

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

expect.set_options(timeout=30_000)


@pytest.fixture
def browser_and_base(workspace):
    store = AccountStore.of_workspace(workspace)
    for name, (role, coalitions) in ACCOUNTS.items():
        store.add(name, PASSWORD, role, coalitions)
    with serving(create_app(workspace, accounts=store)) as base, chromium() as browser:
        yield browser, base
    store.close()


def sign_in(browser, base: str, name: str):
    page = new_page(browser, base)
    page.goto(f"{base}/k/lipowiec.yaml")
    expect(page.locator("h1")).to_have_text("Logowanie")  # sent to the login, then back
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Zaloguj')")
    return page


def edit(page, name: str, text: str) -> None:
    show_tab(page, name)
    field(page, name).fill(text)


def test_two_librarians_save_one_coalition_and_nothing_is_lost(browser_and_base, workspace):
    browser, base = browser_and_base
    first, second = sign_in(browser, base, "bibl"), sign_in(browser, base, "op")
    for page in (first, second):
        expect(page.locator("#coalition-form")).to_be_visible()
    edit(first, "coalition.place", "Lipowiec Kościelny")
    first.click("button:has-text('Zapisz arkusz')")
    expect(first.locator(".alert-ok")).to_contain_text("Zapisano arkusz")
    edit(second, "coalition.name", "Koalicja „Lipowiec czyta razem”")
    second.click("button:has-text('Zapisz arkusz')")
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text("ktoś inny zapisał tę koalicję w trakcie Twojej edycji")
    expect(conflict).to_contain_text("Sprzecznych zmian nie ma")
    assert axe_violations(second) == []
    show_tab(second, "coalition.place")
    expect(field(second, "coalition.place")).to_have_value("Lipowiec Kościelny")
    expect(field(second, "coalition.name")).to_have_value("Koalicja „Lipowiec czyta razem”")
    second.click("button:has-text('Zapisz arkusz')")
    expect(second.locator(".alert-ok")).to_contain_text("Zapisano arkusz")
    coalition = read_sheet(workspace / "lipowiec.yaml").data["coalition"]
    assert (coalition["place"], coalition["name"]) == (
        "Lipowiec Kościelny",
        "Koalicja „Lipowiec czyta razem”",
    )
    second.goto(f"{base}/dziennik")
    saves = second.locator("tbody tr", has_text="zapis arkusza")
    expect(saves).to_have_count(2)  # the refused save wrote nothing and is not in the log
    expect(saves.first).to_contain_text("op")
    expect(second.locator("tbody tr", has_text="logowanie")).to_have_count(2)


def test_a_mentor_reads_and_comments_the_librarian_sees_it(browser_and_base):
    browser, base = browser_and_base
    mentor = sign_in(browser, base, "mentor")
    expect(mentor.locator("#read-only")).to_contain_text("Tylko do odczytu")
    expect(mentor.locator("button:has-text('Zapisz arkusz')")).to_have_count(0)
    mentor.fill("#comment-text", "Proszę dopisać termin drugiego spotkania Zespołu.")
    mentor.click("button:has-text('Dodaj uwagę')")
    expect(mentor.locator("#uwagi article")).to_contain_text("drugiego spotkania")
    assert axe_violations(mentor) == []
    librarian = sign_in(browser, base, "bibl")
    expect(librarian.locator("#uwagi article")).to_contain_text("mentor")
    expect(librarian.locator("#comment-text")).to_have_count(0)
    # another coalition's page is not there for this librarian
    answer = librarian.goto(f"{base}/k/bledy.xlsx")
    assert answer.status == 404
    librarian.goto(f"{base}/")
    librarian.click("button:has-text('Wyloguj')")
    expect(librarian.locator("h1")).to_have_text("Logowanie")
    librarian.goto(f"{base}/k/lipowiec.yaml")
    expect(librarian.locator("h1")).to_have_text("Logowanie")


def test_the_operator_pages_have_no_accessibility_violations(browser_and_base):
    browser, base = browser_and_base
    operator = sign_in(browser, base, "op")
    expect(operator.locator("#coalition-form")).to_be_visible()
    for path in ("/dziennik", "/konta", "/klauzule?zablokowane=1", "/kohorta", "/"):
        operator.goto(f"{base}{path}")
        assert axe_violations(operator) == [], path
