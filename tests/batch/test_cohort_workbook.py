"""The cohort workbook: the BW's list of sheets with the cohort's settings and mentors."""

from __future__ import annotations

import json

import pytest
from docx import Document
from openpyxl import Workbook

from deedgen.cohort import read_cohort, write_workbook
from deedgen.exceptions import CohortInvalid
from tests.batch.conftest import rows_by_sheet, run_batch, sheet, write_cohort
from tests.helpers import ROOT

SAMPLE = ROOT / "samples" / "cohort" / "kohorta.xlsx"


def test_the_sample_workbook():
    cohort = read_cohort(SAMPLE)
    assert cohort.settings.edition == "2026"
    assert cohort.settings.bw == "Wojewódzka Biblioteka Publiczna w Kielcach"
    assert cohort.settings.layers == ((ROOT / "samples" / "overlays" / "wbp-kielce").resolve(),)
    assert len(cohort.entries) == 5 and all(
        e.sheet.is_file() and e.problem is None for e in cohort.entries
    )
    assert all(e.mentor and e.mentor["name"] for e in cohort.entries)
    assert str(cohort.entries[0].location) == "kohorta.xlsx: Koalicje!A2"


def test_a_folder_lists_its_sheets(tmp_path):
    write_cohort(tmp_path, {"b.yaml": sheet(1), "a.yaml": sheet(2)})
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("x")
    assert [e.label for e in read_cohort(tmp_path).entries] == ["a.yaml", "b.yaml"]


def test_every_structural_problem_is_reported_at_once(tmp_path):
    book = Workbook()
    settings = book.active
    settings.title = "Kohorta"
    settings.append(["Edycja programu", "2026"])
    settings.append(["Kolor okładki", "zielony"])
    settings.append(["Warstwy klauzul", "nie-ma-takiego-folderu"])
    listing = book.create_sheet("Lista")
    listing.append(["Arkusz"])
    book.save(tmp_path / "kohorta.xlsx")

    with pytest.raises(CohortInvalid) as caught:
        read_cohort(tmp_path / "kohorta.xlsx")

    problems = {str(p.location): p.message("en") for p in caught.value.problems}
    assert len(problems) == 3
    assert problems["kohorta.xlsx: Kohorta!A2"].startswith("unknown setting 'Kolor okładki'")
    assert problems["kohorta.xlsx: Kohorta!B3"].startswith("clause layer folder not found")
    assert "no sheet 'Koalicje'" in problems["kohorta.xlsx"]
    message = caught.value.format_message()
    assert message.startswith("kohorta.xlsx: nie można odczytać kohorty (problemów: 3)")
    assert "kohorta.xlsx: Kohorta!A2: nieznane ustawienie „Kolor okładki”" in message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("layer", ["/", "/etc", "{tmp}/notatki"])
def test_a_layer_that_is_no_clause_folder_is_refused_at_its_cell(tmp_path, layer):
    """The filesystem root, a system folder or a folder of other files named as a clause layer:
    refused at its cell before anything is read or built (issue 13)."""
    (tmp_path / "notatki").mkdir()
    (tmp_path / "notatki" / "plan.txt").write_text("nie klauzula", encoding="utf-8")
    write_cohort(tmp_path / "arkusze", {"a.yaml": sheet(1)})
    named = layer.format(tmp=tmp_path)
    write_workbook(tmp_path / "kohorta.xlsx", [{"sheet": "arkusze/a.yaml"}], layers=[named])

    code, output = run_batch(tmp_path / "kohorta.xlsx", "-o", tmp_path / "out", "--format", "docx")

    assert code == 2, output
    assert "Traceback" not in output
    assert "kohorta.xlsx: Kohorta!B3: to nie jest folder warstwy klauzul" in output, output
    assert not (tmp_path / "out").exists()


def test_cli_exit_code_for_an_unreadable_cohort(tmp_path):
    (tmp_path / "kohorta.xlsx").write_text("not a workbook")
    code, output = run_batch(tmp_path / "kohorta.xlsx", "-o", tmp_path / "out")
    assert code == 2 and "not an XLSX workbook" in output


