"""The mentor's tools in the studio: the clause list's filters and the field picker."""

from __future__ import annotations

import html
import re

from playwright.sync_api import expect

from deedgen.clauses.data_names import DATA_NAMES
from deedgen.context import CONTEXT_NAMES

expect.set_options(timeout=30_000)


def listed(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*/klauzule/([^"]+)"><code>', html)


def test_every_top_level_data_name_is_described_in_polish():
    described = {e.name.split(".")[0] for e in DATA_NAMES}
    assert described >= CONTEXT_NAMES, sorted(CONTEXT_NAMES - described)


def test_clause_list_filters_locked_and_changed_in_my_layer(client, workspace):
    everything = listed(client.get("/klauzule").text)
    locked = listed(client.get("/klauzule?zablokowane=1").text)
    assert locked and set(locked) < set(everything)
    assert "actions.requirements" in locked
    mine = client.get("/klauzule?moje=1")
    assert "Żadna klauzula nie spełnia tych warunków" in mine.text  # nothing edited yet
    text = client.get("/klauzule/final.disputes").text
    body = re.search(r"<textarea[^>]*>(.*?)</textarea>", text, re.S).group(1)

    edited = html.unescape(body).replace("w terminie 30 dni", "w terminie 45 dni")
    client.post(
        "/klauzule/final.disputes/zapisz",
        data={"text": edited, "note": "dłuższy termin", "csrf_token": client.token},
    )
    assert listed(client.get("/klauzule?moje=1").text) == ["final.disputes"]


def test_the_picker_inserts_a_name_and_the_preview_shows_its_value(page):
    page.goto(page.base + "/klauzule/final.disputes")
    picker = page.locator("#picker")
    picker.locator("summary").click()
    entry = picker.locator("li", has=page.locator("button", has_text="coalition.place"))
    expect(entry).to_contain_text("miejscowość zawarcia deklaracji")
    expect(entry).to_contain_text("przykład: Lipowiec")
    editor = page.locator("#clause-text")
    editor.evaluate("e => { e.selectionStart = e.selectionEnd = e.value.length; }")
    editor.press("End")
    page.keyboard.type("\nust. Miejsce: ")
    picker.locator("button", has_text="coalition.place").click()
    assert editor.input_value().endswith("ust. Miejsce: {{ coalition.place }}")
    expect(page.locator("#edited-clause")).to_contain_text("Miejsce: Lipowiec")


def test_the_cohort_page_lists_the_coalitions_a_layer_change_touches(client):
    before = client.get("/kohorta").text
    assert "Żadna koalicja nie używa jeszcze klauzul z warstwy „klauzule”" in before
    text = client.get("/klauzule/final.disputes").text
    body = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", text, re.S).group(1))
    client.post(
        "/klauzule/final.disputes/zapisz",
        data={
            "text": body.replace("w terminie 30 dni", "w terminie 45 dni"),
            "note": "dłuższy termin",
            "csrf_token": client.token,
        },
    )
    table = re.search(
        r'<table class="list" id="touched">(.*?)</table>', client.get("/kohorta").text, re.S
    )
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table.group(1), re.S)
    assert len(rows) == 1  # lipowiec.yaml; bledy.xlsx has errors and builds nothing
    assert "lipowiec.yaml" in rows[0][0]
    assert re.fullmatch(r"final\.disputes v\d+ \(deklaracja partnerstwa\)", rows[0][1])


def test_the_preview_shows_the_pdf_pages_typeset_from_the_saved_sheet(page):
    import subprocess

    page.goto(page.base + "/k/lipowiec.yaml/podglad")
    page.get_by_role("link", name="Strony PDF").click()
    frame = page.locator("#pdf-pages")
    expect(frame).to_be_visible()
    answer = page.request.get(page.base + frame.get_attribute("src").removeprefix(page.base))
    assert answer.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=answer.body(), capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "DEKLARACJA PARTNERSTWA" in text.upper()
    assert "Gminna Biblioteka Publiczna w Lipowcu" in text
