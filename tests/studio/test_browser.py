"""End to end in real headless Chromium (Debian's, driven by Playwright) against a real uvicorn
server on 127.0.0.1: what a librarian does, and what another site cannot do."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from deedgen.cli.main import cli
from deedgen.sheet.load import load_sheet
from deedgen.studio.form import TABS, field_id, from_data
from tests.helpers import SAMPLES
from tests.studio.conftest import axe_violations
from tests.studio.fixes import BLEDY_FIXES

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

WRONG_NIP, RIGHT_NIP = "819-093-78-66", "819-093-78-65"

expect.set_options(timeout=30_000)  # assertions wait for the page, as a person would


def field(page, name: str):
    return page.locator(f"#{field_id(name)}")


def show_tab(page, name: str) -> None:
    """Open the tab holding the field *name* (clicked like a person would), unless it is open."""
    key = name.partition(".")[0]
    tab = key if any(t.key == key and t.table for t in TABS) else "coalition"
    button = page.locator(f"#tab-{tab}")
    if button.get_attribute("aria-selected") != "true":
        button.click()


def type_into(page, name: str, text: str) -> None:
    show_tab(page, name)
    control = field(page, name)
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(text)
    else:
        control.fill(text)


def wait_checked(page) -> None:
    """Until validation as you type has answered the last edit."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('#coalition-form.htmx-request')")


def error_beside(page, name: str):
    return page.locator(f"#err-{field_id(name)}")


def fill_like(page, data: dict, skip: set[str] = frozenset()) -> None:
    """Type a whole sheet into the form: add the rows of each table, then fill every field."""
    state = from_data(data)
    for name, value in state.values.items():
        if value and name not in skip:
            type_into(page, name, value)
    for tab in TABS:
        rows = state.rows.get(tab.key) or []
        if not tab.table or not rows:
            continue
        page.locator(f"#tab-{tab.key}").click()
        for index, row in enumerate(rows):
            page.get_by_role("button", name=f"Dodaj wiersz: {tab.title}").click()
            first = tab.inputs[0].key
            field(page, f"{tab.key}.{index}.{first}").wait_for()
            for column, value in row.items():
                name = f"{tab.key}.{index}.{column}"
                if value and name not in skip:
                    type_into(page, name, value)
        wait_checked(page)


