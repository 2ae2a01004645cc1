"""A workbook opened in the studio, in real headless Chromium: its drop-downs hold the values the
workbook's cells say, in the Polish words a librarian knows."""

from __future__ import annotations

import re
import shutil

import pytest

from deedgen.sheet.validate import read_sheet
from deedgen.studio.form import from_data
from tests.helpers import SAMPLES

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

SELECTS = """() => [...document.querySelectorAll('#coalition-form select')].map(s => ({
    name: s.name,
    value: s.value,
    selected: s.selectedOptions.length ? s.selectedOptions[0].textContent : '',
    options: [...s.options].map(o => [o.value, o.textContent]),
}))"""


def test_a_workbooks_polish_labels_select_their_values(page, workspace):
    """lipowiec.xlsx holds „polski”, „biblioteka gminna”, „członek”…: each drop-down selects
    the value validation reads from that cell, none is marked unknown, and no option shows the
    value's English code beside its Polish label."""
    shutil.copy(SAMPLES / "lipowiec.xlsx", workspace)
    page.goto(f"{page.base}/k/lipowiec.xlsx")
    selects = page.evaluate(SELECTS)
    assert len(selects) > 20

    expected = from_data(read_sheet(workspace / "lipowiec.xlsx").data)
    typed = [s for s in selects if s["value"]]
    assert len(typed) > 15  # the sample fills most of its coded cells
    for select in typed:
        assert "nieznana wartość" not in select["selected"], select["name"]
        table, _, rest = select["name"].partition(".")
        if table in expected.rows:
            row, _, column = rest.partition(".")
            want = expected.rows[table][int(row)][column]
        else:
            want = expected.values[select["name"]]
        assert select["value"] == want, select["name"]
    for select in selects:
        for value, text in select["options"]:
            assert not (value and text.endswith(f"({value})")), (select["name"], text)
    language = next(s for s in selects if s["name"] == "coalition.language")
    assert (language["value"], language["selected"]) == ("pl", "polski")


def test_the_form_says_nothing_of_the_workbooks_columns_and_cells(page):
    """The tabs' purposes are the workbook's Instrukcja without what only a workbook has."""
    page.goto(f"{page.base}/k/lipowiec.yaml")
    text = page.locator("main").text_content()  # every tab's, shown or not
    assert "Dane koalicji, gminy, skarbnika" in text and "Cele koalicji: cel z listy" in text
    assert "kolumna A" not in text and "po jednym w komórce" not in text


def test_the_documents_page_is_headed_with_the_coalitions_name(page):
    page.goto(f"{page.base}/k/lipowiec.yaml/pliki")
    heading = page.locator("h1").inner_text()
    assert heading == "Dokumenty: Koalicja „Biblioteka w sercu Lipowca”"
    assert page.title().startswith("Dokumenty: Koalicja „Biblioteka w sercu Lipowca”")


def test_the_preview_keeps_postal_codes_and_identifiers_on_one_line(page):
    """In a narrow window every postal code, NIP/REGON/KRS with its label and numeric range of
    the preview is one line box, as in the documents (Chromium broke „26-006” after its
    hyphen); the text itself is unchanged."""
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(f"{page.base}/k/lipowiec.yaml/podglad")
    pieces = page.evaluate(
        """() => [...document.querySelectorAll('article.document .nowrap')].map(s => ({
            text: s.textContent, lines: s.getClientRects().length}))"""
    )
    texts = [p["text"] for p in pieces]
    assert any(re.fullmatch(r"\d{2}-\d{3}", t) for t in texts), texts
    assert any(t.startswith("NIP") for t in texts), texts
    assert all(p["lines"] == 1 for p in pieces), [p for p in pieces if p["lines"] != 1]
    article = page.locator("article.document").inner_text()
    assert all(t in article for t in texts)
