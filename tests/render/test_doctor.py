"""``deedgen doctor`` as a user sees it: what is there, what is missing and how to install it."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from deedgen.cli.main import cli


def test_doctor_reports_both_engines_fonts_and_timed_test_documents():
    result = CliRunner().invoke(cli, ["doctor", "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert "[ok] Typst: typst 0.15.2" in result.output  # the version pyproject pins
    assert (
        "[ok] Typst fonts: Liberation Serif, Liberation Sans in /usr/share/fonts" in result.output
    )
    assert "[ok] Typst test document: PDF/A-2a + PDF/UA-1 in " in result.output
    assert "[ok] LibreOffice: LibreOffice 7." in result.output
    for family in ("Liberation Serif", "Liberation Sans", "DejaVu Sans"):
        assert f"[ok] font {family}: installed: /" in result.output
    assert "[ok] test conversion: DOCX → PDF/A-2b in " in result.output
    assert "text intact" in result.output


def test_doctor_fails_and_names_the_package_when_libreoffice_is_missing(monkeypatch, tmp_path):
    (tmp_path / "fc-match").symlink_to(shutil.which("fc-match"))  # fonts still checkable
    monkeypatch.setenv("PATH", str(tmp_path))

    result = CliRunner().invoke(cli, ["doctor", "--lang", "en", "--pdf-engine", "libreoffice"])

    assert result.exit_code == 3
    assert "[!!] LibreOffice:" in result.output
    assert "fix: apt-get install libreoffice-writer-nogui" in result.output
    assert "test conversion" not in result.output  # nothing to convert with
    assert "[ok] Typst test document" in result.output  # the other engine: still reported


def test_without_libreoffice_the_default_engine_is_ready(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))

    result = CliRunner().invoke(cli, ["doctor", "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert (
        "[!!] LibreOffice: not found on PATH (soffice) (needed only for --pdf-engine libreoffice)"
        in result.output
    )
    assert "Ready to produce PDF output (--pdf-engine typst)." in result.output


def test_doctor_fails_on_another_typst_version_and_names_the_pin(monkeypatch):
    from deedgen.render import environment

    monkeypatch.setattr(environment, "pinned_typst", lambda: "0.14.0")
    result = CliRunner().invoke(cli, ["doctor", "--lang", "en", "--no-convert"])

    assert result.exit_code == 3
    assert "[!!] Typst: typst 0.15.2 installed, deedgen is pinned to 0.14.0" in result.output
    assert "fix: pip install typst==0.14.0" in result.output


def test_doctor_fails_when_typst_has_no_font_folder(monkeypatch, tmp_path):
    from deedgen.render.typst import compile as typst_compile

    monkeypatch.setattr(typst_compile, "FONT_DIRS", (tmp_path / "no-fonts",))
    typst_compile.fonts.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["doctor", "--lang", "en", "--no-convert"])
    finally:
        typst_compile.fonts.cache_clear()

    assert result.exit_code == 3
    assert f"[!!] Typst fonts: font folder {tmp_path / 'no-fonts'} not found" in result.output
    assert "fix: apt-get install fonts-liberation2" in result.output


def test_doctor_says_which_font_is_substituted(monkeypatch):
    from deedgen.render import environment

    monkeypatch.setattr(
        environment, "REQUIRED_FONTS", (("Nieistniejąca Czcionka", "fonts-nieistniejace"),)
    )
    result = CliRunner().invoke(
        cli, ["doctor", "--lang", "en", "--no-convert", "--pdf-engine", "libreoffice"]
    )

    assert result.exit_code == 3
    assert "[!!] font Nieistniejąca Czcionka: missing, substituted by " in result.output
    assert "fix: apt-get install fonts-nieistniejace" in result.output
