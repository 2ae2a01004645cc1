"""ewaluacja.html in real headless Chromium (Debian's, driven by Playwright): the rows, the
filters, the Polish sort, the charts' figures."""

from __future__ import annotations

import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Chromium is not installed"
)


@pytest.fixture(scope="module")
def page(scenario):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page()
        requests = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto((scenario["out"] / "ewaluacja.html").as_uri())
        tab.requests = requests
        yield tab
        browser.close()


def visible_gminas(page) -> list[str]:
    return page.eval_on_selector_all(
        "#coalitions tbody tr:not([hidden])", "rows => rows.map(r => r.cells[2].textContent)"
    )


def test_the_page_loads_nothing_from_the_network(page):
    assert all(url.startswith("file://") for url in page.requests)


def test_every_coalition_in_polish_order_with_status_and_reasons(page):
    assert visible_gminas(page) == [
        "Gmina Grabowa Wola Mała",
        "Gmina Jaworówka Nowa",
        "Gmina Klonowa Wola",
        "Gmina Lipowiec",
        "Gmina Świerknik Wielka",
    ]
    assert page.text_content("#shown") == "5 z 5"
    risk = page.text_content("#coalitions tr[data-risk='1'] td.risk")
    assert "brak kwartalnej prezentacji mikrosukcesów: 2026-Q3, 2026-Q4" in risk


def test_filters(page):
    page.check("#risk")
    assert visible_gminas(page) == ["Gmina Klonowa Wola"]
    page.uncheck("#risk")
    page.select_option("#status", "late")
    assert visible_gminas(page) == ["Gmina Grabowa Wola Mała"]
    page.select_option("#status", "")
    page.fill("#filter", "2604052")
    assert visible_gminas(page) == ["Gmina Lipowiec"]
    page.fill("#filter", "")


def test_sorting_by_gmina_puts_s_acute_after_s(page):
    header = page.locator("#coalitions th", has_text="Gmina")
    header.click()
    header.click()  # descending
    assert visible_gminas(page)[0] == "Gmina Świerknik Wielka"
    page.locator("#coalitions th", has_text="Plan").first.click()
    planned = page.eval_on_selector_all(
        "#coalitions tbody tr", "rows => rows.map(r => Number(r.cells[6].dataset.sort))"
    )
    assert planned == sorted(planned)


def test_charts_show_the_figures(page, scenario):
    totals = {t["quarter"]: t for t in scenario["data"]["quarters"]}
    plan_lines = page.eval_on_selector_all(
        "#chart-quarters line.plan", "ls => ls.map(l => Number(l.dataset.value))"
    )
    assert plan_lines == [totals[q]["planned"] for q in sorted(totals)]
    status = page.eval_on_selector_all(
        "#chart-status rect.bar", "rs => rs.map(r => [r.dataset.key, Number(r.dataset.value)])"
    )
    assert status == [["on_time", 3], ["late", 1], ["invalid", 1]]
    box = page.locator("#chart-social").bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    assert (
        page.locator("#chart-social title")
        .first.text_content()
        .startswith(
            "Koalicje według liczby zrealizowanych działań społecznych (minimum 2; zielone:"
        )
    )
    # each coalition counted against its own year's requirement, not the largest minimum
    expected: dict[tuple[str, int], int] = {}
    for row in scenario["data"]["rows"]:
        if row["social_year"] is not None:
            key = (
                "met" if row["social_delivered"] >= row["social_required"] else "behind",
                row["social_delivered"],
            )
            expected[key] = expected.get(key, 0) + 1
    bars = page.eval_on_selector_all(
        "#chart-social rect.bar",
        "rs => rs.map(r => [r.classList[1], Number(r.dataset.key), Number(r.dataset.value)])",
    )
    assert {(kind, key): value for kind, key, value in bars} == expected
    assert any(kind == "met" for kind, _, _ in bars) and any(
        kind == "behind" for kind, _, _ in bars
    )
