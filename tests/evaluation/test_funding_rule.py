"""The funding rule kind on reported facts: reported_social_actions (a warning in 2026)."""

from __future__ import annotations

from deedgen.compliance.check import check_sheet_file
from tests.helpers import SAMPLES


def test_evaluate_checks_the_years_that_ended(scenario):
    lipowiec = scenario["rows"]["2604052"]["funding"]
    assert lipowiec == [
        {
            "rule": "reported-social-actions",
            "severity": "warning",
            "status": "pass",
            "message": "działania społeczne zrealizowane w latach 2026: co najmniej 2 w każdym (d1, d2)",
        }
    ]
    klonowa = scenario["rows"]["2601223"]["funding"][0]
    assert klonowa["status"] == "warning"
    assert (
        klonowa["message"]
        == "w 2026 r. zrealizowano działań społecznych: 0, wymagane co najmniej 2 (—)"
    )


def test_check_without_reports_passes_with_a_note():
    report = check_sheet_file(SAMPLES / "lipowiec.yaml")
    finding = next(f for f in report.findings if f.rule_id == "reported-social-actions")
    assert (finding.status, finding.code) == ("pass", "reported_social_not_yet")
    assert report.compliant
