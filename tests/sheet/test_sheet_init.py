"""``deedgen init``: blank sheets people can fill, conversions between formats, no overwriting."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.exceptions import OutputError, SheetInvalid
from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import label_pl
from deedgen.sheet.init import init_sheet
from deedgen.sheet.layout import KV_COLUMNS, TABLES, norm
from deedgen.sheet.load import load_sheet
from deedgen.sheet.validate import read_sheet

from .conftest import SAMPLES, VALID_SAMPLES


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_init_writes_a_blank_workbook(tmp_path):
    path = tmp_path / "koalicja.xlsx"
    result = run("init", str(path))
    assert result.exit_code == 0, result.output
    assert f"Zapisano pusty arkusz partnerów: {path}" in result.output
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Instrukcja", "Koalicja", *(t.sheet for t in TABLES), "Listy"]
    assert workbook["Listy"].sheet_state == "hidden"
    assert workbook.active.title == "Instrukcja"


def test_blank_workbook_only_asks_for_the_required_values(blank_xlsx):
    with pytest.raises(SheetInvalid) as info:
        read_sheet(blank_xlsx)
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert {p.code for p in errors} == {"required", "no_parties"}
    assert all(p.location.sheet in ("Koalicja", "Strony") and p.location.cell for p in errors)


def listed(workbook, formula: str) -> list[str]:
    """The values a drop-down's list formula ('Listy'!$A$1:$A$4) offers."""
    sheet, cells = formula.split("!")
    ws = workbook[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row if c.value is not None]


def test_headers_have_help_comments_drop_downs_and_frozen_rows(blank_xlsx):
    workbook = openpyxl.load_workbook(blank_xlsx)
    for table in TABLES:
        ws = workbook[table.sheet]
        assert ws.freeze_panes == "B2"
        assert ws["A2"].value == "PRZYKŁAD"
        validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
        for index, col in enumerate(table.columns, start=1):
            header = ws.cell(row=1, column=index)
            assert norm(header.value) == norm(col.label)
            assert header.value.endswith("*") == col.required
            assert col.description in header.comment.text
            assert ws.column_dimensions[header.column_letter].width >= 10
            if isinstance(col.field, sheet_fields.Choice):
                letter = header.column_letter
                offered = listed(workbook, validations[f"{letter}3:{letter}1000"])
                assert offered == [label_pl(col.field.choices, c) for c in col.field.choices]
    kv = workbook["Koalicja"]
    assert kv.freeze_panes == "A2"
    kv_lists = [listed(workbook, dv.formula1) for dv in kv.data_validations.dataValidation]
    assert ["miejska", "wiejska", "miejsko-wiejska"] in kv_lists
    assert ["TAK", "NIE"] in kv_lists
    labels = [norm(c.value) for c in kv["A"] if c.value]
    for cols in KV_COLUMNS.values():
        for col in cols:
            assert norm(col.label) in labels


def test_instructions_explain_sheets_and_allowed_values(blank_xlsx):
    ws = openpyxl.load_workbook(blank_xlsx)["Instrukcja"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "PRZYKŁAD" in text and "(*)" in text and "PESEL" in text
    assert "deedgen validate" in text
    for table in TABLES:
        assert table.sheet in text
    for value, meaning in (
        ("ordinary_association", "stowarzyszenie zwykłe"),
        ("conference", "konferencja"),
    ):
        assert value in text and meaning in text


def test_init_never_overwrites_without_force(tmp_path):
    path = tmp_path / "koalicja.xlsx"
    path.write_text("moje dane", encoding="utf-8")
    result = run("init", str(path))
    assert result.exit_code == 2
    assert "już istnieje; dodaj --force" in result.output
    english = run("--lang", "en", "init", str(path))
    assert english.exit_code == 2 and "already exists; use --force" in english.output
    assert path.read_text(encoding="utf-8") == "moje dane"
    with pytest.raises(OutputError):
        init_sheet(path)
    assert run("init", "--force", str(path)).exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instrukcja"


def test_init_refuses_a_format_that_contradicts_the_extension(tmp_path):
    result = run("init", "--format", "yaml", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 2 and "nie pasuje do --format yaml" in result.output
    assert not (tmp_path / "a.xlsx").exists()
    result = run("init", str(tmp_path / "a.csv"))
    assert result.exit_code == 2 and "nie wiadomo, jaki to format („.csv”)" in result.output
    assert run("init", "--format", "xlsx", str(tmp_path / "bez-rozszerzenia")).exit_code == 0


def test_init_into_a_missing_folder(tmp_path):
    result = run("init", str(tmp_path / "nie" / "ma" / "a.xlsx"))
    assert result.exit_code == 2 and "nie ma folderu" in result.output
    assert "utwórz go najpierw" in result.output
    (tmp_path / "plik").write_text("x", encoding="utf-8")
    result = run("init", str(tmp_path / "plik" / "a.xlsx"))
    assert result.exit_code == 2 and "plik nie jest folderem" in result.output


def test_init_yaml_skeleton_is_commented_and_loads(tmp_path):
    path = tmp_path / "koalicja.yaml"
    assert run("init", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "  terc: # Kod TERC (wymagane): 7 cyfr, np. 2604082" in text
    assert "# Strony (wymagane) — Signatory parties" in text
    assert "kind: # Rodzaj (wymagane): rodzaj strony [library, gmina," in text
    raw = load_sheet(path)
    assert raw.data["parties"][0]["representatives"] == [{"name": None, "function": None}]
    with pytest.raises(SheetInvalid):
        read_sheet(path)


@pytest.mark.parametrize("name", VALID_SAMPLES)
def test_conversions_keep_every_value(tmp_path, name):
    original = read_sheet(SAMPLES / f"{name}.yaml").data
    as_xlsx = init_sheet(tmp_path / f"{name}.xlsx", source=SAMPLES / f"{name}.yaml").path
    assert read_sheet(as_xlsx).data == original
    back = init_sheet(tmp_path / f"{name}.yaml", source=as_xlsx).path
    assert read_sheet(back).data == original
    again = init_sheet(tmp_path / f"{name}-2.xlsx", source=back).path
    assert read_sheet(again).data == original


def test_conversion_reports_what_has_no_column(tmp_path):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    short_name: Biblioteka\n", "    short_name: Biblioteka\n    telefon: 41 000 00 00\n", 1
    )
    source = tmp_path / "literowka.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("init", "--from", str(source), str(tmp_path / "out.xlsx"))
    assert result.exit_code == 0
    assert "! parties[0].telefon: '41 000 00 00': pominięto" in result.output


def test_values_that_look_like_formulas_stay_text(tmp_path):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    text = text.replace("short_name: Biblioteka\n", "short_name: '=HYPERLINK(\"http://x\")'\n", 1)
    source = tmp_path / "formula.yaml"
    source.write_text(text, encoding="utf-8")
    out = init_sheet(tmp_path / "formula.xlsx", source=source).path
    cell = openpyxl.load_workbook(out)["Strony"]["D3"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert load_sheet(out).data["parties"][0]["short_name"] == '=HYPERLINK("http://x")'


def test_init_from_a_missing_or_broken_source(tmp_path):
    result = run("init", "--from", str(tmp_path / "brak.yaml"), str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2 and "nie ma takiego pliku" in result.output
    assert "no such file" not in result.output
    assert not (tmp_path / "out.xlsx").exists()
