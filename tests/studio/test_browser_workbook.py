"""A workbook opened in the studio, in real headless Chromium: its drop-downs hold the values the
workbook's cells say, in the Polish words a librarian knows."""

from __future__ import annotations

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
