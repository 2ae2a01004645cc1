"""``report init`` and ``studio`` (serve, user …) speak Polish by default and English with
``--lang en``, which every command accepts, after its name as before it (issue 14)."""

from __future__ import annotations

import click
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.cli.conftest import POLISH_LOCALE, SAMPLES

LIPOWIEC = SAMPLES / "lipowiec.yaml"


def invoke(*args, input=None):
    """``deedgen …`` in-process with a neutral locale and what a person types on stdin."""
    from deedgen.cli.main import cli

    return CliRunner(env=POLISH_LOCALE).invoke(cli, [str(a) for a in args], input=input)


def test_every_command_takes_lang():
    from deedgen.cli.main import cli

    def leaves(command, path=()):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from leaves(sub, (*path, name))
        else:
            yield " ".join(path), command

    without = [
        path
        for path, command in leaves(cli)
        if not any("--lang" in p.opts for p in command.params if isinstance(p, click.Option))
    ]
    assert without == []


def test_report_init_says_what_period_it_needs_in_english(run, tmp_path):
    out = tmp_path / "raport.xlsx"
    neither = run("report", "init", LIPOWIEC, "-o", out)
    neither_en = run("report", "init", LIPOWIEC, "-o", out, "--lang", "en")
    bad_en = run("report", "init", LIPOWIEC, "-o", out, "--quarter", "2026-Q9", "--lang", "en")

    assert neither.exit_code == neither_en.exit_code == bad_en.exit_code == 2
    assert "podaj --quarter (np. 2026-Q3) albo --year (np. 2026)" in neither.output
    assert "give --quarter (e.g. 2026-Q3) or --year (e.g. 2026)" in neither_en.output
    assert "invalid period '2026-Q9': expected a quarter, e.g. 2026-Q3" in bad_en.output
    assert "podaj" not in neither_en.output and "oczekiwano" not in bad_en.output


def test_report_init_says_what_it_wrote_in_english(run, tmp_path):
    out = tmp_path / "raport.xlsx"

    result = run("report", "init", LIPOWIEC, "-o", out, "--quarter", "2026-Q3", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote the report 2026-Q3: ")
    assert load_workbook(out).sheetnames  # a real workbook was written


def test_studio_accounts_in_english(tmp_path):
    ws = tmp_path / "folder"
    ws.mkdir()
    password = "dobre-hasło-1\ndobre-hasło-1\n"

    short = invoke("studio", "user", "add", ws, "ola", "--role", "mentor", "--lang", "en",
                   input="krótkie\nkrótkie\n")  # fmt: skip
    added = invoke("studio", "user", "add", ws, "ala", "--role", "librarian", "--lang", "en",
                   input=password)  # fmt: skip
    listed = invoke("studio", "user", "list", ws, "--lang", "en")
    disabled = invoke("studio", "user", "disable", ws, "ala", "--lang", "en")
    listed_pl = invoke("studio", "user", "list", ws)
    changed = invoke("studio", "user", "passwd", ws, "ala", "--lang", "en", input=password)
    missing = invoke("studio", "user", "list", tmp_path / "nie-ma", "--lang", "en")

    assert short.exit_code == 2
    assert "Password: " in short.output and "Repeat for confirmation: " in short.output
    assert "the password must have at least 10 characters" in short.output
    assert added.exit_code == 0 and "added the account ala (librarian)" in added.output
    assert "ala\tlibrarian\t\tactive" in listed.output
    assert "disabled the account ala" in disabled.output
    assert "ala\tlibrarian\t\twyłączone" in listed_pl.output  # Polish without --lang
    assert "changed the password of ala" in changed.output
    assert missing.exit_code == 2
    assert "the workspace folder does not exist" in missing.output


def test_studio_polish_prompts_by_default(run, tmp_path):
    ws = tmp_path / "folder"
    ws.mkdir()

    result = run("studio", "user", "add", ws, "ala", "--role", "operator")

    assert "Hasło: " in result.output  # then no input: click aborts
    assert run("studio", "user", "list", ws).output == ""


def test_studio_refuses_the_network_without_accounts_in_english(run, tmp_path):
    ws = tmp_path / "folder"
    ws.mkdir()

    hosted = run("studio", ws, "--host", "0.0.0.0", "--no-browser", "--lang", "en")
    proxied = run("studio", ws, "--root-path", "/studio", "--no-browser", "--lang", "en")

    assert hosted.exit_code == proxied.exit_code == 4
    assert "the studio at the address '0.0.0.0' would be reachable from the network" in (
        hosted.output
    )
    assert "First: deedgen studio user add" in hosted.output and "NAME --role operator" in (
        hosted.output
    )
    assert "the studio behind a reverse proxy would be reachable" in proxied.output
    assert "nie ma kont" not in hosted.output + proxied.output
