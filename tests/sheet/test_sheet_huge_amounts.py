"""A huge amount typed in a sheet is refused at its line, in Polish, with the value shortened:
`validate` and `build` both exit 2, never a traceback, and nothing is written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli

from .conftest import SAMPLES, line_of

NINES = "9" * 2000


@pytest.mark.parametrize("typed", ['"1e30"', "1e300", "1" * 31, NINES])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_huge_amount_is_refused_at_its_line(tmp_path, typed, command):
    text = (SAMPLES / "brzeziny-nowe.yaml").read_text(encoding="utf-8")
    sheet = tmp_path / "kwota.yaml"
    sheet.write_text(text.replace('amount: "15000.00"', f"amount: {typed}", 1), encoding="utf-8")
    line = line_of(sheet, "resource: finances")
    out = tmp_path / "out"
    args = [command, str(sheet)] + (
        ["-o", str(out), "--format", "docx"] if command == "build" else []
    )

    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"kwota.yaml:{line} (contributions[0].amount): kwota jest za duża" in result.output
    assert "najwyżej 999 999 999 999,99 zł" in result.output
    assert NINES not in result.output  # 2,000 digits are shown by their start only
    assert not out.exists()
