"""Layers as a search path: overlays replace and add clauses; locked and required clauses hold."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from deedgen.clauses.library import collect_library, load_library
from deedgen.clauses.required import Requirement, funding_required_clauses
from deedgen.cli.main import cli
from deedgen.config import library_option, select_library
from deedgen.exceptions import ClauseError, ConfigError
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import ROOT

REGIONAL_TEAM = clause_pair(
    "team.composition",
    "ust. Strony powołują Zespół regionalny.\nust.[tasks] Zadania:\npkt. planowanie",
    "ust. Regional team.\nust.[tasks] Tasks:\npkt. planning",
    title="Zespół (region)",
    version=2,
    order=100,
)
REMOVE_MENTORING = {
    "mentoring/bw.pl.txt": "---\nid: mentoring.bw\nremove: true\nnote: Region bez mentora.\n---\n"
}


def test_overlay_replaces_a_clause_by_id_and_records_what_it_replaced(tmp_path, central, no_rules):
    region = overlay(tmp_path, "wbp-test", REGIONAL_TEAM)

    library = load_library([region], central=central, required=no_rules)

    team = library.get("team.composition")
    assert (team.layer, team.version, team.title) == ("wbp-test", 2, "Zespół (region)")
    assert team.source == str(region / "team" / "composition.pl.txt")
    assert team.source_in_layer == "team/composition.pl.txt"
    provenance = library.provenance("team.composition")
    assert provenance.replaced.layer == "central" and provenance.replaced.version == 1
    assert provenance.summary() == "zastępuje central v1"
    assert provenance.summary("en") == "replaces central v1"
    assert library.get("final.law").layer == "central"


def test_overlay_adds_a_new_clause(tmp_path, central, no_rules):
    region = overlay(
        tmp_path,
        "wbp-test",
        clause_pair("mentoring.visits", "ust. Wizyty studyjne.", title="Wizyty", order=310),
    )

    library = load_library([region], central=central, required=no_rules)

    assert library.get("mentoring.visits").layer == "wbp-test"
    assert "mentoring.visits" not in library.replaced
    assert [c.id for c in library.for_document("declaration")][-2:] == [
        "mentoring.visits",
        "final.law",
    ]


def test_locked_clause_cannot_be_replaced_and_the_error_names_both_files(
    tmp_path, central, no_rules
):
    region = overlay(
        tmp_path, "wbp-test", clause_pair("sustainability.continuity", "ust. Inaczej.", version=2)
    )

    with pytest.raises(ClauseError, match="jest zablokowana w warstwie central") as caught:
        load_library([region], central=central, required=no_rules)

    message = caught.value.format_message()
    assert str(central / "sustainability" / "continuity.pl.txt") in message
    assert str(region / "sustainability" / "continuity.pl.txt") in message
    assert caught.value.location.line == 2  # the id line of the overlay's file


def test_a_clause_locked_by_the_region_cannot_be_replaced_locally(tmp_path, central, no_rules):
    locked_team = clause_pair("team.composition", "ust. Regionalnie.", version=2, locked="true")
    region = overlay(tmp_path, "wbp-test", locked_team)
    local = overlay(tmp_path, "gmina", clause_pair("team.composition", "ust. Lokalnie.", version=3))

    with pytest.raises(ClauseError, match="jest zablokowana w warstwie wbp-test"):
        load_library([local, region], central=central, required=no_rules)


def test_overlay_removes_a_clause_with_a_removal_marker(tmp_path, central, no_rules):
    region = overlay(tmp_path, "wbp-test", REMOVE_MENTORING)

    library = load_library([region], central=central, required=no_rules)

    assert "mentoring.bw" not in library.clauses
    assert library.removed["mentoring.bw"].layer == "wbp-test"
    assert library.replaced["mentoring.bw"][0].layer == "central"
    with pytest.raises(ClauseError, match="usuwa ją"):
        library.get("mentoring.bw")


def test_a_more_specific_layer_can_bring_a_removed_clause_back(tmp_path, central, no_rules):
    region = overlay(tmp_path, "wbp-test", REMOVE_MENTORING)
    local = overlay(
        tmp_path, "gmina", clause_pair("mentoring.bw", "ust. Mentor lokalny.", version=2)
    )

    library = load_library([local, region], central=central, required=no_rules)

    assert library.get("mentoring.bw").layer == "gmina"
    assert "mentoring.bw" not in library.removed


def test_removal_of_a_locked_clause_is_refused_naming_both_files(tmp_path, central, no_rules):
    marker = {
        "sustainability/continuity.pl.txt": "---\nid: sustainability.continuity\nremove: true\n---\n"
    }
    region = overlay(tmp_path, "wbp-test", marker)

    with pytest.raises(
        ClauseError, match="zablokowana w warstwie central .* nie może jej usunąć"
    ) as caught:
        load_library([region], central=central, required=no_rules)

    assert str(region / "sustainability" / "continuity.pl.txt") in caught.value.format_message()
    assert caught.value.location.line == 3  # the 'remove: true' line
    assert "is locked in layer central" in caught.value.message_in("en")
    assert "cannot be removed by" in caught.value.message_in("en")


def test_removal_of_a_clause_a_funding_rule_requires_is_refused(tmp_path, central):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        'edition: "2099"\nrules:\n  - id: mentor-rule\n    kind: mentor\n    params:\n'
        "      clause: mentoring.bw\n      document: declaration\n",
        encoding="utf-8",
    )
    required = funding_required_clauses([rules])
    assert required["mentoring.bw"] == [
        Requirement("mentoring.bw", "mentor-rule", str(rules), 6, "2099")
    ]
    region = overlay(tmp_path, "wbp-test", REMOVE_MENTORING)

    with pytest.raises(
        ClauseError,
        match="jest wymagana \\(reguła finansowania „mentor-rule” \\(edycja 2099\\) w rules.yaml:6\\)",
    ):
        load_library([region], central=central, required=required)


def test_the_shipped_funding_rules_protect_their_clauses_from_removal(tmp_path):
    required = funding_required_clauses()
    assert {"mentoring.bw", "sustainability.continuity", "actions.requirements"} <= set(required)
    region = overlay(tmp_path, "wbp-test", REMOVE_MENTORING)

    with pytest.raises(ClauseError, match="mentoring.bw.*jest wymagana \\(reguła finansowania"):
        load_library([region])


def test_a_marker_that_removes_nothing_is_a_warning_not_an_error(tmp_path, central, no_rules):
    region = overlay(
        tmp_path, "wbp-test", {"team/ghost.pl.txt": "---\nid: team.ghost\nremove: true\n---\n"}
    )

    library, findings = collect_library([region], central=central, required=no_rules)

    assert [(f.code, f.severity) for f in findings] == [("removal", "warning")]
    assert (
        load_library([region], central=central, required=no_rules).clauses.keys()
        == library.clauses.keys()
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nid: mentoring.bw\nremove: true\n---\nust. Tekst.\n", "nie ma tekstu"),
        ("---\nid: mentoring.bw\nremove: yes please\n---\n", "jedyna wartość to true"),
        ("---\nid: mentoring.bw\nremove: true\ntitle: X\n---\n", "ma tylko klucze"),
    ],
)
def test_a_malformed_removal_marker_is_an_error(tmp_path, central, no_rules, text, message):
    region = overlay(tmp_path, "wbp-test", {"mentoring/bw.pl.txt": text})

    with pytest.raises(ClauseError, match=message):
        load_library([region], central=central, required=no_rules)


def test_the_same_id_twice_in_one_layer_is_an_error(tmp_path, central, no_rules):
    twice = {
        **clause_pair("team.extra", "ust. A."),
        "other/extra.pl.txt": clause_pair("team.extra", "ust. B.")["team/extra.pl.txt"],
    }
    region = overlay(tmp_path, "wbp-test", twice)

    with pytest.raises(ClauseError, match="występuje w warstwie wbp-test dwa razy"):
        load_library([region], central=central, required=no_rules)


def test_every_broken_file_is_reported_at_once(tmp_path, central, no_rules):
    region = overlay(
        tmp_path,
        "wbp-test",
        {"team/a.pl.txt": "---\nid: team.a\n", "team/b.pl.txt": "no front matter\n"},
    )

    with pytest.raises(ClauseError, match="problemów w bibliotece klauzul: 2") as caught:
        load_library([region], central=central, required=no_rules)

    assert (
        "a.pl.txt:1" in caught.value.format_message()
        and "b.pl.txt:1" in caught.value.format_message()
    )


def test_a_layer_nested_in_another_is_read_only_once(tmp_path, central, no_rules):
    local = tmp_path / "coalition"
    region = overlay(local, "wbp-test", REGIONAL_TEAM)
    overlay(tmp_path, "coalition", clause_pair("promotion.press", "ust. Gazeta."))

    library = load_library([local, region], central=central, required=no_rules)

    assert library.get("team.composition").layer == "wbp-test"
    assert library.get("promotion.press").layer == "coalition"


def test_blank_lines_after_the_metadata_keep_body_lines_true(tmp_path, central, no_rules):
    text = clause_pair("team.extra", "ust. A.")["team/extra.pl.txt"].replace(
        "---\nust.", "---\n\n\nust."
    )
    region = overlay(tmp_path, "wbp-test", {"team/extra.pl.txt": text})

    clause = load_library([region], central=central, required=no_rules).get("team.extra")

    assert clause.texts["pl"].body_line == text.split("\n").index("ust. A.") + 1


# --- choosing the layers: --library and deedgen.toml ---------------------------------------------


def test_deedgen_toml_layers_are_relative_to_the_file(tmp_path, monkeypatch):
    region = overlay(tmp_path, "wbp-test", REGIONAL_TEAM)
    coalition = tmp_path / "coalition"
    coalition.mkdir()
    (coalition / "deedgen.toml").write_text(
        '[library]\nlayers = [".", "../wbp-test"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(coalition)

    selection = select_library(())

    assert selection.overlays == (coalition.resolve(), region.resolve())
    assert "deedgen.toml" in selection.origin


def test_library_option_on_the_command_line_beats_deedgen_toml(tmp_path, monkeypatch):
    region = overlay(tmp_path, "wbp-test", REGIONAL_TEAM)
    (tmp_path / "deedgen.toml").write_text('[library]\nlayers = ["wbp-test"]\n', encoding="utf-8")
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path)

    assert select_library(("other",)).overlays == (Path("other"),)
    assert select_library(()).overlays == (region.resolve(),)


def test_deedgen_toml_naming_a_missing_folder_says_which_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "deedgen.toml").write_text(
        '# layers\n[library]\nlayers = ["../nowhere"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    with pytest.raises(ConfigError, match="layers: folder not found") as caught:
        select_library(())

    assert caught.value.location.line == 3


def test_library_option_gives_a_command_the_selection(tmp_path):
    region = overlay(tmp_path, "wbp-test", REGIONAL_TEAM)

    @click.command()
    @library_option
    def probe(library):
        click.echo(f"{library.origin}: {[p.name for p in library.overlays]}")

    result = CliRunner().invoke(probe, ["--library", str(region)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "--library: ['wbp-test']"
    missing = CliRunner().invoke(probe, ["--library", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "folder not found" in missing.output


# --- provenance as a mentor sees it -----------------------------------------------------------------


def central_version(clause_id: str) -> int:
    return load_library([]).get(clause_id).version


def test_clause_show_reports_layer_file_version_and_what_it_replaces(tmp_path):
    region = ROOT / "samples" / "overlays" / "wbp-kielce"
    central_v = central_version("mentoring.bw")

    result = CliRunner().invoke(cli, ["clause", "show", "mentoring.bw", "--library", str(region)])

    assert result.exit_code == 0, result.output
    assert "wersja 4 · warstwa wbp-kielce" in result.output
    assert f"plik: {region / 'mentoring' / 'bw.pl.txt'}" in result.output
    assert (
        f"zastępuje: central v{central_v} ({ROOT / 'clause_library' / 'mentoring' / 'bw.pl.txt'})"
        in result.output
    )
    english = CliRunner().invoke(
        cli, ["--lang", "en", "clause", "show", "mentoring.bw", "--library", str(region)]
    )
    assert "version 4 · layer wbp-kielce" in english.output
    assert f"file: {region / 'mentoring' / 'bw.pl.txt'}" in english.output


def test_clause_list_marks_overrides_locks_and_filters_by_layer():
    region = ROOT / "samples" / "overlays" / "wbp-kielce"

    result = CliRunner().invoke(
        cli, ["clause", "list", "--library", str(region), "--category", "mentoring"]
    )
    lines = {
        line.split()[0]: line
        for line in result.output.splitlines()
        if line.startswith("mentoring.")
    }

    assert result.exit_code == 0, result.output
    replaces = f"central v{central_version('mentoring.bw')}"
    assert replaces in lines["mentoring.bw"] and "wbp-kielce" in lines["mentoring.bw"]
    assert "mentoring.networking" in lines
    only_region = CliRunner().invoke(
        cli, ["clause", "list", "--library", str(region), "--layer", "wbp-kielce"]
    )
    assert {
        line.split()[0] for line in only_region.output.splitlines() if "." in line.split()[0]
    } >= {"mentoring.bw"}
    assert "sustainability.continuity" not in only_region.output
    locked = CliRunner().invoke(cli, ["clause", "list", "--category", "sustainability"])
    assert any(
        "zablokowana" in line
        for line in locked.output.splitlines()
        if line.startswith("sustainability.continuity")
    )
    assert "klauzule: " in locked.output and "warstwy: central" in locked.output
    english = CliRunner().invoke(
        cli, ["--lang", "en", "clause", "list", "--category", "sustainability"]
    )
    assert "locked" in english.output and "clause(s) · layers: central" in english.output


def test_clause_diff_shows_metadata_changes_and_a_word_diff():
    region = ROOT / "samples" / "overlays" / "wbp-kielce"

    result = CliRunner().invoke(cli, ["clause", "diff", "mentoring.bw", "--library", str(region)])

    assert result.exit_code == 0, result.output
    central_v = central_version("mentoring.bw")
    assert f"version: {central_v} → 4" in result.output
    assert f"zastępuje central v{central_v} (" in result.output
    assert "{+pkt.[consultations]" in result.output
    nothing = CliRunner().invoke(cli, ["clause", "diff", "final.law"])
    assert "niczego nie zastępuje" in nothing.output


def test_clause_show_doc_lang_picks_the_version_and_lang_keeps_its_old_meaning_with_a_note():
    region = ROOT / "samples" / "overlays" / "wbp-kielce"
    base = ["clause", "show", "mentoring.bw", "--library", str(region)]

    english_text = CliRunner().invoke(cli, [*base, "--doc-lang", "en"])
    assert english_text.exit_code == 0, english_text.output
    assert f"plik: {region / 'mentoring' / 'bw.en.txt'}" in english_text.output  # Polish labels
    assert "przestarzałe" not in english_text.stderr

    old_spelling = CliRunner().invoke(cli, [*base, "--lang", "en"])
    assert old_spelling.exit_code == 0, old_spelling.output
    assert f"file: {region / 'mentoring' / 'bw.en.txt'}" in old_spelling.stdout
    assert "write --doc-lang en" in old_spelling.stderr
