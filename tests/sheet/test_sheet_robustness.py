"""Hostile or broken files end in one clear InputError, quickly and in little memory."""

from __future__ import annotations

import json
import struct
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from deedgen.exceptions import InputError
from deedgen.sheet import xlsx_file
from deedgen.sheet.load import load_sheet

from .conftest import SAMPLES

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def refused(path, match: str) -> float:
    """Load *path*, expect an InputError matching *match*; return the seconds it took."""
    start = time.perf_counter()
    with pytest.raises(InputError, match=match):
        load_sheet(path)
    return time.perf_counter() - start


def peak_memory(path) -> int:
    """Bytes allocated at the peak while *path* is refused (tracemalloc slows the run down)."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            load_sheet(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rewrite(source, target, replace: dict[str, bytes | str]):
    """Copy an XLSX, replacing (or adding) some of its parts."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, replace.pop(name, None) or old.read(name))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def test_yaml_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    bomb = tmp_path / "bomba.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(bomb, "aliases") < 0.5
    assert peak_memory(bomb) < 5_000_000


def test_a_single_yaml_alias_is_refused_at_its_line(tmp_path):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: gmina\n", "  - id: gmina\n    alias_here: *adres\n", 1)
    text = text.replace(
        "address: {street: ul. Szkolna 4", "address: &adres {street: ul. Szkolna 4", 1
    )
    path = tmp_path / "alias.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="aliases") as info:
        load_sheet(path)
    assert info.value.location.line == text.splitlines().index("    alias_here: *adres") + 1


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deeply_nested_json_or_yaml_is_refused_without_a_traceback(tmp_path, suffix):
    """100,000 nested lists fit in 200 kB; Python's JSON parser ran out of stack on them."""
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nesting depth") as info:
        load_sheet(path)
    assert info.value.location.file == str(path)


def test_oversized_yaml(tmp_path):
    path = tmp_path / "duzy.yaml"
    path.write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    refused(path, "file too large")


def test_renamed_text_file(tmp_path):
    path = tmp_path / "partnerzy.xlsx"
    path.write_text("Id;Rodzaj;Pełna nazwa\ngbp;library;GBP\n", encoding="utf-8")
    refused(path, r"not an XLSX workbook .*CSV or text file renamed")


def test_empty_file(tmp_path):
    path = tmp_path / "pusty.xlsx"
    path.write_bytes(b"")
    refused(path, "this is an empty file")


def test_old_xls_or_password_protected(tmp_path):
    path = tmp_path / "stary.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    refused(path, r"old \.xls file or a password-protected workbook")


