"""Report workbooks as files: saved again by LibreOffice Calc, hostile, or not workbooks at all."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from deedgen.evaluation.checks import check_report
from deedgen.evaluation.planned import plan_of
from deedgen.evaluation.reader import read_report
from deedgen.exceptions import InputError
from deedgen.sheet.validate import read_sheet


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_a_report_saved_by_libreoffice_calc_reads_back(scenario, tmp_path):
    source = scenario["reports"] / "lipowiec-2026-Q3.xlsx"
    staged = tmp_path / "calc"
    staged.mkdir()
    shutil.copy(source, staged / "kalk.xlsx")
    profile = tmp_path / "profile"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path), str(staged / "kalk.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    saved = tmp_path / "kalk.xlsx"
    assert "docProps/app.xml" in zipfile.ZipFile(saved).namelist()
    assert b"LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml")
    original, again = read_report(source), read_report(saved)
    check_report(again, plan_of(read_sheet(scenario["sheets"] / "lipowiec.yaml")))
    assert again.valid, [p.describe() for p in again.problems]
    assert again.info == original.info
    statuses = [
        (r.get("action"), r.get("status"), r.get("date")) for r in again.tables["Mikrosukcesy"]
    ]
    assert statuses == [
        (r.get("action"), r.get("status"), r.get("date")) for r in original.tables["Mikrosukcesy"]
    ]


def test_a_text_file_renamed_to_xlsx_is_named_clearly(tmp_path):
    fake = tmp_path / "raport.xlsx"
    fake.write_text("Działanie;Status\nd1;zrealizowane\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an XLSX workbook"):
        read_report(fake)


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (70 * 1024 * 1024))
    with pytest.raises(InputError, match="ZIP bomb"):
        read_report(bomb)


def test_a_workbook_that_is_not_a_report(tmp_path):
    other = tmp_path / "inny.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "cokolwiek"
    book.save(other)
    report = read_report(other)
    assert not report.valid
    assert (
        report.problems[0].describe()
        == "inny.xlsx: Raport: to nie jest raport deedgen (brak arkusza Raport z kodem TERC i okresem)"
    )


def test_an_unreadable_report_is_listed_not_fatal(scenario, tmp_path):
    from deedgen.evaluation.cohort import evaluate_reports

    folder = tmp_path / "raporty"
    shutil.copytree(scenario["reports"], folder)
    (folder / "zepsuty.xlsx").write_bytes(b"PK\x03\x04 broken")
    run = evaluate_reports(folder, cohort=scenario["sheets"], as_of=scenario["as_of"])
    assert [u["file"] for u in run.unmatched] == ["zepsuty.xlsx"]
    assert "corrupt XLSX" in run.unmatched[0]["problems"][0]
    assert len(run.coalitions) == 5 and run.exit_code == 2


def test_no_cell_of_ewaluacja_xlsx_is_a_formula(scenario, tmp_path):
    """A plan change typed as =HYPERLINK(...) must stay text in the operator's spreadsheet."""
    from deedgen.evaluation.cohort import evaluate_reports
    from deedgen.evaluation.outputs import write_outputs
    from tests.evaluation.librarian import add_row

    folder = tmp_path / "raporty"
    shutil.copytree(scenario["reports"], folder)
    report = folder / "lipowiec-2026-Q4.xlsx"
    book = openpyxl.load_workbook(report)
    add_row(book, "Zmiany planu", {"Rodzaj zmiany": "inna", "Opis zmiany": "text"})
    ws = book["Zmiany planu"]
    ws["C2"].value, ws["C2"].data_type = '=HYPERLINK("http://x.example","kliknij")', "s"
    book.save(report)
    run = evaluate_reports(folder, cohort=scenario["sheets"], as_of=scenario["as_of"])
    write_outputs(run, tmp_path / "out")
    changes = openpyxl.load_workbook(tmp_path / "out" / "ewaluacja.xlsx")["Zmiany planu"]
    texts = [c.value for row in changes.iter_rows(min_row=2) for c in row]
    assert '\'=HYPERLINK("http://x.example","kliknij")' in texts
    for sheet in openpyxl.load_workbook(tmp_path / "out" / "ewaluacja.xlsx"):
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
