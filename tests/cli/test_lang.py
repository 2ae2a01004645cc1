"""The CLI speaks Polish to a librarian unless asked otherwise: ``--lang en`` on any command,
or an English locale; help texts, click's own errors and the command's messages alike."""

from __future__ import annotations

import click
import pytest

from deedgen.cli.help_pl import HELP_PL
from tests.cli.conftest import SAMPLES


def test_build_help_is_polish_by_default(run):
    result = run("build", "--help")

    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert text.startswith("Użycie: cli build [OPCJE] ARKUSZ")
    assert "Zbuduj dokumenty jednej koalicji" in text
    assert "Opcje: -o, --output FOLDER Folder wyjściowy" in text
    assert "--doc-lang [pl|en|both] Język dokumentów" in text
    assert "[domyślnie: all]" in text
    assert "-h, --help Pokaż tę pomoc i zakończ." in text
    assert "Kody wyjścia: 0 gotowe" in text
    for english in ("Usage:", "Options:", "Show this message", "Build the documents", "default:"):
        assert english not in text


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--lang", "en", "--help"),
        ("build", "--help", "--lang=en"),
        ("--lang", "en", "build", "--help"),
    ],
)
def test_lang_en_anywhere_gives_the_english_help(run, args):
    text = " ".join(run(*args).output.split())

    assert text.startswith("Usage: cli build [OPTIONS] SHEET")
    assert "Build the documents of one coalition" in text
    assert "Show this message and exit." in text
    assert "Exit codes: 0 done" in text
    assert "Zbuduj" not in text


def test_an_english_locale_gives_english_and_lc_all_wins_over_lang(run):
    english = run("--help", env={"LANG": "en_GB.UTF-8"}).output
    polish = run("--help", env={"LANG": "en_GB.UTF-8", "LC_ALL": "pl_PL.UTF-8"}).output

    assert "Commands:" in english and "Build every coalition of a COHORT" in english
    assert "Polecenia:" in polish and "Zbuduj każdą koalicję kohorty KOHORTA" in polish


def test_the_help_language_does_not_stick_to_the_next_run(run):
    assert "Options:" in run("batch", "--help", "--lang", "en").output
    assert "Opcje:" in run("batch", "--help").output


# Each clause command's help: the Polish words it says, and the English ones it must not.
CLAUSE_HELP = {
    "list": ("Klauzule widoczne przez warstwy", "Tylko ta kategoria (folder)", "visible through"),
    "show": ("Klauzula ID w obecnej postaci", "Wersja językowa klauzuli", "as it stands"),
    "new": ("Utwórz opisany szkielet klauzuli ID", "--title TEKST", "Create a documented"),
    "edit": ("Edytuj klauzulę ID w $VISUAL/$EDITOR", "--note TEKST", "Edit clause ID"),
    "remove": ("Zapisz w najwyższej warstwie znacznik", "Dlaczego ta warstwa", "removal marker"),
    "preview": ("Klauzula ID złożona dla arkusza", "--sheet PLIK Arkusz partnerów", "rendered"),
    "lint": ("Sprawdź każdą warstwę i każdą koalicję", "--lang [pl|en] Język komunikatów", "Check"),
}


@pytest.mark.parametrize("name", sorted(CLAUSE_HELP))
def test_the_clause_commands_help_is_polish(run, name):
    text = " ".join(run("clause", name, "--help").output.split())
    head, option, english = CLAUSE_HELP[name]

    assert text.startswith(f"Użycie: cli clause {name} [OPCJE]")
    assert head in text and option in text
    assert english not in text
    assert "--library FOLDER Warstwa klauzul" in text


# command → its usage line in Polish and in English (the placeholders translated)
USAGES = {
    ("build",): ("[OPCJE] ARKUSZ", "[OPTIONS] SHEET"),
    ("batch",): ("[OPCJE] KOHORTA", "[OPTIONS] COHORT"),
    ("init",): ("[OPCJE] ŚCIEŻKA", "[OPTIONS] PATH"),
    ("evaluate",): ("[OPCJE] SPRAWOZDANIA", "[OPTIONS] REPORTS"),
    ("report", "init"): ("[OPCJE] ARKUSZ", "[OPTIONS] SHEET"),
    ("clause", "lint"): ("[OPCJE] [FOLDER]...", "[OPTIONS] [DIR]..."),
    ("studio", "serve"): ("[OPCJE] [FOLDER_ROBOCZY]", "[OPTIONS] [WORKSPACE]"),
    ("studio", "user", "add"): ("[OPCJE] FOLDER_ROBOCZY NAZWA", "[OPTIONS] WORKSPACE NAME"),
}