def test_corrupt_zip(tmp_path):
    whole = (SAMPLES / "lipowiec.xlsx").read_bytes()
    truncated = tmp_path / "uciety.xlsx"
    truncated.write_bytes(whole[: len(whole) // 2])
    refused(truncated, "corrupt XLSX")
    garbage = tmp_path / "smieci.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    refused(garbage, "corrupt XLSX")


def test_zip_without_a_workbook(tmp_path):
    path = tmp_path / "dokument.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(path, r"Word document")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"\0" * (1 << 20)
            for _ in range(80):  # 80 MB of zeros, ~80 kB packed
                part.write(block)
    assert path.stat().st_size < 1_000_000
    assert refused(path, "ZIP bomb") < 0.5
    assert peak_memory(path) < 1_000_000


def test_zip_that_understates_its_sizes(tmp_path):
    """Declared sizes bound the unpacking: a part bigger than declared fails its CRC check."""
    path = tmp_path / "klamca.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (10 << 20))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(name)  # the name follows a 30-byte local header, then a 46-byte central one
    central = data.find(name, local + len(name))
    struct.pack_into("<I", data, local - 30 + 22, 1000)  # "1000 bytes unpacked"
    struct.pack_into("<I", data, central - 46 + 24, 1000)
    path.write_bytes(data)
    assert refused(path, "corrupt XLSX.*CRC") < 0.5
    assert peak_memory(path) < 1_000_000


def test_too_many_parts(tmp_path):
    path = tmp_path / "czesci.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(xlsx_file.MAX_ENTRIES):
            archive.writestr(f"xl/media/{i}.bin", b"")
    refused(path, "parts in the ZIP")


def test_oversized_file(tmp_path):
    path = tmp_path / "ogromny.xlsx"
    with path.open("wb") as out:
        out.write(b"PK\x03\x04")
        out.truncate(xlsx_file.MAX_FILE_BYTES + 1)
    refused(path, "file too large")


def test_entity_expansion_in_a_part_is_refused(tmp_path):
    path = rewrite(
        SAMPLES / "lipowiec.xlsx", tmp_path / "lol.xlsx", {"xl/worksheets/sheet2.xml": LAUGHS}
    )
    assert refused(path, "declares a DTD") < 0.5
    assert peak_memory(path) < 1_000_000


def test_malformed_sheet_xml(tmp_path):
    path = rewrite(
        SAMPLES / "lipowiec.xlsx",
        tmp_path / "zepsuty.xlsx",
        {"xl/worksheets/sheet3.xml": "<worksheet><sheetData><row"},
    )
    refused(path, "cannot read")


def test_too_many_rows(tmp_path):
    path = tmp_path / "wiersze.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet("Koalicja").append(["Pole", "Wartość"])
    team = workbook.create_sheet("Zespół")
    team.append(["Imię i nazwisko", "Strona (id)", "Rola"])
    for i in range(xlsx_file.MAX_ROWS + 10):
        team.append([f"Osoba {i}", "gbp", "member"])
    workbook.save(path)
    assert refused(path, f"more than {xlsx_file.MAX_ROWS} rows") < 2


def test_missing_file():
    with pytest.raises(InputError, match="nie ma takiego pliku") as raised:
        load_sheet(SAMPLES / "nie-ma.xlsx")
    assert raised.value.message_in("en").startswith("no such file")


def test_unknown_extension(tmp_path):
    path = tmp_path / "arkusz.ods"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"unknown partner-sheet type '\.ods'"):
        load_sheet(path)


def test_cli_reports_a_broken_file_without_a_traceback(tmp_path):
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    path = tmp_path / "partnerzy.xlsx"
    path.write_text("Id;Rodzaj\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Błąd: partnerzy.xlsx: to nie jest skoroszyt XLSX" in result.output
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 2
    assert "not an XLSX workbook" in json.loads(result.stdout)["error"]


def test_json_written_with_ascii_escapes_keeps_an_emoji_and_refuses_half_of_one(tmp_path):
    """JSON tools write a character beyond U+FFFF as an escaped surrogate pair
    ("\\ud83d\\udcda"): the sheet reads as the character; half a pair is refused at its line."""
    from deedgen.sheet.validate import validate_sheet
    from tests.helpers import load_sample

    data = load_sample("lipowiec")
    data["actions"][0]["title"] = "Klub książki 📚 dla seniorów"
    path = tmp_path / "koalicja.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=True, indent=1), encoding="ascii")
    assert "\\ud83d\\udcda" in path.read_text(encoding="ascii")

    sheet = validate_sheet(load_sheet(path))
    assert sheet.data["actions"][0]["title"] == "Klub książki 📚 dla seniorów"

    lone = path.read_text(encoding="ascii").replace("\\ud83d\\udcda", "\\ud83d")
    path.write_text(lone, encoding="ascii")
    line = lone[: lone.index("\\ud83d")].count("\n") + 1
    with pytest.raises(InputError) as refusal:
        load_sheet(path)
    message = refusal.value.format_message()
    assert f"koalicja.json:{line}:" in message
    assert "połowa pary znaków UTF-16" in message and "lone surrogate" in message


def test_a_list_instead_of_sections_names_the_file_once(tmp_path):
    path = tmp_path / "lista.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_sheet(path)
    message = str(raised.value)
    assert (
        message.startswith("lista.json:1: oczekiwano sekcji") and message.count("lista.json") == 1
    )
