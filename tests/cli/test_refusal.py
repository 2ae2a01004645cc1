"""A build the funding conditions refuse says what failed and how to get a draft anyway, in
the message language."""

from __future__ import annotations

from tests.cli.conftest import SAMPLES


def test_a_refused_build_tells_how_to_get_a_draft(run, tmp_path):
    sheet = SAMPLES / "niezgodna.yaml"
    result = run("build", sheet, "-o", tmp_path / "out", "--format", "docx")

    assert result.exit_code == 1
    assert result.stderr.startswith("Błąd: NIE SPEŁNIA warunków finansowania")
    assert "✗ mentor — Działania są realizowane pod opieką mentora" in result.stderr
    hint = " ".join(result.stderr.split()[-40:])
    assert "Nie zbudowano dokumentów, bo koalicja nie spełnia warunków finansowania." in hint
    assert "(każda strona oznaczona PROJEKT, na końcu lista braków), uruchom:" in hint
    assert result.stderr.rstrip().endswith(f"deedgen build {sheet} --draft")
    assert not (tmp_path / "out").exists()


def test_the_refusal_and_its_report_are_english_in_an_english_locale(run, tmp_path):
    sheet = SAMPLES / "niezgodna.yaml"
    result = run(
        "build", sheet, "-o", tmp_path / "out", "--format", "docx", env={"LANG": "en_US.UTF-8"}
    )

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "DOES NOT MEET the funding conditions — conditions not met: 3" in result.stderr
    assert "NIE SPEŁNIA" not in result.stderr and "Nie zbudowano" not in result.stderr
    assert "For a draft to discuss with the partners" in result.stderr
    assert result.stderr.rstrip().endswith(f"deedgen build {sheet} --draft")


def test_the_suggested_draft_builds(run, tmp_path):
    result = run("build", SAMPLES / "niezgodna.yaml", "-o", tmp_path, "--format", "docx", "--draft")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "deklaracja-partnerstwa.docx").is_file()
