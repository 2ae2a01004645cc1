"""A build the funding conditions refuse says what failed and how to get a draft anyway, in
the message language."""

from __future__ import annotations

from tests.cli.conftest import SAMPLES, run_script


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


def test_a_wrong_path_is_invalid_input_and_a_wrong_call_is_usage(tmp_path):
    """The console script's exit codes, as the table in every --help says: a file where the
    output folder belongs, a folder given as the sheet or a cohort that is not there is wrong
    input (2); an unknown option or a port out of range is a wrong call (4)."""
    (tmp_path / "plik").write_text("", encoding="utf-8")
    sheet = SAMPLES / "lipowiec.yaml"
    for args in (
        ["build", sheet, "-o", "plik"],
        ["validate", tmp_path],
        ["batch", tmp_path / "nie-ma", "-o", "wyniki"],
    ):
        done = run_script(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert "Błąd: Błędna wartość" in done.stderr and "Traceback" not in done.stderr
    for args in (["build", "--nieznana"], ["studio", tmp_path, "--port", "99999"]):
        done = run_script(*args, cwd=tmp_path)
        assert done.returncode == 4, (args, done.stderr)
    assert (tmp_path / "plik").read_text(encoding="utf-8") == ""
