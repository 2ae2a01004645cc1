"""A Polish change leaves the English clause older: `clause edit` says so naming both files, and
lint warns when a Polish file was saved by hand after its English one. Rejected drafts are listed
by lint and removed by `clause clean --rejected`, which touches nothing else."""

from __future__ import annotations

import os
import time

from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.conftest import clause_pair, overlay
from tests.clauses.test_edit import editor  # noqa: F401 - the scripted $EDITOR fixture

LAW = clause_pair(
    "final.law",
    "ust. W sprawach nieuregulowanych stosuje się Kodeks cywilny.",
    "ust. The Civil Code applies.",
    title="Prawo",
    version=2,
)


def run(*args, **kwargs):
    return CliRunner().invoke(cli, ["clause", *map(str, args)], **kwargs)


def lint_lines(top, code):
    result = run("lint", top)
    return [x for x in result.output.splitlines() if f"[{code}]" in x], result


def test_a_polish_edit_says_the_english_clause_is_now_older_naming_both_files(tmp_path, editor):  # noqa: F811
    top = overlay(tmp_path, "gmina", LAW)
    editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")

    result = run("edit", "final.law", "--library", top, "--note", "Ustawa o bibliotekach.")

    assert result.exit_code == 0, result.output
    pl, en = top / "final" / "law.pl.txt", top / "final" / "law.en.txt"
    assert f"uwaga: tekst angielski ({en}) jest teraz starszy niż polski ({pl}, wersja 3)" in (
        result.output
    )
    warned, _ = lint_lines(top, "translation-review")
    assert warned and warned[0].startswith(f"{en}:")


def test_lint_warns_when_the_polish_file_was_saved_after_the_english_one(tmp_path):
    top = overlay(tmp_path, "gmina", LAW)
    en = top / "final" / "law.en.txt"
    assert lint_lines(top, "translation-stale")[0] == []  # written together: no warning

    day_ago = time.time() - 86_400
    os.utime(en, (day_ago, day_ago))  # the mentor changed the Polish text by hand since
    warned, result = lint_lines(top, "translation-stale")

    assert result.exit_code == 0  # a warning
    [line] = warned
    assert line.startswith(f"{en}:4: ostrzeżenie [translation-stale]: ")  # its version line
    assert "tekst angielski (law.en.txt, zapisany " in line
    assert "jest starszy niż polski (law.pl.txt, zapisany " in line and "wersja 2" in line
    os.utime(en)  # the translator saved the English text: no warning
    assert lint_lines(top, "translation-stale")[0] == []


def rejected_layer(tmp_path):
    top = overlay(tmp_path, "gmina", LAW)
    drafts = [
        top / "final" / "law.pl.txt.rejected",
        top / "final" / "law.pl.txt.rejected-2",
        top / "final" / "law.en.txt.rejected",
    ]
    for path in drafts:
        path.write_text("---\nid: final.law\n---\nust. Szkic.\n", encoding="utf-8")
    others = [
        top / "final" / "law.pl.txt",
        top / "final" / "law.en.txt",
        top / "final" / "rejected.txt",
        top / "final" / "law.pl.txt.rejected.bak",
        top / "notatki.rejected",
    ]
    for path in others[2:]:
        path.write_text("moje notatki\n", encoding="utf-8")
    return top, drafts, others


def test_lint_lists_rejected_drafts(tmp_path):
    top, drafts, _ = rejected_layer(tmp_path)

    listed, result = lint_lines(top, "rejected")

    assert result.exit_code == 0
    assert sorted(x.split(": ostrzeżenie")[0] for x in listed) == sorted(map(str, drafts))
    assert "deedgen clause clean --rejected" in listed[0]


def test_clean_rejected_lists_asks_and_removes_only_the_drafts(tmp_path):
    top, drafts, others = rejected_layer(tmp_path)

    refused = run("clean", "--rejected", "--library", top, input="n\n")
    assert refused.exit_code == 0 and "nic nie usunięto" in refused.output
    assert all(p.exists() for p in drafts)
    no_answer = run("clean", "--rejected", "--library", top, input="")
    assert no_answer.exit_code != 0 and all(p.exists() for p in drafts)

    confirmed = run("clean", "--rejected", "--library", top, input="t\n")

    assert confirmed.exit_code == 0, confirmed.output
    assert "odrzucone szkice edycji (3):" in confirmed.output
    for path in drafts:
        assert f"  {path}" in confirmed.output
        assert not path.exists()
    assert "usunięto: 3" in confirmed.output
    assert all(p.exists() for p in others)
    assert run("lint", top).exit_code == 0
    assert lint_lines(top, "rejected")[0] == []
    again = run("clean", "--rejected", "--library", top, "--yes")
    assert "brak odrzuconych szkiców" in again.output


def test_clean_with_yes_does_not_ask_and_needs_what_to_clean(tmp_path):
    top, drafts, others = rejected_layer(tmp_path)

    assert run("clean", "--library", top).exit_code == 2  # usage: say what to remove
    result = run("clean", "--rejected", "--yes", "--library", top)

    assert result.exit_code == 0 and "Usunąć" not in result.output
    assert not any(p.exists() for p in drafts) and all(p.exists() for p in others)
    assert "Usuń odrzucone szkice" in run("clean", "--help").output
