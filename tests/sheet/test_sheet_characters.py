"""Characters that validated and then broke the documents are decided where the sheet is read:
control, bidi and private-use characters refused at their line; zero-width characters removed
and accents composed, so the DOCX holds only the text the librarian sees."""

from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES, line_of

NAME = "name: Stowarzyszenie „Lipowiec Razem”"


def sheet_named(tmp_path, name: str):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    assert NAME in text
    path = tmp_path / "znaki.yaml"
    path.write_text(text.replace(NAME, f'name: "{name}"', 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\\x01", "U+0001 (znak sterujący)"),
        ("\\x07", "U+0007 (znak sterujący)"),
        ("\\e", "U+001B (znak sterujący)"),
        ("\\x85", "U+0085"),  # NEL folds to a space, so it is not refused: see below
        ("\\u202e", "U+202E (znak zmiany kierunku pisma)"),
        ("\\u2066", "U+2066 (znak zmiany kierunku pisma)"),
        ("\\ue000", "U+E000 (znak z obszaru prywatnego)"),
        ("\\ue001", "U+E001 (znak z obszaru prywatnego)"),
    ],
)
def test_a_forbidden_character_is_refused_at_its_line(tmp_path, char, kind):
    sheet = sheet_named(tmp_path, f"Stowarzyszenie{char} Przyjaciół")
    result = CliRunner().invoke(cli, ["validate", str(sheet)])
    if char == "\\x85":
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = line_of(sheet, "Stowarzyszenie")
    assert f"znaki.yaml:{line} (parties[2].name): niedozwolony znak {kind}" in result.output
    assert "na pozycji 15" in result.output


def test_invisible_characters_are_removed_and_accents_composed(tmp_path):
    typed = "Stowa\\u200brzyszenie\\ufeff Przyjacio\\u0301\\u0142 Lipowca\\u200d"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(sheet_named(tmp_path, typed)), "-o", str(out), "--format", "docx"]
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(out / "deklaracja-partnerstwa.docx").paragraphs)
    assert "Stowarzyszenie Przyjaciół Lipowca" in text
    assert not any(c in text for c in "\u200b\u200d\ufeff\u0301")


def test_docxtpl_escape_sequences_in_a_value_print_as_typed(tmp_path):
    typed = "Koło {_{ x }_} i {_% if %_} Przyjaciół"
    out = tmp_path / "out"
    sheet = sheet_named(tmp_path, typed)
    result = CliRunner().invoke(cli, ["build", str(sheet), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(out / "deklaracja-partnerstwa.docx").paragraphs)
    assert typed in text
    assert "{{ x }}" not in text
