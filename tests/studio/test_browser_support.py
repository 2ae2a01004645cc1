"""The studio with annex 3 („Deklaracje poparcia”), in real headless Chromium against a real
server: a coalition with supporting informal groups previews, builds and downloads the annex; one
without them is offered the four documents it always had."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from tests.legal.test_support_annex import supported_sheet

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

expect.set_options(timeout=30_000)

FOUR = ["Wstępna deklaracja współpracy", "Deklaracja partnerstwa", "Plan działań koalicji",
        "Formularze ewaluacji"]  # fmt: skip


def pdf_words(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(text.stdout.decode("utf-8").split())


def document_choice(page):
    return page.get_by_role("navigation", name="Dokument").get_by_role("link")


def test_a_coalition_without_supporters_is_offered_its_four_documents(page):
    page.goto(page.base + "/k/lipowiec.yaml/podglad?dokument=support")
    expect(document_choice(page)).to_have_text(FOUR)
    # a document the coalition lacks falls back to the declaration
    expect(page.locator("article.document h2")).to_have_text("Deklaracja partnerstwa")


def test_a_coalition_with_supporters_previews_builds_and_downloads_annex_3(page, workspace):
    supported_sheet(workspace)
    page.goto(page.base + "/k/lipowiec-poparcie.yaml/podglad")
    expect(document_choice(page)).to_have_text([*FOUR, "Deklaracje poparcia"])
    document_choice(page).filter(has_text="Deklaracje poparcia").click()
    article = page.get_by_role("article", name="Deklaracje poparcia")
    expect(article).to_contain_text("popiera cele Koalicji określone w § 2 Deklaracji")
    signatures = page.get_by_role("region", name="Podpisy")
    expect(signatures).to_contain_text(
        "Piotr Zając, członek grupy nieformalnej, we własnym imieniu"
    )
    pdf_link = page.get_by_role("link", name="Strony PDF")
    pdf_link.click()
    source = page.locator("#pdf-pages").get_attribute("src")
    response = page.request.get(source if source.startswith("http") else page.base + source)
    assert response.ok and "dokument=support" in source
    assert "DEKLARACJE POPARCIA" in pdf_words(response.body())

    page.get_by_role("button", name="Generuj dokumenty").click()
    page.get_by_text("Dokumenty wygenerowane").wait_for(timeout=180_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="deklaracje-poparcia.pdf", exact=True).click()
    words = pdf_words(download.value.path().read_bytes())
    assert "DEKLARACJE POPARCIA" in words and "Podpisy członków grup nieformalnych" in words
    expect(page.get_by_role("link", name="deklaracje-poparcia.docx", exact=True)).to_be_visible()
