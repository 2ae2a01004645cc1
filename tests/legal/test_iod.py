"""A public body without a data protection officer (issue 12, legal review § 3.11): an error of the
funding rules (art. 37 ust. 1 lit. a RODO) that blocks the final build; only a draft renders, with
the information clause's neutral contact line."""

from __future__ import annotations

import json

from click.testing import CliRunner
from docx import Document

from deedgen.cli.main import cli
from tests.legal.conftest import build, variant

NEUTRAL = "kontakt w sprawach ochrony danych osobowych:"


def _without_school_iod(data):
    school = next(p for p in data["parties"] if p["kind"] == "school")
    school.pop("iod_email", None)


def _without_ngo_iod(data):
    for party in data["parties"]:
        if party["kind"] not in ("library", "gmina", "school"):
            party.pop("iod_email", None)


def test_check_refuses_a_public_body_without_a_data_protection_officer(tmp_path):
    sheet = variant(tmp_path, _without_school_iod)
    result = CliRunner().invoke(cli, ["check", str(sheet), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert "data-protection-officer" in report["failed"]
    (finding,) = [f for f in report["findings"] if f["rule"] == "data-protection-officer"]
    assert (finding["severity"], finding["status"], finding["code"]) == (
        "error",
        "fail",
        "iod_missing",
    )
    assert "art. 37 ust. 1 lit. a RODO" in finding["message"]["pl"]
    assert "Szkoła Podstawowa" in finding["message"]["pl"]
    assert "E-mail IOD" in finding["fix"]["pl"]
    (place,) = finding["where"]
    assert place["path"].endswith(".iod_email") and place["party"] == "szkola"
    assert place["file"] == str(sheet) and place["line"]


def test_a_party_that_is_not_a_public_body_needs_no_officer(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(variant(tmp_path, _without_ngo_iod))])
    assert result.exit_code == 0, result.output


def test_the_final_build_is_refused_and_the_draft_carries_the_neutral_line(tmp_path):
    sheet = variant(tmp_path, _without_school_iod)
    final = CliRunner().invoke(
        cli, ["build", str(sheet), "-o", str(tmp_path / "final"), "--format", "docx"]
    )
    assert final.exit_code == 1 and "Traceback" not in final.output
    assert not (tmp_path / "final").exists()
    draft = CliRunner().invoke(
        cli, ["build", str(sheet), "-o", str(tmp_path / "draft"), "--format", "docx", "--draft"]
    )
    assert draft.exit_code == 0, draft.output
    lines = [
        p.text for p in Document(tmp_path / "draft" / "deklaracja-partnerstwa.docx").paragraphs
    ]
    entry = next(
        i for i, line in enumerate(lines) if line.endswith("w Lipowcu:") and "Szkoła" in line
    )
    assert "dane kontaktowe administratora" in lines[entry + 1]
    assert lines[entry + 2].split("\t")[-1].startswith(NEUTRAL)  # lit. b), however numbered


def test_every_public_body_of_the_samples_names_its_officer():
    for sample in ("lipowiec", "brzeziny-nowe"):
        assert NEUTRAL not in build(sample)["declaration"].full
