"""``deedgen doctor`` speaks Polish to a librarian: each check's name, its status, what was
found and how to fix what is missing; English with ``--lang en``."""

from __future__ import annotations

import re

import pytest


def test_doctor_reports_every_check_in_polish(run):
    result = run("doctor")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "[ok] Typst: typst 0.15.2" in lines
    assert any(
        line.startswith("[ok] czcionki Typst: Liberation Serif, Liberation Sans w /usr/share/")
        and "(rodzin czcionek: " in line
        for line in lines
    )
    assert any(
        line.startswith("[ok] próbny dokument Typst: PDF/A-2a + PDF/UA-1 w ")
        and line.endswith(" ms, tekst odczytany bez zmian")
        for line in lines
    )
    assert any(
        line.startswith("[ok] LibreOffice: LibreOffice 7.") and " w /" in line for line in lines
    )
    for family in ("Liberation Serif", "Liberation Sans", "DejaVu Sans"):
        assert any(line.startswith(f"[ok] czcionka {family}: zainstalowana: /") for line in lines)
    conversion = [x for x in lines if x.startswith("[ok] próbna konwersja: DOCX → PDF/A-2b w ")]
    assert conversion and conversion[0].endswith(
        " s (z uruchomieniem LibreOffice), tekst odczytany bez zmian"
    )
    assert re.search(r" w \d+,\d s ", conversion[0]), conversion  # a decimal comma
    assert lines[-1] == "Gotowe: można tworzyć PDF-y (--pdf-engine typst)."
    for english in ("installed", "fonts:", "test document", "test conversion", "Ready", " in "):
        assert english not in result.output


def test_a_missing_libreoffice_is_a_polish_note_when_typst_is_the_engine(
    run, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))

    result = run("doctor", "--no-convert")

    assert result.exit_code == 0, result.output
    assert (
        "[uwaga] LibreOffice: nie ma go w PATH (soffice) "
        "(potrzebne tylko dla --pdf-engine libreoffice)" in result.output
    )
    assert "     jak naprawić: apt-get install libreoffice-writer-nogui" in result.output


def test_a_missing_libreoffice_fails_in_polish_when_it_is_the_engine(run, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))

    result = run("doctor", "--no-convert", "--pdf-engine", "libreoffice")

    assert result.exit_code == 3
    assert "[BRAK] LibreOffice: nie ma go w PATH (soffice)\n" in result.output
    assert "jak naprawić: apt-get install libreoffice-writer-nogui" in result.output
    assert "Nie przeszły niezbędne sprawdzenia: " in result.stderr
    assert "— PDF-y nie powstaną." in result.stderr


def test_another_typst_version_names_the_pin_in_polish(run, monkeypatch):
    from deedgen.render import environment

    monkeypatch.setattr(environment, "pinned_typst", lambda: "0.14.0")
    result = run("doctor", "--no-convert")

    assert result.exit_code == 3
    assert (
        "[BRAK] Typst: zainstalowany jest typst 0.15.2, a deedgen wymaga wersji 0.14.0"
        in result.output
    )
    assert "jak naprawić: pip install typst==0.14.0" in result.output


def test_a_missing_typst_font_folder_is_named_in_polish(run, monkeypatch, tmp_path):
    from deedgen.render.typst import compile as typst_compile

    monkeypatch.setattr(typst_compile, "FONT_DIRS", (tmp_path / "brak-czcionek",))
    typst_compile.fonts.cache_clear()
    try:
        result = run("doctor", "--no-convert")
    finally:
        typst_compile.fonts.cache_clear()

    assert result.exit_code == 3
    assert (
        f"[BRAK] czcionki Typst: brak folderu czcionek {tmp_path / 'brak-czcionek'}: "
        "zainstaluj fonts-liberation2" in result.output
    )


def test_a_substituted_font_says_what_stands_in_for_it(run, monkeypatch):
    from deedgen.render import environment

    monkeypatch.setattr(
        environment, "REQUIRED_FONTS", (("Nieistniejąca Czcionka", "fonts-nieistniejace"),)
    )
    result = run("doctor", "--no-convert", "--pdf-engine", "libreoffice")

    assert result.exit_code == 3
    assert "[BRAK] czcionka Nieistniejąca Czcionka: brak, zamiast niej: " in result.output
    assert "jak naprawić: apt-get install fonts-nieistniejace" in result.output


@pytest.mark.parametrize(
    "args", [("doctor", "--no-convert", "--lang", "en"), ("--lang", "en", "doctor", "--no-convert")]
)
def test_lang_en_gives_the_english_report(run, args):
    result = run(*args)

    assert result.exit_code == 0, result.output
    assert "[ok] Typst fonts: Liberation Serif" in result.output
    assert "Ready to produce PDF output (--pdf-engine typst)." in result.output
    assert "czcionk" not in result.output