@pytest.mark.parametrize("command", sorted(USAGES))
def test_usage_lines_and_metavars_speak_the_message_language(run, command):
    polish, english = USAGES[command]
    pl_text = run(*command, "--help").output
    en_text = run(*command, "--help", "--lang", "en").output

    assert pl_text.splitlines()[0] == f"Użycie: cli {' '.join(command)} {polish}"
    assert en_text.splitlines()[0] == f"Usage: cli {' '.join(command)} {english}"


def test_no_english_placeholder_is_left_in_the_polish_help(run):
    from deedgen.cli.main import cli

    for path, _ in _commands(cli):
        text = run(*path.split(), "--help").output
        for word in (" TEXT", " INTEGER", " DIR", " SHEET", " COHORT", " WORKSPACE", " PATH"):
            assert word not in text, (path, word)
    english = run("--lang", "en", "clause", "new", "--help").output
    assert "--title TEXT" in english and "--order INTEGER" in english


def _commands(command: click.Command, path: str = ""):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}".strip())


def test_every_command_and_option_has_a_polish_help_text():
    from deedgen.cli.main import cli

    missing = []
    for path, command in _commands(cli):
        if path not in HELP_PL:
            missing.append(path or "deedgen")
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                long = next((o for o in param.opts if o.startswith("--")), param.opts[0])
                if long != "--help" and f"{path} {long}".strip() not in HELP_PL:
                    missing.append(f"{path} {long}".strip())
    assert missing == [], "add these to deedgen/cli/help_pl.py"


def test_clicks_own_errors_are_polish(run):
    unknown = run("build", "--nope")
    missing = run("build")
    no_folder = run("batch", "nie-ma-takiej-kohorty", "-o", "out")

    assert "Błąd: Nie ma opcji '--nope'." in unknown.output
    assert "Pomoc: 'cli build --help'." in unknown.output
    assert "Błąd: Brak argumentu 'ARKUSZ'." in missing.output
    assert "Ścieżka 'nie-ma-takiej-kohorty' nie istnieje." in no_folder.output
    assert "Did you mean" not in run("bulid").output


def test_a_missing_sheet_is_named_in_polish_with_exit_2(run, tmp_path):
    result = run("build", tmp_path / "koalicja.xlsx", "-o", tmp_path / "out")

    assert result.exit_code == 2
    assert f"Błąd: nie ma pliku {tmp_path / 'koalicja.xlsx'} — podaj ścieżkę arkusza" in (
        result.stderr
    )
    assert "no such file" not in result.output
    assert not (tmp_path / "out").exists()


def test_validate_follows_the_locale_and_lang(run):
    polish = run("validate", SAMPLES / "bledy.yaml")
    english = run("validate", SAMPLES / "bledy.yaml", env={"LANG": "en_US.UTF-8"})
    asked = run("validate", SAMPLES / "bledy.yaml", "--lang", "pl", env={"LANG": "en_US.UTF-8"})

    assert polish.exit_code == english.exit_code == asked.exit_code == 2
    assert "BŁĘDY" in polish.output and "ERRORS" in english.output and "BŁĘDY" in asked.output


def test_doc_lang_chooses_the_documents_and_lang_the_messages(run, tmp_path):
    result = run(
        "build",
        SAMPLES / "lipowiec.yaml",
        "-o",
        tmp_path,
        "--format",
        "docx",
        "--doc-lang",
        "en",
        "--lang",
        "en",
    )

    assert result.exit_code == 0, result.output
    docx = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert docx == [
        "deklaracja-partnerstwa.en.docx",
        "formularze-ewaluacji.en.docx",
        "plan-dzialan.en.docx",
        "wstepna-deklaracja.en.docx",
    ]
    assert "deprecated" not in result.stderr and "przestarzałe" not in result.stderr


def test_the_old_lang_both_still_builds_both_languages_with_a_note(run, tmp_path):
    result = run(
        "build", SAMPLES / "lipowiec.yaml", "-o", tmp_path, "--format", "docx", "--lang", "both"
    )

    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.glob("plan-dzialan*.docx")} == {
        "plan-dzialan.docx",
        "plan-dzialan.en.docx",
    }
    assert (
        "Uwaga: --lang both jako język dokumentów jest przestarzałe — napisz --doc-lang both"
        in (result.stderr)
    )
