"""The funding-conditions panel in real headless Chromium: it is not rebuilt on each keystroke
but asked for after a pause, says it is being checked meanwhile, and an old answer never
covers a newer one."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.studio.conftest import axe_violations
from tests.studio.test_browser import field

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PROBLEM = "actions.0.problem"  # cleared, the declaration has one action on a social problem
PROBLEM_TEXT = "wykluczenie cyfrowe osób starszych"
BROKEN = "Koalicja nie spełnia warunków finansowania (1)."
MET = "Koalicja spełnia warunki finansowania."

# every verdict the panel shows, in order, as the page changes (the panel is replaced whole)
RECORD_VERDICTS = """() => {
  window.verdicts = [];
  const note = () => {
    const verdict = document.querySelector('#conditions .verdict');
    const text = verdict ? verdict.textContent : '';
    if (window.verdicts[window.verdicts.length - 1] !== text) window.verdicts.push(text);
  };
  new MutationObserver(note).observe(document.querySelector('#check-panel'),
                                     {childList: true, subtree: true, characterData: true});
  note();
}"""


def clear_by_keyboard(page, name: str) -> None:
    control = field(page, name)
    control.click()
    control.press("Control+A")
    control.press("Backspace")


def test_a_broken_condition_shows_in_the_panel_within_seconds(page):
    page.goto(page.base + "/k/lipowiec.yaml")
    conditions = page.locator("#conditions")
    expect(conditions).to_contain_text(MET)
    expect(conditions).to_have_attribute("aria-busy", "false")
    page.locator("#tab-actions").click()

    clear_by_keyboard(page, PROBLEM)
    typed = time.monotonic()
    # the check has answered: the old verdict stays, marked as being checked again
    expect(page.locator("#conditions-refresh")).to_have_text("Sprawdzam warunki finansowania…")
    expect(conditions).to_have_attribute("aria-busy", "true")
    expect(conditions).to_contain_text(BROKEN, timeout=5_000)
    shown = time.monotonic() - typed
    expect(conditions).to_have_attribute("aria-busy", "false")
    expect(page.locator("#conditions-refresh")).to_be_hidden()
    expect(conditions).to_contain_text("co najmniej dwa działania odpowiadające na problemy")
    assert shown < 5, shown
    assert axe_violations(page) == []

    # a choice made (a field left): the panel follows at once, without a pause
    page.locator("#tab-coalition").click()
    field(page, "coalition.continuity").select_option("NIE")
    expect(conditions).to_contain_text(
        "Koalicja nie spełnia warunków finansowania (2).", timeout=5_000
    )


def held_for(page, held: list, text: str):
    """The held panel request sent with *text* in the cleared field (waiting for it)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for route in held:
            form = parse_qs(route.request.post_data or "", keep_blank_values=True)
            if form.get(PROBLEM) == [text]:
                return route
        page.wait_for_timeout(100)
    raise AssertionError(f"the page did not ask for the panel of {text!r}")


def test_a_slow_older_panel_answer_does_not_cover_a_newer_one(page):
    """The old panel's answer comes while the newer one is still on its way: it is dropped,
    the panel stays busy, and the newer answer is shown."""
    held = []
    page.goto(page.base + "/k/lipowiec.yaml")
    page.evaluate(RECORD_VERDICTS)
    page.route("**/warunki", lambda route: held.append(route))  # answered when let out
    conditions = page.locator("#conditions")
    page.locator("#tab-actions").click()

    clear_by_keyboard(page, PROBLEM)  # breaks a condition
    old = held_for(page, held, "")
    expect(conditions).to_have_attribute("aria-busy", "true")
    expect(conditions).to_contain_text(MET)  # the last verdict, being checked again
    assert axe_violations(page) == []  # the busy panel too

    field(page, PROBLEM).press_sequentially(PROBLEM_TEXT, delay=40)  # mended: a newer check
    new = held_for(page, held, PROBLEM_TEXT)
    late = old.fetch()  # the old request answered now, by the server, for the old form
    assert BROKEN in late.text()
    with page.expect_event("requestfinished", lambda r: r.url.endswith("/warunki")):
        old.fulfill(response=late)
    page.wait_for_timeout(500)  # time for htmx to swap it in, if it would
    expect(conditions).to_have_attribute("aria-busy", "true")
    expect(page.locator("#conditions-refresh")).to_have_text("Sprawdzam warunki finansowania…")

    new.continue_()
    expect(conditions).to_have_attribute("aria-busy", "false")
    expect(conditions).to_contain_text(MET)
    for route in held:
        if route not in (old, new):
            route.continue_()
    verdicts = page.evaluate("window.verdicts")
    assert BROKEN not in verdicts, verdicts
    assert verdicts == [MET], verdicts
