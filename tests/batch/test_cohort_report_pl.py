"""The cohort report as a voivodeship library reads it: the workbook's mentor, e-mail and
remarks in their own columns, a replaced mentor said, funding rules by Polish title with their
description, Polish order and plurals, Polish statuses, the last result kept on a rerun and a
TERC listed twice flagged — in summary.xlsx (openpyxl) and summary.html (headless Chromium)."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect, sync_playwright

from deedgen.cohort import write_workbook
from deedgen.cohort_report.columns import polish_key
from tests.batch.conftest import run_batch, sheet, write_cohort

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
ORDER = ["Lipowiec", "Lubań", "Łąka", "Zalesie"]  # Polish: Ł after every L, before Z


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    root = tmp_path_factory.mktemp("kohorta-pl")
    lipowiec = sheet(3, gmina__name="Lipowiec")
    sheets = {
        "a.yaml": sheet(1, gmina__name="Zalesie"),
        "b.yaml": sheet(2, gmina__name="Łąka"),
        "c.yaml": lipowiec,
        "d.yaml": sheet(4, gmina__name="Lubań", gmina__terc=lipowiec["gmina"]["terc"]),
    }
    write_cohort(root / "arkusze", sheets)
    rows = [
        {"sheet": "arkusze/a.yaml", "notes": "spotkanie 12.03"},
        {
            "sheet": "arkusze/b.yaml",
            "mentor": "Jadwiga Mentorska",
            "mentor_email": "j.mentorska@wbp.example.pl",
            "notes": "brak podpisu skarbnika na wstępnej deklaracji",
        },
        {"sheet": "arkusze/c.yaml"},
        {"sheet": "arkusze/d.yaml"},
    ]
    workbook = write_workbook(root / "kohorta.xlsx", rows, edition="2026", bw="WBP w Kielcach")
    out = root / "out"
    code, output = run_batch(workbook, "-o", out, "--format", "docx")
    assert code == 0, output
    return {"root": root, "out": out, "sheets": sheets, "workbook": workbook}


def table(path) -> list[dict]:
    rows = list(load_workbook(path)["Koalicje"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_xlsx_has_the_workbooks_mentor_remarks_and_the_build_reason_apart(cohort):
    rows = {row["Gmina"]: row for row in table(cohort["out"] / "summary.xlsx")}
    laka, zalesie = rows["Łąka"], rows["Zalesie"]

    assert laka["Mentor"] == "Jadwiga Mentorska"
    assert laka["E-mail mentora"] == "j.mentorska@wbp.example.pl"
    assert laka["Uwagi"] == "brak podpisu skarbnika na wstępnej deklaracji"
    assert laka["Przebieg budowy"] == "pierwsza budowa"
    own = cohort["sheets"]["b.yaml"]["mentor"]
    assert (
        f"mentor z arkusza ({own['name']}, {own['email']}) zastąpiony "
        "mentorem ze skoroszytu kohorty (Jadwiga Mentorska, j.mentorska@wbp.example.pl)"
    ) in laka["Ostrzeżenia"].splitlines()
    assert zalesie["Mentor"] == cohort["sheets"]["a.yaml"]["mentor"]["name"]  # the sheet's own
    assert zalesie["Uwagi"] == "spotkanie 12.03"
    assert "zastąpiony" not in (zalesie["Ostrzeżenia"] or "")


def test_the_xlsx_rows_are_in_polish_order_with_polish_statuses_and_rule_titles(cohort):
    book = load_workbook(cohort["out"] / "summary.xlsx")
    heads = [cell.value for cell in book["Koalicje"][1]]
    rows = table(cohort["out"] / "summary.xlsx")

    assert [row["Gmina"] for row in rows] == ORDER
    assert {row["Status"] for row in rows} == {"zbudowana"}
    assert "Działania społeczne" in heads and "social-actions" not in heads
    social = book["Koalicje"].cell(1, heads.index("Działania społeczne") + 1)
    assert "co najmniej dwa działania odpowiadające na problemy społeczne" in social.comment.text
    assert {row["Działania społeczne"] for row in rows} == {"spełniony"}


def test_a_terc_listed_twice_is_flagged_on_both_rows_and_in_the_facts(cohort):
    terc = cohort["sheets"]["c.yaml"]["gmina"]["terc"]
    rows = {row["Gmina"]: row for row in table(cohort["out"] / "summary.xlsx")}
    facts = dict(
        load_workbook(cohort["out"] / "summary.xlsx")["Partia"].iter_rows(values_only=True)
    )

    assert rows["Lipowiec"]["Ostrzeżenia"].startswith(
        f"TERC {terc} powtarza się w kohorcie: także arkusze/d.yaml"
    )
    assert rows["Lubań"]["Ostrzeżenia"].startswith(
        f"TERC {terc} powtarza się w kohorcie: także arkusze/c.yaml"
    )
    assert "powtarza" not in (rows["Zalesie"]["Ostrzeżenia"] or "")
    assert facts["Powtórzony TERC"] == f"{terc}: arkusze/c.yaml, arkusze/d.yaml"


def test_a_rerun_keeps_the_last_result_and_the_workbooks_columns(cohort, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(cohort["out"], out)
    code, output = run_batch(cohort["workbook"], "-o", out, "--format", "docx")

    assert code == 0, output
    rows = {row["Gmina"]: row for row in table(out / "summary.xlsx")}
    assert {row["Status"] for row in rows.values()} == {"bez zmian (zbudowana)"}
    assert rows["Łąka"]["Mentor"] == "Jadwiga Mentorska"
    assert rows["Łąka"]["Uwagi"] == "brak podpisu skarbnika na wstępnej deklaracji"
    assert "zastąpiony mentorem ze skoroszytu kohorty" in rows["Łąka"]["Ostrzeżenia"]


@pytest.fixture(scope="module")
def page(cohort):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1366, "height": 768})
        tab.set_default_timeout(60_000)
        tab.goto((cohort["out"] / "summary.html").as_uri())
        yield tab
        browser.close()


def gminas(page) -> list[str]:
    return page.eval_on_selector_all(
        "#cohort tbody tr:not([hidden])", "rows => rows.map(r => r.cells[2].textContent)"
    )


def test_the_page_speaks_polish_plurals_and_lists_in_polish_order(page):
    assert page.locator("h1").inner_text() == "kohorta.xlsx: 4 koalicje"
    assert gminas(page) == ORDER
    gmina = page.locator("#cohort thead th:nth-child(3)")
    assert gmina.inner_text() == "Gmina"
    gmina.click()
    assert gminas(page) == ORDER
    gmina.click()
    assert gminas(page) == ORDER[::-1]


def test_the_pages_collator_and_the_xlsx_order_agree(page):
    names = ["Żary", "Łódź", "Lubań", "Zalesie", "Ćmielów", "Cieszyn", "Łąka", "Ostrów", "Ósemka"]
    in_page = page.evaluate("names => names.slice().sort(new Intl.Collator('pl').compare)", names)
    assert in_page == sorted(names, key=polish_key)


def test_the_replaced_mentor_and_the_remarks_show_on_the_row(page):
    row = page.locator("#cohort tbody tr", has_text="Łąka")
    notes = row.locator("td.notes")
    expect(notes.locator(".notice")).to_contain_text("zastąpiony mentorem ze skoroszytu kohorty")
    expect(notes.locator(".remarks")).to_have_text(
        "Uwagi: brak podpisu skarbnika na wstępnej deklaracji"
    )
    expect(row.locator("td.mentor")).to_have_text("Jadwiga Mentorskaj.mentorska@wbp.example.pl")


def test_search_finds_a_mentor_by_name(page):
    page.fill("#filter", "mentorska")
    expect(page.locator("#shown")).to_have_text("1 z 4")
    assert gminas(page) == ["Łąka"]
    page.fill("#filter", "")
    expect(page.locator("#shown")).to_have_text("4 z 4")


def test_rule_heads_are_polish_titles_with_the_description_and_never_clipped(page, tmp_path):
    head = page.locator("#cohort thead th.rule", has_text="Działania społeczne")
    assert "co najmniej dwa działania" in head.get_attribute("title")
    clipped = page.eval_on_selector_all(
        "#cohort thead th",
        "ths => ths.filter(th => th.scrollWidth > th.clientWidth + 1"
        " || th.scrollHeight > th.clientHeight + 1).map(th => th.textContent)",
    )
    assert clipped == []
    widths = page.eval_on_selector_all(
        "#cohort thead th.rule", "ths => ths.map(th => th.getBoundingClientRect().width)"
    )
    assert max(widths) <= 100  # wrapped into lines, not one wide line per rule
    search = page.locator("#filter")
    assert search.evaluate("box => box.scrollWidth <= box.clientWidth + 1")  # its hint fits
    page.screenshot(path=str(tmp_path / "summary-1366.png"), full_page=True)
    page.locator(".scroll").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    page.screenshot(path=str(tmp_path / "summary-1366-rules.png"), full_page=True)
