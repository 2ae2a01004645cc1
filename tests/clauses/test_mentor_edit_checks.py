"""`clause edit` checks the edit in the documents of the sample sheets, as lint does: a text
that fails some coalitions' build is not applied, and says which condition to add."""

from __future__ import annotations

from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.test_edit import editor  # noqa: F401 - the scripted $EDITOR fixture
from tests.helpers import ROOT


def test_an_edit_that_breaks_coalitions_without_a_treasurer_is_not_applied(tmp_path, editor):  # noqa: F811
    top = tmp_path / "gmina"
    top.mkdir()
    editor(pl_append="ust. Kontrasygnuje {{ treasurer.name }}.")

    result = CliRunner().invoke(
        cli, ["clause", "edit", "final.law", "--library", str(top), "--note", "Skarbnik"]
    )

    assert result.exit_code == 2, result.output
    assert "dodaj warunek {% if treasurer %}" in result.output
    assert "Gmina Lipowiec (lipowiec.yaml)" in result.output
    assert not (top / "final" / "law.pl.txt").exists()  # nothing applied
    assert (top / "final" / "law.pl.txt.rejected").exists()
    assert (ROOT / "clause_library" / "final" / "law.pl.txt").read_text(encoding="utf-8").count(
        "treasurer"
    ) == 0


def test_an_edit_guarded_by_the_condition_is_applied(tmp_path, editor):  # noqa: F811
    top = tmp_path / "gmina"
    top.mkdir()
    editor(
        pl_append="{% if treasurer %}\nust. Kontrasygnuje {{ treasurer.name }}.\n{% endif %}",
        en_append="{% if treasurer %}\nust. Countersigned by {{ treasurer.name }}.\n{% endif %}",
    )

    result = CliRunner().invoke(
        cli, ["clause", "edit", "final.law", "--library", str(top), "--note", "Skarbnik"]
    )

    assert result.exit_code == 0, result.output
    assert "treasurer.name" in (top / "final" / "law.pl.txt").read_text(encoding="utf-8")
