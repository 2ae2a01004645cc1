"""Reports on stdout, diagnostics on stderr: ``deedgen build … > wynik.txt`` keeps what was
built, and the notes, progress and errors still reach the terminal."""

from __future__ import annotations

from tests.cli.conftest import SAMPLES, run_script


def test_build_writes_its_result_to_stdout_and_notes_to_stderr(tmp_path):
    out = tmp_path / "out"
    result = run_script(
        "build", SAMPLES / "niezgodna.yaml", "-o", out, "--format", "docx", "--draft", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    stdout = result.stdout.splitlines()
    assert stdout[0] == f"Porozumienie „Czytające Modrzewie” → {out}"
    assert "  deklaracja-partnerstwa.docx" in stdout and "  manifest.json" in stdout
    assert "PROJEKT" not in result.stdout
    assert result.stderr.splitlines() == [  # its funding warning, then the draft's note
        "  ! w zespole projektowym nie ma przedstawiciela strony „Gmina Modrzewie”",
        "Ostrzeżenia warunków finansowania: 1 — co zrobić, mówi zgodnosc.md.",
        "PROJEKT: koalicja nie spełnia warunków finansowania — dokumenty oznaczone jako projekt.",
    ]


def test_a_refused_build_says_so_on_stderr_and_prints_nothing_on_stdout(tmp_path):
    result = run_script("build", SAMPLES / "niezgodna.yaml", "-o", tmp_path / "out", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert "NIE SPEŁNIA warunków finansowania" in result.stderr
    assert not (tmp_path / "out").exists()


def test_batch_prints_progress_on_stderr_and_its_outcome_on_stdout(tmp_path):
    out = tmp_path / "out"
    cohort = tmp_path / "kohorta"
    cohort.mkdir()
    for name in ("lipowiec.yaml", "brzeziny-nowe.yaml"):
        (cohort / name).write_bytes((SAMPLES / name).read_bytes())

    result = run_script("batch", cohort, "-o", out, "--format", "docx", "-j", "1", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"zbudowano 2 — {result.stdout.split(' — ')[1]} — raport: {out / 'summary.html'}"
    ]
    assert "budowanie: koalicji 2" in result.stderr
    assert "[2/2] zbudowana" in result.stderr
    assert "raport" not in result.stderr


def test_a_build_names_its_funding_warnings_on_stderr(tmp_path):
    """brzeziny-nowe is compliant with two warnings (team members missing): a build that
    succeeds says them, and where the report is; lipowiec has none and says nothing."""
    done = run_script(
        "build", SAMPLES / "brzeziny-nowe.yaml", "-o", "out", "--format", "docx", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    notes = done.stderr.splitlines()
    assert (
        "  ! w zespole projektowym nie ma przedstawiciela strony „Powiatowa Biblioteka Publiczna w Zawarciu”"
        in notes
    )
    assert notes[-1] == "Ostrzeżenia warunków finansowania: 2 — co zrobić, mówi zgodnosc.md."
    assert "Ostrzeżenia" not in done.stdout and (tmp_path / "out" / "zgodnosc.md").is_file()
    quiet = run_script(
        "build", SAMPLES / "lipowiec.yaml", "-o", "l", "--format", "docx", cwd=tmp_path
    )
    assert quiet.returncode == 0 and "Ostrzeżenia" not in quiet.stderr
