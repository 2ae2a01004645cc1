"""`deedgen clause lint`: every kind of finding, each with its file and line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.clauses.data_model import data_model
from deedgen.clauses.findings import describe
from deedgen.clauses.lint import lint_library
from deedgen.cli.main import cli
from tests.clauses.conftest import clause_pair, en_file, overlay
from tests.helpers import ROOT, SAMPLES, clause_file

LINE_OF_BODY = 9  # clause_file: 7 metadata lines + 2 '---' → the body starts on line 9


@pytest.fixture(scope="module")
def model():
    return data_model([SAMPLES / "lipowiec.yaml"])


def findings_for(tmp_path, central, model, files, *, layers=None):
    region = overlay(tmp_path, "wbp-test", files)
    report = lint_library(layers or [region], central=central, model=model)
    return report, region


def only(report, code):
    found = [f for f in report.findings if f.code == code]
    assert found, f"no {code} finding in {[describe(f) for f in report.findings]}"
    return found


# Each case: a clause body → the finding's code and its line within the body (1 = first line).
BODY_CASES = [
    ("jinja-syntax", "ust. Tekst.\nust. {% if %}", 2),
    ("structure", "ust. Tekst:\nlit. bez punktu", 2),
    ("structure", "ust.[a] A.\nust.[a] B.", 2),
    ("structure", "ust. A:\npkt. x\nwsp. razem\npkt. po części wspólnej", 4),
    ("structure", "ust. A:\npkt.bez spacji", 2),
    ("placeholder", "ust. Tekst.\nust. {{ koalicja.nazwa }}", 2),
    ("attribute", "ust. Tekst.\nust. {{ coalition.nmae }}", 2),
    ("attribute", "ust. A:\n{% for p in parties %}\npkt. {{ p.short_nam }}\n{% endfor %}", 3),
    ("filter", "ust. {{ coalition.name | shout }}", 1),
    ("reference", "ust. Tekst.\nust. Zob. §[team.nothing].", 2),
    ("anchor", "ust. Tekst.\n\nust. Zob. §[team.composition#nope].", 3),
    ("sandbox", "ust. {{ ''.__class__.__mro__ }}", 1),
    ("sandbox", "ust. A.\nust. {{ coalition.__globals__ }}", 2),
    ("sandbox", "ust. A.\n{% include 'other.txt' %}", 2),
    ("sandbox", "{% import 'macros' as m %}\nust. A.", 1),
    ("sandbox", "ust. {{ parties.append(1) }}", 1),
    ("sandbox", "ust. {{ coalition | attr('__class__') }}", 1),
    ("render", "ust. A.\nust. {{ 1 / 0 }}", 2),
]


@pytest.mark.parametrize(
    ("code", "body", "line"), BODY_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(BODY_CASES)]
)
def test_each_body_finding_has_its_file_and_line(tmp_path, central, model, code, body, line):
    report, region = findings_for(
        tmp_path, central, model, clause_pair("team.extra", body, en_body=False, order=150)
    )

    found = only(report, code)
    path = str(region / "team" / "extra.pl.txt")
    assert (found[0].location.file, found[0].location.line) == (path, LINE_OF_BODY + line - 1)
    assert report.exit_code == 2


# Each case: extra metadata → the finding's code, and the metadata key whose line it points at.
META_CASES = [
    ("condition", {"condition": "gmina_contributes_money and"}, "condition"),  # cannot compile
    ("condition", {"condition": "koalicja.continuity"}, "condition"),  # unknown name
    ("condition", {"condition": "coalition.term_years > 'x'"}, "condition"),  # fails on the sample
    ("fallback", {"condition": "mentor is none", "fallback": "financing.missing"}, "fallback"),
    ("requires", {"requires": "[koalicja.name]"}, "requires"),
    ("syntax", {"slot": "nowhere", "documents": ("action_plan",)}, "slot"),
]


@pytest.mark.parametrize(
    ("code", "meta", "key"), META_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(META_CASES)]
)
def test_each_metadata_finding_points_at_its_key(tmp_path, central, model, code, meta, key):
    files = {"team/extra.pl.txt": clause_file("team.extra", "ust. Tekst.", **meta)}
    report, region = findings_for(tmp_path, central, model, files)

    found = only(report, code)
    lines = (region / "team" / "extra.pl.txt").read_text(encoding="utf-8").split("\n")
    assert found[0].location.line == next(
        i for i, x in enumerate(lines, 1) if x.startswith(f"{key}:")
    )


def test_front_matter_errors_are_findings_with_their_line(tmp_path, central, model):
    files = {
        "team/extra.pl.txt": "---\nid: team.extra\ntitle: [unclosed\nversion: 1\n---\nust. A.\n"
    }
    report, region = findings_for(tmp_path, central, model, files)

    found = only(report, "syntax")
    assert found[0].location.file == str(region / "team" / "extra.pl.txt")
    assert found[0].location.line in (3, 4)


def test_missing_and_outdated_language_variants(tmp_path, central, model):
    files = {
        **clause_pair("team.extra", "ust. A.", en_body=False),
        "team/other.pl.txt": clause_file("team.other", "ust. A.", version=2),
        "team/other.en.txt": en_file("team.other", "ust. A.", version=1),
        "team/orphan.en.txt": en_file("team.orphan", "ust. A."),
    }
    report, region = findings_for(tmp_path, central, model, files)

    by_file = {(f.location.file, f.location.line): f for f in only(report, "language")}
    assert by_file[(str(region / "team" / "extra.pl.txt"), 2)].severity == "warning"
    assert by_file[(str(region / "team" / "other.en.txt"), 4)].severity == "error"  # version line
    assert (str(region / "team" / "orphan.en.txt"), 1) in by_file


def test_anchors_must_match_between_languages(tmp_path, central, model):
    files = clause_pair("team.extra", "ust.[a] A.\nust.[b] B.", "ust.[a] A.\nust. B.")
    report, region = findings_for(tmp_path, central, model, files)

    found = only(report, "anchor")
    assert found[0].location.file == str(region / "team" / "extra.en.txt")
    assert "b" in found[0].message()


def test_duplicate_ids_locked_overrides_and_forbidden_removals(tmp_path, central, model):
    files = {
        **clause_pair("team.extra", "ust. A."),
        "other/extra.pl.txt": clause_file("team.extra", "ust. B."),
        **clause_pair("sustainability.continuity", "ust. Inaczej.", version=2),
        "final/law.pl.txt": "---\nid: final.law\nremove: true\n---\n",
    }
    region = overlay(tmp_path, "wbp-test", files)
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: law\n    kind: clauses_present\n    params: {clauses: [final.law]}\n",
        encoding="utf-8",
    )

    from deedgen.clauses.library import collect_library
    from deedgen.clauses.required import funding_required_clauses

    _, findings = collect_library(
        [region], central=central, required=funding_required_clauses([rules])
    )
    codes = {f.code: f for f in findings}

    assert codes["duplicate-id"].location.line == 2
    assert codes["locked-override"].location.file == str(
        region / "sustainability" / "continuity.pl.txt"
    )
    assert codes["locked-override"].related.file == str(
        central / "sustainability" / "continuity.pl.txt"
    )
    assert codes["required-removal"].location == codes["required-removal"].location.__class__(
        file=str(region / "final" / "law.pl.txt"), line=3
    )
    assert codes["required-removal"].related.line == 4


def test_lint_reports_locked_removal_and_a_reference_to_a_removed_clause(tmp_path, central, model):
    files = {
        "sustainability/continuity.pl.txt": "---\nid: sustainability.continuity\nremove: true\n---\n",
        "team/composition.pl.txt": "---\nid: team.composition\nremove: true\n---\n",
    }
    region = overlay(tmp_path, "wbp-test", files)

    report = lint_library([region], central=central, model=model)

    assert only(report, "locked-removal")[0].location.line == 3
    removed_ref = only(report, "reference")[0]
    assert removed_ref.location.file == str(central / "mentoring" / "bw.pl.txt")
    removal = region / "team" / "composition.pl.txt"
    assert f"odsyła do klauzuli team.composition, ale usuwa ją {removal}" in removed_ref.message()
    assert f"refers to clause team.composition, but it is removed by {removal}" in (
        removed_ref.message("en")
    )


def test_attribute_paths_in_a_condition_are_checked_against_the_sample_sheet(
    tmp_path, central, model
):
    files = {
        "team/extra.pl.txt": clause_file("team.extra", "ust. A.", condition="mentor.nmae == 'x'")
    }
    report, _ = findings_for(tmp_path, central, model, files)

    found = only(report, "attribute")[0]
    assert "mentor.nmae" in found.message() and found.location.line == 8  # the condition line


def test_a_clean_overlay_passes_and_the_cli_exits_0(tmp_path, central, model):
    region = overlay(
        tmp_path,
        "wbp-test",
        clause_pair("team.extra", "ust. {{ coalition.name }}: zob. §[team.composition#tasks]."),
    )

    report = lint_library([region], central=central, model=model)

    assert report.errors == [] and report.exit_code == 0


def test_cli_prints_file_line_and_exits_2_on_errors(tmp_path):
    region = overlay(
        tmp_path, "wbp-test", clause_pair("team.extra", "ust. A.\nust. {{ nieznane }}")
    )

    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--sheet", str(SAMPLES / "lipowiec.yaml")]
    )

    assert result.exit_code == 2
    assert "extra.pl.txt:10: błąd [placeholder]: nieznana nazwa „nieznane”" in result.output
    as_json = CliRunner().invoke(cli, ["clause", "lint", str(region), "--format", "json"])
    data = json.loads(as_json.output)
    assert {"code": "placeholder", "line": 10} in [
        {"code": f["code"], "line": f["line"]} for f in data["findings"]
    ]


def test_the_central_library_is_clean():
    result = CliRunner().invoke(cli, ["clause", "lint"])

    assert result.exit_code == 0, result.output
    assert "błędy: 0," in result.output


def test_the_sample_overlays_are_clean():
    overlays = [
        ROOT / "samples" / "overlays" / "lipowiec",
        ROOT / "samples" / "overlays" / "wbp-kielce",
    ]

    report = lint_library(overlays)

    assert report.errors == [], [describe(f) for f in report.errors]
    assert [layer.name for layer in report.layers] == ["lipowiec", "wbp-kielce", "central"]


def test_overrides_to_review_are_warnings_on_the_version_line(tmp_path, central, model):
    stale = clause_pair(
        "team.composition",
        "ust. Zespół.\nust.[tasks] Zadania:\npkt. planowanie",
        "ust. Team.\nust.[tasks] Tasks:\npkt. planning",
        version=1,
        changes="[{date: 2026-01-05, version: 1, note: regional, base: central v0}]",
    )
    report, region = findings_for(tmp_path, central, model, stale)

    same_version = only(report, "override-version")[0]
    assert same_version.severity == "warning" and same_version.location.line == 4
    outdated = only(report, "stale-override")[0]
    assert "powstała na central v0, a zastępuje teraz central v1" in outdated.message()
    assert "made on central v0, but it now replaces central v1" in outdated.message("en")
    assert "wersja 1 nie jest wyższa od wersji, którą zastępuje (central v1)" in (
        same_version.message()
    )
    assert outdated.location == same_version.location.__class__(
        file=str(region / "team" / "composition.pl.txt"), line=8
    )
    assert report.exit_code == 0
