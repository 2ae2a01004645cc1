"""The check as a whole: verdicts, the rule set as data, and the three report formats."""

from __future__ import annotations

import json

import pytest

from deedgen.compliance.check import run_check
from deedgen.compliance.rules import RULES_DIR, load_rules
from deedgen.exceptions import RulesError
from tests.compliance.factory import documents_for, fixture_sheet, sheet_from

EXPECTED_NOT_MET = ["social-actions", "mentor", "sustainability-clauses"]


@pytest.fixture
def niezgodna():
    sheet = fixture_sheet("niezgodna")
    return run_check(sheet, documents_for(sheet))


@pytest.fixture
def lipowiec(tmp_path):
    sheet = sheet_from(tmp_path)
    return run_check(sheet, documents_for(sheet))


def test_compliant_coalition(lipowiec):
    assert lipowiec.compliant
    assert lipowiec.failed_rules == [] and lipowiec.warned_rules == []
    assert len(lipowiec.passed_rules) == len(load_rules("2026").rules)
    assert lipowiec.ruleset_version == 2 and len(lipowiec.ruleset_sha256) == 64


def test_non_compliant_fixture_fails_exactly_the_expected_rules(niezgodna):
    assert not niezgodna.compliant
    assert niezgodna.failed_rules == EXPECTED_NOT_MET
    assert [f.rule_id for f in niezgodna.failures()] == EXPECTED_NOT_MET


def test_rules_follow_the_sheets_edition_unless_given(tmp_path):
    sheet = sheet_from(tmp_path, lambda d: d["coalition"].update(edition="2031"))
    with pytest.raises(RulesError, match="no funding rule set for program edition '2031'"):
        run_check(sheet, documents_for(sheet))
    report = run_check(sheet, documents_for(sheet), RULES_DIR / "2026.yaml")
    assert report.compliant
    assert "edycji 2026, a arkusz dotyczy edycji 2031" in report.to_text("pl")


def test_a_changed_parameter_flips_the_result_without_touching_code(tmp_path):
    sheet = sheet_from(tmp_path)
    shipped = (RULES_DIR / "2026.yaml").read_text(encoding="utf-8")
    stricter = shipped.replace("    params:\n      min: 2\n", "    params:\n      min: 3\n")
    assert stricter != shipped
    (tmp_path / "2026-strict.yaml").write_text(stricter, encoding="utf-8")
    report = run_check(sheet, documents_for(sheet), tmp_path / "2026-strict.yaml")
    assert report.failed_rules == ["social-actions"]
    assert report.ruleset_sha256 != load_rules("2026").sha256


def test_a_changed_severity_turns_a_failure_into_a_warning(tmp_path):
    shipped = (RULES_DIR / "2026.yaml").read_text(encoding="utf-8")
    lenient = shipped.replace(
        "  - id: mentor\n    kind: mentor\n    severity: error",
        "  - id: mentor\n    kind: mentor\n    severity: warning",
    )
    (tmp_path / "lenient.yaml").write_text(lenient, encoding="utf-8")
    sheet = fixture_sheet("niezgodna")
    report = run_check(sheet, documents_for(sheet), tmp_path / "lenient.yaml")
    assert report.failed_rules == ["social-actions", "sustainability-clauses"]
    assert report.warned_rules == ["mentor"]


def test_a_rule_with_several_problems_reports_each(tmp_path):
    def change(data):
        data["team"] = [data["team"][0]]

    sheet = sheet_from(tmp_path, change)
    report = run_check(sheet, documents_for(sheet))
    team = [f for f in report.findings if f.rule_id == "project-team"]
    assert [f.params["party"] for f in team] == ["gmina", "razem", "szkola"]
    assert {f.status for f in team} == {"warning"}  # project-team advises in 2026
    assert report.compliant


# --- text ------------------------------------------------------------------------------------


def test_text_report_reads_top_down(niezgodna):
    text = niezgodna.to_text("pl")
    lines = text.splitlines()
    assert lines[0].startswith("NIE SPEŁNIA warunków finansowania — niespełnione warunki: 3")
    assert text.index("NIESPEŁNIONE WARUNKI (3)") < text.index("SPEŁNIONE WARUNKI (13)")
    assert "✗ social-actions — Deklaracja obejmuje co najmniej dwa działania" in text
    assert "Co zrobić:" in text and "Gdzie:" in text
    assert "niezgodna.yaml:14 (coalition.continuity)" not in text  # no library given: no cause
    assert all(len(line) <= 100 for line in lines[1:])


def test_text_report_in_english(niezgodna):
    text = niezgodna.to_text("en")
    assert text.startswith("DOES NOT MEET the funding conditions")
    assert "What to do:" in text and "Where:" in text
    assert "Co zrobić" not in text and "Stwierdzono" not in text
    assert "actions addressing social problems: 1 (d1); at least 2 required" in text


def test_summary_names_the_rules_not_met(niezgodna, lipowiec):
    assert niezgodna.summary("pl").startswith(
        "NIE SPEŁNIA warunków finansowania — niespełnione warunki: 3 (social-actions, mentor, sustainability-clauses)"
    )
    assert lipowiec.summary("en").startswith("MEETS the funding conditions")


# --- JSON and Markdown -------------------------------------------------------------------------


def test_json_report(niezgodna):
    data = json.loads(niezgodna.to_json())
    assert data["compliant"] is False
    assert data["failed"] == EXPECTED_NOT_MET
    assert data["ruleset"]["version"] == 2 and len(data["ruleset"]["sha256"]) == 64
    social = next(f for f in data["findings"] if f["rule"] == "social-actions")
    assert social["status"] == "fail" and social["severity"] == "error"
    assert social["message"]["pl"].startswith("działań odpowiadających na problemy społeczne: 1")
    assert social["message"]["en"].startswith("actions addressing social problems: 1")
    assert social["fix"]["pl"] and social["fix"]["en"]
    where = social["where"][1]
    assert (where["path"], where["action"]) == ("actions[1].problem", "d2")
    assert where["file"].endswith("niezgodna.yaml") and isinstance(where["line"], int)
    passed = next(f for f in data["findings"] if f["rule"] == "program-period")
    assert passed["status"] == "pass" and passed["fix"] is None


def test_markdown_report(niezgodna):
    text = niezgodna.to_markdown("pl")
    assert text.startswith("# NIE SPEŁNIA warunków finansowania\n")
    assert "## Niespełnione warunki (3)" in text
    assert "### ✗ `social-actions`" in text
    assert "| ✓ `program-period` |" in text
    for line in text.splitlines():
        if line.startswith("| ✓"):
            assert line.count(" | ") == 1, line  # no unescaped pipe breaks a table row


def test_markdown_escapes_table_breaking_text(tmp_path):
    sheet = sheet_from(tmp_path, lambda d: d["mentor"].update(library="WBP | Kielce"))
    text = run_check(sheet, documents_for(sheet)).to_markdown("pl")
    assert "WBP \\| Kielce" in text


def test_a_loaded_rule_set_can_be_passed_in_place_of_a_path(tmp_path):
    sheet = sheet_from(tmp_path)
    ruleset = load_rules("2026")
    assert run_check(sheet, documents_for(sheet), rules=ruleset).ruleset is ruleset
    assert run_check(sheet, documents_for(sheet), rules=ruleset).ruleset is ruleset
