"""The quarterly report as a fillable PDF: ``report init -o raport.pdf`` writes the form, a
librarian fills it (pypdf, as a PDF reader would save it), ``evaluate`` reads it back with the
workbook's checks, each problem at its form field."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pikepdf
import pypdf
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.evaluation import layout as lay
from deedgen.evaluation.pdf_form import FORMAT
from deedgen.evaluation.pdf_reader import MAX_BYTES, MAX_FIELDS, read_pdf_report
from deedgen.exceptions import InputError
from tests.evaluation.conftest import COHORT, PESEL

SHEET = "lipowiec"  # plans two micro-successes in 2026-Q3 (d1, d2)


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copy(COHORT / f"{SHEET}.yaml", folder)
    out = folder / "raport.pdf"
    args = ["report", "init", str(folder / f"{SHEET}.yaml"), "--quarter", "2026-Q3", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


def fill(source: Path, target: Path, values: dict) -> Path:
    """Type *values* into the form's fields, as a librarian in a PDF reader would."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)
    return target


def test_the_form_has_fields_with_polish_tooltips_and_passes_qpdf(blank):
    reader = pypdf.PdfReader(blank)
    fields = reader.get_fields()
    assert "/AcroForm" in reader.trailer["/Root"]
    assert {
        "mikro1_status",
        "mikro2_status",
        "raport_presentation_held",
        "zmiana3_description",
    } <= set(fields)
    status = fields["mikro1_status"]
    assert status["/FT"] == "/Ch" and list(status["/Opt"])[1:] == list(lay.STATUSES)
    assert status["/TU"].startswith("Mikrosukcesy 1: Status (wymagane)")
    header = fields["raport_terc"]
    assert header["/V"] == "2604052" and int(header["/Ff"]) & 1  # pre-filled, read-only
    assert int(fields["zmiana1_description"]["/Ff"]) & (1 << 12)  # multi-line
    check = subprocess.run(["qpdf", "--check", str(blank)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    poppler = subprocess.run(["pdfinfo", str(blank)], capture_output=True, text=True)
    assert poppler.returncode == 0 and poppler.stderr == "", poppler.stderr  # no Syntax Error
    with pikepdf.open(blank) as pdf:  # every field tagged as a /Form element (PDF/UA)
        document = pdf.Root.StructTreeRoot.K
        document = document[0] if isinstance(document, pikepdf.Array) else document
        tagged = [
            k for k in document.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Form"
        ]
        assert len(tagged) == len(fields)
        assert str(tagged[0].Alt).startswith("Raport: Koalicja")
    text = subprocess.run(["pdftotext", str(blank), "-"], capture_output=True, text=True).stdout
    assert "Raport kwartalny 2026-Q3" in text and "Prezentacja mikrosukcesów kwartału" in text


def test_every_field_sits_in_a_box_the_layout_drew(blank, tmp_path):
    """Each field's rectangle lies on the border Typst drew: page 1 rendered at 72 dpi (a pixel
    a point) without the annotations is dark along the middle of each rectangle's top and
    bottom edge and white inside."""
    page = pypdf.PdfReader(blank).pages[0]
    rects = [[float(v) for v in a.get_object()["/Rect"]] for a in page["/Annots"]]
    assert len(rects) > 20
    prefix = tmp_path / "p"
    subprocess.run(
        ["pdftoppm", "-r", "72", "-gray", "-hide-annotations", "-f", "1", "-l", "1",
         "-singlefile", str(blank), str(prefix)],
        check=True,
    )  # fmt: skip
    gray = _pgm(prefix.with_suffix(".pgm"))
    height = len(gray)
    for x1, y1, x2, y2 in rects:
        middle = round((x1 + x2) / 2)
        for edge in (y1, y2):
            row = height - edge
            darkest = min(gray[round(row) + d][middle] for d in (-1, 0, 1))
            assert darkest < 200, (x1, y1, x2, y2)
        assert gray[round(height - (y1 + y2) / 2)][middle + 3] > 200  # the box's inside
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(blank), str(tmp_path / "p")],
        check=True,
    )
    assert (tmp_path / "p-1.png").stat().st_size > 10_000


def _pgm(path: Path) -> list[bytes]:
    """The rows of a binary PGM image (what pdftoppm -gray writes)."""
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", data)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end() :]
    return [pixels[r * width : (r + 1) * width] for r in range(height)]