@pytest.fixture
def workbook_cohort(tmp_path):
    write_cohort(tmp_path / "arkusze", {"a.yaml": sheet(1), "b.yaml": sheet(2), "c.yaml": sheet(3)})
    rows = [
        {
            "sheet": "arkusze/a.yaml",
            "mentor": "Jakub Sowa",
            "mentor_email": "j.sowa@wbp.example.pl",
        },
        {"sheet": "arkusze/b.yaml"},
        {"sheet": "arkusze/brak.yaml"},
        {"sheet": "arkusze/b.yaml", "mentor": "Ewa Sikora"},
        {"sheet": "arkusze/c.yaml", "mentor": "Ewa Sikora", "mentor_email": "nie-email"},
    ]
    write_workbook(tmp_path / "kohorta.xlsx", rows, edition="2026", bw="WBP w Kielcach")
    return tmp_path


def test_the_workbook_sets_mentors_and_its_row_problems_fail_only_their_coalition(workbook_cohort):
    out = workbook_cohort / "out"
    code, output = run_batch(workbook_cohort / "kohorta.xlsx", "-o", out, "--format", "docx")

    rows = [rows_by_sheet(out)[k] for k in ("arkusze/a.yaml", "arkusze/b.yaml", "arkusze/c.yaml")]
    report = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"]
    assert code == 1
    assert [r["status"] for r in report] == ["built", "built", "failed", "failed", "failed"]
    # two rows fail before validation: they are not counted as unchanged
    assert "bez zmian 0 z 5 koalicji; nie zbudowano 2 (brak arkusza" in output
    assert "nie zbudowano 3 z 5 koalicji (kod wyjścia 1)" in output
    assert "nie ma arkusza partnerów: arkusze/brak.yaml" in report[2]["errors"][0]
    assert report[3]["errors"] == [
        "arkusz podany dwa razy w skoroszycie kohorty (także w wierszu 3)"
    ]
    # the workbook's invalid e-mail is reported at its cell in the workbook
    assert any(e.startswith("kohorta.xlsx: Koalicje!C6 (mentor.email)") for e in rows[2]["errors"])
    manifest = json.loads((out / rows[0]["folder"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["overrides"]["mentor"] == {
        "name": "Jakub Sowa",
        "email": "j.sowa@wbp.example.pl",
        "library": "WBP w Kielcach",
    }
    paragraphs = "\n".join(
        p.text for p in Document(out / rows[0]["folder"] / "deklaracja-partnerstwa.docx").paragraphs
    )
    assert "Jakub Sowa" in paragraphs and "WBP w Kielcach" in paragraphs
    # a mentor reassigned in the workbook rebuilds only that coalition
    write_workbook(
        workbook_cohort / "kohorta.xlsx",
        [
            {
                "sheet": "arkusze/a.yaml",
                "mentor": "Anna Nowak",
                "mentor_email": "a.nowak@wbp.example.pl",
            },
            {"sheet": "arkusze/b.yaml"},
        ],
        edition="2026",
        bw="WBP w Kielcach",
    )
    code, _ = run_batch(workbook_cohort / "kohorta.xlsx", "-o", out, "--format", "docx")
    rows = rows_by_sheet(out)
    assert code == 0
    assert (
        rows["arkusze/a.yaml"]["status"] == "built"
        and rows["arkusze/a.yaml"]["reason"] == "zmienione ustawienia kohorty"
    )
    assert rows["arkusze/b.yaml"]["status"] == "skipped-unchanged"


def test_a_sheet_of_another_edition_fails(tmp_path):
    write_cohort(tmp_path / "arkusze", {"a.yaml": sheet(1, coalition__edition="2025")})
    write_workbook(tmp_path / "kohorta.xlsx", [{"sheet": "arkusze/a.yaml"}], edition="2026")
    code, _ = run_batch(tmp_path / "kohorta.xlsx", "-o", tmp_path / "out", "--format", "docx")
    (row,) = rows_by_sheet(tmp_path / "out").values()
    assert code == 1
    assert row["errors"] == [
        "a.yaml:3 (coalition.edition): kohorta jest dla edycji programu 2026, a arkusz podaje 2025"
        " (the cohort is for program edition 2026; the sheet says 2025)"
    ]
