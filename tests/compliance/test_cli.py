"""``deedgen check`` end to end on the samples: the real assembler and clause library."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.compliance.rules import RULES_DIR
from tests.helpers import SAMPLES, build_file_tree, clause_file

EXPECTED_NOT_MET = ["social-actions", "mentor", "sustainability-clauses"]


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def failed_rules(result) -> list[str]:
    return json.loads(result.stdout)["failed"]


@pytest.mark.parametrize("sample", ["lipowiec.yaml", "lipowiec.xlsx", "brzeziny-nowe.yaml"])
def test_compliant_samples_exit_0(sample):
    result = run(SAMPLES / sample)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("SPEŁNIA warunki finansowania")


@pytest.mark.parametrize("sample", ["niezgodna.yaml", "niezgodna.xlsx"])
def test_non_compliant_sample_exits_1_with_exactly_the_expected_rules(sample):
    result = run(SAMPLES / sample, "--format", "json")
    assert result.exit_code == 1, result.output
    assert failed_rules(result) == EXPECTED_NOT_MET


def test_non_compliant_report_says_what_to_do_and_where():
    result = run(SAMPLES / "niezgodna.yaml")
    assert result.exit_code == 1
    text = result.stdout
    assert text.splitlines()[0].startswith("NIE SPEŁNIA warunków finansowania")
    # the continuity clause was left out by its condition: the report points at the cell
    assert "warunek klauzuli „coalition.continuity” ma w arkuszu wartość NIE" in text
    assert "niezgodna.yaml:14 (coalition.continuity)" in text
    assert "(actions[1].problem), działanie „d2”" in text


def test_workbook_locations_are_sheet_and_cell():
    result = run(SAMPLES / "niezgodna.xlsx")
    assert result.exit_code == 1
    assert "Działania!" in result.stdout and "Koalicja!" in result.stdout


def test_invalid_sheet_exits_2_with_its_errors():
    result = run(SAMPLES / "bledy.yaml")
    assert result.exit_code == 2
    assert "arkusz zawiera błędy" in result.stderr
    assert "bledy.yaml:29 (parties[0].nip)" in result.stderr
    assert result.stdout == ""


def test_invalid_sheet_as_json():
    result = run(SAMPLES / "bledy.yaml", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["compliant"] is None and data["problems"]


def test_malformed_rule_file_exits_2_naming_file_and_rule(tmp_path):
    rules = (
        (RULES_DIR / "2026.yaml")
        .read_text(encoding="utf-8")
        .replace("kind: social_actions", "kind: social_actionz")
    )
    path = tmp_path / "broken.yaml"
    path.write_text(rules, encoding="utf-8")
    result = run(SAMPLES / "lipowiec.yaml", "--rules", path)
    assert result.exit_code == 2
    assert f"{path}:" in result.output
    assert (
        "rule 'social-actions': unknown rule kind 'social_actionz' (did you mean 'social_actions'?)"
        in result.output
    )


def test_rule_file_with_a_stricter_parameter_flips_the_verdict(tmp_path):
    rules = (
        (RULES_DIR / "2026.yaml")
        .read_text(encoding="utf-8")
        .replace("min_months: 12", "min_months: 24")
    )
    path = tmp_path / "2026.yaml"
    path.write_text(rules, encoding="utf-8")
    result = run(SAMPLES / "lipowiec.yaml", "--rules", path, "--format", "json")
    assert result.exit_code == 1
    assert failed_rules(result) == ["program-period"]


def test_markdown_and_english(tmp_path):
    result = run(SAMPLES / "niezgodna.yaml", "--format", "markdown", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith("# DOES NOT MEET the funding conditions\n")
    assert "## Conditions not met (3)" in result.stdout


def test_overlay_that_moves_a_required_clause_out_fails_although_the_data_are_fine(tmp_path):
    # an edition that also requires the personal-data clause; a local layer moves that clause
    # to the action plan: the sheet is fine, the assembled declaration is not
    rules = (
        (RULES_DIR / "2026.yaml").read_text(encoding="utf-8")
        + """
  - id: personal-data-clause
    kind: clauses_present
    severity: error
    description:
      pl: Deklaracja zawiera klauzulę o danych osobowych.
      en: The declaration contains the personal-data clause.
    params:
      clauses: [personal_data.administrators]
      document: declaration
"""
    )
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    overlay = build_file_tree(
        tmp_path / "gmina-local",
        {
            "personal_data/administrators.pl.txt": clause_file(
                "personal_data.administrators",
                "ust. Dane osobowe.",
                documents=("action_plan",),
                slot="intro",
            ),
        },
    )
    assert run(SAMPLES / "lipowiec.yaml", "--rules", tmp_path / "rules.yaml").exit_code == 0
    result = run(
        SAMPLES / "lipowiec.yaml", "--rules", tmp_path / "rules.yaml", "--library", overlay
    )
    assert result.exit_code == 1, result.output
    assert "✗ personal-data-clause" in result.stdout
    assert "warstwa „gmina-local” przypisała ją do innych dokumentów" in result.stdout