def test_librarian_builds_a_coalition_from_blank(page, workspace, tmp_path):
    sample = load_sheet(SAMPLES / "lipowiec.yaml").data
    (workspace / "lipowiec.yaml").unlink()  # the librarian types it anew
    page.goto(page.base + "/")
    page.get_by_label("Nazwa koalicji").fill(sample["coalition"]["name"])
    page.get_by_role("button", name="Utwórz koalicję").click()
    page.wait_for_url("**/k/*.yaml")
    assert axe_violations(page) == []

    fill_like(page, sample, skip={"coalition.name"})
    type_into(page, "parties.0.nip", WRONG_NIP)
    wait_checked(page)
    beside = error_beside(page, "parties.0.nip")
    expect(beside).to_contain_text("ma błędną cyfrę kontrolną")
    # marked on htmx's settle, a moment after the message is swapped in
    expect(field(page, "parties.0.nip")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#check-panel")).to_contain_text("Strony, wiersz 1: NIP")
    assert axe_violations(page) == []

    type_into(page, "parties.0.nip", RIGHT_NIP)
    wait_checked(page)
    expect(beside).to_have_text("")
    panel = page.locator("#check-panel")
    expect(panel).to_contain_text("Arkusz bez błędów")
    expect(panel).to_contain_text("Koalicja spełnia warunki finansowania.")

    page.get_by_role("button", name="Zapisz arkusz").click()
    page.get_by_text("Zapisano arkusz").wait_for()
    page.get_by_role("link", name="Podgląd deklaracji").click()
    assert "§ 1" in page.locator("article.document").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Generuj dokumenty").click()
    page.get_by_text("Dokumenty wygenerowane").wait_for(timeout=180_000)
    assert axe_violations(page) == []

    bundle_link = page.get_by_role("link", name="pakiet", exact=False).first
    with page.expect_download() as download:
        bundle_link.click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Gminna Biblioteka Publiczna w Lipowcu" in text

    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz wszystko (ZIP)").click()
    archive = tmp_path / "all.zip"
    download.value.save_as(archive)
    names = zipfile.ZipFile(archive).namelist()
    assert any(n.endswith("manifest.json") for n in names)
    assert any(n.endswith(".pdf") for n in names)


def test_validation_answers_only_the_messages_that_change(page, workspace):
    """A long sheet's check answer carries the messages of the fields with a problem and of
    those showing one, not a box per field; a message still goes when its field is fixed."""
    answers: list[str] = []
    page.on(
        "response",
        lambda response: (
            answers.append(response.text()) if response.url.endswith("/sprawdz") else None
        ),
    )
    page.goto(page.base + "/k/lipowiec.yaml")
    fields = page.locator(".field-error").count()
    type_into(page, "parties.0.nip", WRONG_NIP)
    wait_checked(page)
    expect(error_beside(page, "parties.0.nip")).to_contain_text("ma błędną cyfrę kontrolną")
    broken = answers[-1]
    assert f'id="err-{field_id("parties.0.nip")}"' in broken
    assert broken.count('class="field-error"') < fields / 4, (broken.count("field-error"), fields)

    type_into(page, "parties.0.nip", RIGHT_NIP)
    wait_checked(page)
    expect(error_beside(page, "parties.0.nip")).to_have_text("")  # the shown message was cleared
    expect(field(page, "parties.0.nip")).not_to_have_attribute("aria-invalid", "true")
    assert f'id="err-{field_id("parties.0.nip")}"' in answers[-1]


def test_a_row_added_while_validation_is_pending_is_kept(page, workspace):
    """Typing then clicking „Dodaj wiersz” at once: the delayed validation must not cancel the row."""

    def slow(route):  # a loaded server: the row request outlives the validation delay
        page.wait_for_timeout(600)
        route.continue_()

    page.route("**/formularz", slow)
    page.goto(page.base + "/k/lipowiec.yaml")
    page.locator("#tab-parties").click()
    rows = page.locator("#panel-parties fieldset.row")
    before = rows.count()
    for attempt in range(3):
        field(page, "parties.0.name").fill(f"Gmina Lipowiec {attempt}")
        page.get_by_role("button", name="Dodaj wiersz: Strony").click()
        page.wait_for_timeout(100)  # the row request is in flight: validation fires meanwhile
        page.evaluate(
            "document.querySelector('#coalition-form').dispatchEvent(new Event('change'))"
        )
        page.wait_for_timeout(1200)
        wait_checked(page)
        assert rows.count() == before + attempt + 1
    assert field(page, "parties.0.name").input_value() == "Gmina Lipowiec 2"


def test_faulty_workbook_is_fixed_in_the_browser_and_exported(page, tmp_path):
    page.goto(page.base + "/")
    page.get_by_label("Arkusz partnerów (XLSX, YAML lub JSON)").set_input_files(
        str(SAMPLES / "bledy.xlsx")
    )
    page.get_by_role("button", name="Wgraj arkusz").click()
    page.wait_for_url("**/k/bledy-2.xlsx")
    panel = page.locator("#check-panel")
    assert "Błędy arkusza: 19" in panel.inner_text()
    cli_errors = CliRunner().invoke(cli, ["validate", str(SAMPLES / "bledy.xlsx")]).output
    for line in cli_errors.splitlines():
        if line.strip().startswith("✗"):
            message = line.split(": ", 2)[2]  # after "✗ bledy.xlsx: Strony!H3 — wiersz 3, …: "
            assert message in panel.inner_text(), message
    assert axe_violations(page) == []

    for name, text in BLEDY_FIXES.items():
        type_into(page, name, text)
    wait_checked(page)
    expect(panel).to_contain_text("Arkusz bez błędów")

    with page.expect_download() as download:
        page.get_by_role("button", name="Pobierz arkusz (XLSX)").click()
    exported = tmp_path / "poprawiony.xlsx"
    download.value.save_as(exported)
    result = CliRunner().invoke(cli, ["validate", str(exported)])
    assert result.exit_code == 0, result.output


def test_cross_site_post_without_the_token_is_refused(page, workspace):
    """A page of another origin posts a form to the studio: it cannot know the token."""
    before = (workspace / "lipowiec.yaml").read_bytes()
    page.goto("about:blank")
    page.set_content(
        f"""<form method="post" action="{page.base}/k/lipowiec.yaml/zapisz">
              <input name="coalition.name" value="Przejęta"><button>wyślij</button></form>"""
    )
    with page.expect_response(f"{page.base}/k/lipowiec.yaml/zapisz") as answer:
        page.get_by_role("button", name="wyślij").click()
    assert answer.value.status == 403
    assert "CSRF" in page.content()
    assert (workspace / "lipowiec.yaml").read_bytes() == before


def test_every_page_passes_axe(page):
    for path in (
        "/",
        "/k/lipowiec.yaml",
        "/k/bledy.xlsx",
        "/k/lipowiec.yaml/podglad",
        "/k/lipowiec.yaml/pliki",
        "/klauzule",
        "/klauzule/final.disputes",
        "/kohorta",
    ):
        page.goto(page.base + path)
        assert axe_violations(page) == [], path


def test_mentor_edits_a_clause_and_the_next_build_carries_it(page, workspace):
    import json

    page.goto(page.base + "/klauzule")
    page.get_by_role("link", name="final.disputes").click()
    editor = page.get_by_label("Tekst klauzuli", exact=False)
    original = editor.input_value()
    preview = page.locator("#clause-preview")
    assert "Tekst taki sam" in preview.inner_text()
    assert axe_violations(page) == []

    editor.fill(original.replace("w terminie 30 dni", "w terminie 45 dni"))
    page.locator("#clause-preview ins", has_text="45").wait_for()
    assert "w terminie 45 dni" in page.locator("#edited-clause").inner_text()
    editor.fill(original.replace("w terminie 30 dni", "w terminie 60 dni"))
    page.locator("#clause-preview ins", has_text="60").wait_for()
    assert "w terminie 60 dni" in page.locator("#edited-clause").inner_text()

    editor.fill(original + "\nust. {{ no_such_name.value }}\n")
    page.get_by_label("Notatka o zmianie", exact=False).fill("próba")
    page.get_by_role("button", name="Zapisz klauzulę").click()
    refusal = page.get_by_role("alert").first
    assert "zepsułaby dokumenty koalicji" in refusal.inner_text()
    assert "lipowiec.yaml" in refusal.inner_text()

    page.get_by_label("Tekst klauzuli", exact=False).fill(
        original.replace("w terminie 30 dni", "w terminie 60 dni")
    )
    page.get_by_label("Notatka o zmianie", exact=False).fill("dłuższy termin na rozmowy")
    page.get_by_role("button", name="Zapisz klauzulę").click()
    from deedgen.config import LibrarySelection

    before = LibrarySelection().load().clauses["final.disputes"].version  # the central one
    assert f"wersja {before} → {before + 1}" in page.get_by_role("status").first.inner_text()

    page.goto(page.base + "/k/lipowiec.yaml/podglad")
    page.get_by_role("button", name="Generuj dokumenty").click()
    page.get_by_text("Dokumenty wygenerowane").wait_for(timeout=180_000)
    out = workspace / "out" / "lipowiec"
    text = subprocess.run(
        ["pdftotext", str(out / "deklaracja-partnerstwa.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "w terminie 60 dni" in " ".join(text.split())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    used = [c for d in manifest["documents"] for c in d.get("clauses", [])]
    disputes = [c for c in used if c.get("id") == "final.disputes"]
    assert disputes and all(c["version"] == before + 1 for c in disputes), disputes


def test_a_saved_clause_lists_the_branches_no_coalition_takes(page, workspace):
    """The mentor adds a case no coalition of the folder (nor a sample) has: the save says
    which line's branch no document was checked through."""
    page.goto(page.base + "/klauzule/final.disputes")
    editor = page.get_by_label("Tekst klauzuli", exact=False)
    original = editor.input_value()
    branch = "{% if parties|length > 40 %} Spór rozstrzyga sąd polubowny.{% endif %}"
    edited = original.replace(
        "ma siedzibę {{ library.short_name }}.",
        f"ma siedzibę {{{{ library.short_name }}}}.{branch}",
    )
    assert edited != original
    editor.fill(edited)
    page.get_by_label("Notatka o zmianie", exact=False).fill("sąd polubowny dla dużych koalicji")
    page.get_by_role("button", name="Zapisz klauzulę").click()
    expect(page.get_by_role("status").first).to_contain_text("Zapisano klauzulę final.disputes")
    unreached = page.locator("#unreached")
    expect(unreached).to_contain_text("nie przechodzi przez te gałęzie")
    expect(unreached).to_contain_text("{% if parties|length > 40 %}")
    expect(unreached).to_contain_text("warunek niespełniony dla żadnego arkusza")
    assert unreached.locator("li").first.inner_text().startswith("wiersz ")
    assert axe_violations(page) == []

    saved = page.get_by_label("Tekst klauzuli", exact=False)  # the saved text, new version
    assert branch in saved.input_value()
    saved.fill(saved.input_value().replace(branch, ""))  # the branch taken out: none unreached
    page.get_by_label("Notatka o zmianie", exact=False).fill("bez sądu polubownego")
    page.get_by_role("button", name="Zapisz klauzulę").click()
    expect(page.get_by_role("status").first).to_contain_text("Zapisano klauzulę final.disputes")
    assert page.locator("#unreached").count() == 0


def test_cohort_build_reaches_100_percent_in_the_page(page):
    page.goto(page.base + "/kohorta")
    page.get_by_role("button", name="Zbuduj kohortę").click()
    page.get_by_text("Kohorta zbudowana: 100 %").wait_for(timeout=300_000)
    assert page.get_by_role("button", name="Zbuduj kohortę").is_enabled()
    report = page.locator("#cohort-progress table").inner_text()
    assert "lipowiec.yaml" in report and "bledy.xlsx" in report
    assert "Koalicja „Biblioteka w sercu Lipowca”" in report
    assert axe_violations(page) == []
    page.get_by_role("link", name="bledy.xlsx").click()
    assert "Błędy arkusza: 19" in page.locator("#check-panel").inner_text()
