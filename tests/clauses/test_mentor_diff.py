"""`deedgen clause diff` word by word, wrapped to the terminal; the review annex places every
clause by its § (or the part of the plan it is printed in), never by a slot name."""

from __future__ import annotations

from click.testing import CliRunner

from deedgen.assemble import assemble_documents
from deedgen.clauses.annex import review_annex
from deedgen.clauses.library import load_library
from deedgen.cli.main import cli
from deedgen.sheet.validate import read_sheet
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import SAMPLES

NEW_PL = (
    "ust. Strony powołują Zespół Koalicji w ciągu 30 dni od podpisania Deklaracji, "
    "a jego skład ogłaszają na stronie internetowej biblioteki i gminy.\n"
    "ust.[tasks] Zadania Zespołu:\npkt. planowanie\npkt. monitorowanie"
)


def diff_output(tmp_path, central, columns: int, monkeypatch) -> str:
    """`clause diff` of an overlay on the test's central library (chosen in ./deedgen.toml)."""
    overlay(
        tmp_path, "wbp-test", clause_pair("team.composition", NEW_PL, title="Zespół", version=2)
    )
    toml = f'[library]\nlayers = ["wbp-test"]\ncentral = "{central}"\n'
    (tmp_path / "deedgen.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["clause", "diff", "team.composition"], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_diff_marks_words_and_wraps_polish_text_to_the_terminal(tmp_path, central, monkeypatch):
    output = diff_output(tmp_path, central, 50, monkeypatch)
    body = output.split("{+dodane+} ---\n", 1)[1].splitlines()

    # only the added words are marked, the rest of the line reads as it is
    assert body[0].startswith("ust. Strony powołują [-Zespół.-] {+Zespół Koalicji")
    assert "{+Zespół Koalicji w ciągu 30 dni" in " ".join(x.strip() for x in body)
    assert all(len(line) <= 50 for line in body), body
    assert any(line.startswith("    ") for line in body), "continuation lines are indented"
    # unchanged structure lines stay whole and unmarked
    assert "ust.[tasks] Zadania Zespołu:" in body and "pkt. monitorowanie" in body
    assert "+++" not in output and "@@" not in output  # no unified diff


def test_a_wider_terminal_gives_longer_lines(tmp_path, central, monkeypatch):
    narrow = diff_output(tmp_path / "a", central, 50, monkeypatch)
    wide = diff_output(tmp_path / "b", central, 160, monkeypatch)

    assert len(wide.splitlines()) < len(narrow.splitlines())
    assert max(len(x) for x in wide.split("---\n", 1)[1].splitlines()) > 50


def test_the_review_annex_places_unnumbered_clauses_by_where_they_are_printed():
    library = load_library([SAMPLES / "overlays" / "wbp-kielce"])
    documents = assemble_documents(read_sheet(SAMPLES / "lipowiec.yaml"), library, "pl")

    places = {
        kind: {row.clause_id: row.section for row in review_annex(documents[kind], library).rows}
        for kind in ("declaration", "action_plan", "evaluation_forms")
    }

    declaration = places["declaration"]
    assert declaration["parties.comparition"] == "przed § 1"
    assert declaration["preamble.recitals"] == "przed § 1"
    assert declaration["subject.subject"] == "§ 1"
    assert places["action_plan"]["plan.intro"] == "wstęp"
    assert places["action_plan"]["plan.team"] == "pkt 2"
    assert places["evaluation_forms"] == {"forms.quarterly": "część A", "forms.annual": "część B"}
    slot_names = {"head", "intro", "team", "actions", "quarterly_form", "annual_form"}
    for kind, rows in places.items():
        assert not slot_names & set(rows.values()), kind


def test_the_review_annex_written_by_build_shows_section_numbers(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["build", str(SAMPLES / "lipowiec.yaml"), "-o", str(out), "--format", "docx", "--review"],
    )

    assert result.exit_code == 0, result.output
    review = (out / "przeglad-klauzul.md").read_text(encoding="utf-8")
    assert "| przed § 1 | parties.comparition |" in review
    assert "| pkt 2 | plan.team |" in review
    assert "| head |" not in review and "| intro |" not in review
