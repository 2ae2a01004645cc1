"""``deedgen doctor`` as a user sees it: what is there, what is missing and how to install it."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from deedgen.cli.main import cli


def test_doctor_reports_libreoffice_fonts_and_a_timed_test_conversion():
    result = CliRunner().invoke(cli, ["doctor"])

    assert result.exit_code == 0, result.output
    assert "[ok] LibreOffice: LibreOffice 7." in result.output
    for family in ("Liberation Serif", "Liberation Sans", "DejaVu Sans"):
        assert f"[ok] font {family}: installed: /" in result.output
    assert "[ok] test conversion: DOCX → PDF/A-2b in " in result.output
    assert "text intact" in result.output


def test_doctor_fails_and_names_the_package_when_libreoffice_is_missing(monkeypatch, tmp_path):
    (tmp_path / "fc-match").symlink_to(shutil.which("fc-match"))  # fonts still checkable
    monkeypatch.setenv("PATH", str(tmp_path))

    result = CliRunner().invoke(cli, ["doctor"])

    assert result.exit_code == 3
    assert "[!!] LibreOffice:" in result.output
    assert "fix: apt-get install libreoffice-writer-nogui" in result.output
    assert "test conversion" not in result.output  # nothing to convert with


def test_doctor_says_which_font_is_substituted(monkeypatch):
    from deedgen.render import environment

    monkeypatch.setattr(
        environment, "REQUIRED_FONTS", (("Nieistniejąca Czcionka", "fonts-nieistniejace"),)
    )
    result = CliRunner().invoke(cli, ["doctor", "--no-convert"])

    assert result.exit_code == 3
    assert "[!!] font Nieistniejąca Czcionka: missing, substituted by " in result.output
    assert "fix: apt-get install fonts-nieistniejace" in result.output
