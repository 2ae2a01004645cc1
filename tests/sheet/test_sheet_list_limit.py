"""One limit on the rows of a table, the same whatever the sheet's format: 501 parties are
refused at the table with the count, not numbered until the letters ran out (IndexError)."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from deedgen.assemble.numbering import letter
from deedgen.cli.main import cli
from deedgen.sheet.fields import MAX_ITEMS

from .conftest import SAMPLES


def many_parties(count: int) -> dict:
    data = yaml.safe_load((SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8"))
    model = data["parties"][-1]
    extra = [{**model, "id": f"p{i}", "name": f"Partner {i}"} for i in range(count)]
    data["parties"] = data["parties"] + extra
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_more_rows_than_the_limit_are_refused_with_the_count(tmp_path, suffix):
    data = many_parties(MAX_ITEMS)
    path = tmp_path / f"duzo{suffix}"
    text = json.dumps(data, ensure_ascii=False) if suffix == ".json" else yaml.safe_dump(data)
    path.write_text(text, encoding="utf-8")

    result = CliRunner().invoke(cli, ["validate", str(path)])

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    found = len(data["parties"])
    assert f"(parties): za dużo wierszy: {found}, dopuszczalne {MAX_ITEMS}" in result.output


def test_list_letters_never_run_out():
    assert [letter(i) for i in (0, 25, 26, 51, 701, 702, 703)] == [
        "a", "z", "aa", "az", "zz", "aaa", "aab",
    ]  # fmt: skip