def test_a_filled_form_is_evaluated_with_problems_at_its_fields(blank, tmp_path):
    folder = tmp_path / "raporty"
    folder.mkdir()
    shutil.copy(blank.parent / f"{SHEET}.yaml", folder)
    values = {
        "raport_prepared_by": "koordynatorka zespołu",
        "raport_prepared_on": "2026-10-05",
        "raport_presentation_held": "TAK",
        "raport_presentation_date": "2026-09-20",
        "raport_presentation_audience": "mieszkańcy i partnerzy",
        "mikro1_status": "zrealizowane",
        "mikro1_date": "31.02.2026",  # no such day
        "mikro1_participants": "12",
        "mikro2_status": "chyba",  # not a status
        "zmiana1_change": "zmiana terminu",
        "zmiana1_description": "Klub przenosimy\nna soboty",
    }
    fill(blank, folder / "raport.pdf", values)
    report = read_pdf_report(folder / "raport.pdf")
    assert report.terc == "2604052" and report.period.name == "2026-Q3"
    micro = report.tables[lay.MICRO.name]
    assert [r.get("action") for r in micro] == ["d1", "d2"]
    assert micro[0].get("status") == "zrealizowane" and micro[0].get("participants") == 12
    assert [r.get("change") for r in report.tables[lay.CHANGES.name]] == ["zmiana terminu"]
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(
        cli, ["evaluate", str(folder), "--as-of", "2026-10-30", "-o", str(out)]
    )
    assert result.exit_code == 2, result.output
    row = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))["rows"][0]
    assert row["status"] == "invalid" and row["errors"] == 2
    problems = "\n".join(row["problems"])
    assert "raport.pdf, pole «Mikrosukcesy 1: Data»" in problems and "„31.02.2026”" in problems
    assert "raport.pdf, pole «Mikrosukcesy 2: Status»" in problems and "„chyba”" in problems


def test_a_correct_form_is_on_time(blank, tmp_path):
    folder = tmp_path / "raporty"
    folder.mkdir()
    shutil.copy(blank.parent / f"{SHEET}.yaml", folder)
    values = {"raport_prepared_on": "2026-10-05", "raport_presentation_held": "NIE"}
    values |= {f"mikro{n}_status": "częściowo" for n in (1, 2)}
    fill(blank, folder / "raport.pdf", values)
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(
        cli, ["evaluate", str(folder), "--as-of", "2026-10-30", "-o", str(out)]
    )
    row = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))["rows"][0]
    assert row["errors"] == 0 and row["status"] != "invalid", result.output


def test_a_pdf_not_made_by_report_init_is_refused(tmp_path):
    plain = tmp_path / "skan.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(plain)
    with pytest.raises(InputError, match="brak metadanych raportu"):
        read_pdf_report(plain)
    broken = tmp_path / "uszkodzony.pdf"
    broken.write_bytes(b"%PDF-1.7\nto nie jest PDF")
    with pytest.raises(InputError, match="uszkodzony.pdf"):
        read_pdf_report(broken)
    huge = tmp_path / "duzy.pdf"
    huge.write_bytes(b"%PDF-1.7\n" + b"0" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="MB"):
        read_pdf_report(huge)


def test_the_annual_report_stays_a_workbook(tmp_path):
    args = [
        "report",
        "init",
        str(COHORT / f"{SHEET}.yaml"),
        "--year",
        "2026",
        "-o",
        str(tmp_path / "r.pdf"),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0 and "tylko dla raportu kwartalnego" in result.output


def _ours(path: Path, fields) -> Path:
    """A PDF carrying deedgen's report metadata and the given /Fields array (hostile shapes)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        metadata = json.dumps({"format": FORMAT, "version": 1})
        pdf.Root.DeedgenReport = pikepdf.String(metadata)
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=pikepdf.Array(fields)))
        pdf.save(path)
    return path


def test_hostile_forms_are_refused_or_reported_never_a_traceback(blank, tmp_path):
    many = [pikepdf.Dictionary(T=pikepdf.String(f"x{n}")) for n in range(MAX_FIELDS + 1)]
    with pytest.raises(InputError, match="więcej niż"):
        read_pdf_report(_ours(tmp_path / "pola.pdf", many))
    with pytest.raises(InputError, match="nie można odczytać"):
        read_pdf_report(_ours(tmp_path / "liczba.pdf", [7]))
    odd = read_pdf_report(_ours(tmp_path / "obce.pdf", [pikepdf.Dictionary(T=pikepdf.String("x"))]))
    assert {p.code for p in odd.problems} == {"unknown_field", "not_a_report"}
    values = {"mikro1_remarks": f"Jan Kowalski, PESEL {PESEL}", "mikro2_participants": "dużo"}
    report = read_pdf_report(fill(blank, tmp_path / "pesel.pdf", values))
    found = {(p.code, str(p.location)) for p in report.problems}
    assert ("pesel", "pesel.pdf, pole «Mikrosukcesy 1: Uwagi»") in found
    assert ("integer", "pesel.pdf, pole «Mikrosukcesy 2: Liczba uczestników»") in found


def test_the_form_has_blank_groups_for_new_micro_successes(blank):
    fields = pypdf.PdfReader(blank).get_fields()
    for n in range(1, 4):
        assert {f"nowy{n}_{key}" for key in ("action", "status", "description")} <= set(fields)
        assert "/V" not in fields[f"nowy{n}_action"]  # blank, to fill
        assert not int(fields[f"nowy{n}_action"]["/Ff"]) & 1  # and not read-only
    assert "nowy4_action" not in fields
    assert fields["nowy1_action"]["/TU"].startswith(
        "Nowe mikrosukcesy 1: Działanie (id) (wymagane)"
    )
    text = subprocess.run(["pdftotext", str(blank), "-"], capture_output=True, text=True).stdout
    assert "Nowe mikrosukcesy" in text and "Nowy mikrosukces 3" in text
    assert "id działania z planu (d1, d2" in text


def test_a_new_micro_success_typed_into_the_form_is_read_as_new(blank, tmp_path):
    """Filled in a PDF reader: the two planned ones achieved and one new one; the cohort
    workbook names the form in its column Raport."""
    root = tmp_path / "wbp"
    (root / "raporty").mkdir(parents=True)
    (root / "arkusze").mkdir()
    shutil.copy(blank.parent / f"{SHEET}.yaml", root / "arkusze")
    values = {"raport_prepared_on": "2026-10-05", "raport_presentation_held": "NIE"}
    values |= {f"mikro{n}_status": "zrealizowane" for n in (1, 2)}
    values |= {
        "nowy1_action": "d2",
        "nowy1_status": "zrealizowane",
        "nowy1_date": "12.08.2026",
        "nowy1_participants": "30",
        "nowy1_description": "Spotkanie z autorką kryminałów, którego nie było w planie",
    }
    form = fill(blank, root / "raporty" / "raport.pdf", values)
    micro = read_pdf_report(form).tables[lay.MICRO.name]
    assert [(r.get("action"), r.get("new"), r.get("quarter")) for r in micro] == [
        ("d1", None, "2026-Q3"),
        ("d2", None, "2026-Q3"),
        ("d2", True, "2026-Q3"),
    ]  # the two groups left blank are no micro-successes
    assert micro[2].get("participants") == 30 and micro[2].cells["status"] == (
        "Nowe mikrosukcesy 1: Status"
    )
    book = openpyxl.Workbook()
    book.active.title = "Koalicje"
    book.active.append(["Arkusz", "Raport"])
    book.active.append([f"arkusze/{SHEET}.yaml", "raporty/raport.pdf"])
    book.save(root / "kohorta.xlsx")
    out = tmp_path / "wyniki"
    args = ["evaluate", str(root / "kohorta.xlsx"), "--as-of", "2026-10-30", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--no-documents"])
    row = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))["rows"][0]
    assert row["errors"] == 0, result.output
    q3 = next(q for q in row["quarters"] if q["quarter"] == "2026-Q3")
    assert (q3["status"], q3["planned"], q3["achieved"], q3["new"]) == ("submitted", 2, 2, 1)


def test_mistakes_in_a_new_micro_success_are_named_by_field(blank, tmp_path):
    values = {"raport_prepared_on": "2026-10-05", "raport_presentation_held": "NIE"}
    values |= {f"mikro{n}_status": "zrealizowane" for n in (1, 2)}
    values |= {
        "nowy1_action": "d99",  # not in the plan
        "nowy1_status": "zrealizowane",
        "nowy1_description": "Warsztaty",
        "nowy2_status": "zrealizowane",  # no action
        "nowy2_description": "Wycieczka",
        "nowy3_action": "d1",
        "nowy3_status": "zrealizowane",  # what was achieved left out
    }
    folder = tmp_path / "raporty"
    folder.mkdir()
    shutil.copy(blank.parent / f"{SHEET}.yaml", folder)
    fill(blank, folder / "raport.pdf", values)
    out = tmp_path / "wyniki"
    args = ["evaluate", str(folder), "--as-of", "2026-10-30", "-o", str(out), "--no-documents"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    row = json.loads((out / "ewaluacja.json").read_text(encoding="utf-8"))["rows"][0]
    problems = "\n".join(row["problems"])
    assert "raport.pdf, pole «Nowe mikrosukcesy 1: Działanie (id)»" in problems
    assert "„d99”" in problems
    assert "raport.pdf, pole «Nowe mikrosukcesy 2: Działanie (id)»" in problems
    assert "raport.pdf, pole «Nowe mikrosukcesy 3: Co osiągnięto»" in problems
    assert row["errors"] == 3, problems
