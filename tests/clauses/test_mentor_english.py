"""A mentor's clause commands speak Polish by default and English with ``--lang en`` (issue 14):
``clause lint``'s notes on the sheets it skipped and the ``{% if %}`` branches no sheet takes,
``clause diff``, ``clause clean``, ``clause preview``, the refusal to write through a symbolic
link, and the render limits of the sandbox (time, recursion, size, operators)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.conftest import clause_pair, overlay
from tests.clauses.test_edit import editor  # noqa: F401 - the scripted $EDITOR fixture
from tests.clauses.test_edit_symlinks import layer_with_target, snapshot
from tests.clauses.test_mentor_translation import LAW, rejected_layer
from tests.helpers import SAMPLES

NEUTRAL = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}  # no English from the locale
LIPOWIEC = SAMPLES / "lipowiec.yaml"


def run(*args, input=None):
    return CliRunner(env=NEUTRAL).invoke(cli, ["clause", *map(str, args)], input=input)


def in_both(*args, input=None):
    """The same command by default (Polish) and with --lang en."""
    return run(*args, input=input), run(*args, "--lang", "en", input=input)


# --- clause lint: the notes after the findings ------------------------------------------------

BRANCHES = clause_pair(
    "promotion.schools",
    "ust. Promocja.\n{% if schools | length > 50 %}\nust. Szkoły.\n{% endif %}\n"
    "{% if partners %}\nust. Partnerzy.\n{% else %}\nust. Brak.\n{% endif %}\n"
    "{% if partners %}\nust. A.\n{% elif schools %}\nust. B.\n{% endif %}",
    "ust. Promotion.",
    title="Promocja w szkołach",
    order=460,
)


def test_lint_says_which_sheets_it_skipped_and_which_branches_it_never_took_in_english(tmp_path):
    region = overlay(tmp_path, "wbp-test", BRANCHES)
    bad = SAMPLES / "bledy.yaml"
    args = ("lint", region, "--sheet", LIPOWIEC, "--sheet", bad)

    polish, english = in_both(*args)

    assert polish.exit_code == english.exit_code == 0, english.output
    pl_file = region / "promotion" / "schools.pl.txt"
    assert f"pominięto bledy.yaml: arkusz niepoprawny (sprawdź: deedgen validate {bad})" in (
        polish.output
    )
    assert "gałęzie {% if %}, przez które nie przeszedł żaden arkusz:" in polish.output
    assert "warunek niespełniony dla żadnego arkusza" in polish.output
    assert "żaden arkusz nie wybiera {% elif %} nr 1" in polish.output

    assert f"skipped bledy.yaml: the sheet is invalid (check: deedgen validate {bad})" in (
        english.output
    )
    assert "{% if %} branches no sheet went through:" in english.output
    assert f"  {pl_file}:10 {{% if schools | length > 50 %}}: the condition holds for no sheet" in (
        english.output
    )
    assert (
        f"  {pl_file}:13 {{% if partners %}}: the condition holds for every sheet "
        "({% else %} untested)"
    ) in english.output
    assert f"  {pl_file}:18 {{% if partners %}}: no sheet takes {{% elif %}} no. 1" in (
        english.output
    )
    for polish_word in ("pominięto", "gałęzie", "warunek", "arkusz", "żaden"):
        assert polish_word not in english.output


def test_lint_json_gives_the_notes_in_the_message_language(tmp_path):
    region = overlay(tmp_path, "wbp-test", BRANCHES)
    args = ("lint", region, "--sheet", LIPOWIEC, "--sheet", SAMPLES / "bledy.yaml")

    polish, english = (json.loads(r.output) for r in in_both(*args, "--format", "json"))

    assert polish["notes"][0].startswith("pominięto bledy.yaml")
    assert english["notes"][0].startswith("skipped bledy.yaml: the sheet is invalid")
    assert polish["untested_branches"][0].endswith("warunek niespełniony dla żadnego arkusza")
    assert english["untested_branches"][0].endswith("the condition holds for no sheet")


# --- clause diff, clean, preview, edit ---------------------------------------------------------


def test_diff_speaks_english_with_lang_en(tmp_path, central, monkeypatch):
    text = "ust. Strony powołują Zespół Koalicji.\nust.[tasks] Zadania Zespołu:\npkt. planowanie"
    overlay(tmp_path, "wbp-test", clause_pair("team.composition", text, version=2))
    toml = f'[library]\nlayers = ["wbp-test"]\ncentral = "{central}"\n'
    (tmp_path / "deedgen.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    polish, english = in_both("diff", "team.composition", "--doc-lang", "pl")

    assert polish.exit_code == english.exit_code == 0, english.output
    assert "  zastępuje central v1 (" in polish.output
    assert "--- pl: [-usunięte-] {+dodane+} ---" in polish.output
    assert "  replaces central v1 (" in english.output
    assert "--- pl: [-removed-] {+added+} ---" in english.output
    assert "{+Zespół Koalicji.+}" in english.output  # the clause's own text stays as it is written
    assert "zastępuje" not in english.output and "usunięte" not in english.output


def test_diff_of_a_removed_clause_in_english(tmp_path, central, monkeypatch):
    top = tmp_path / "gmina"
    top.mkdir()
    toml = f'[library]\nlayers = ["gmina"]\ncentral = "{central}"\n'
    (tmp_path / "deedgen.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("remove", "final.law", "--note", "Nie dotyczy.").exit_code == 0

    polish, english = in_both("diff", "final.law", "--doc-lang", "pl")

    marker = top / "final" / "law.pl.txt"
    assert f"final.law: usunięta przez {marker}\n  (była: central v1: " in polish.output
    assert f"final.law: removed by {marker}\n  (was: central v1: " in english.output


def test_clean_lists_asks_and_reports_in_english(tmp_path):
    top, drafts, others = rejected_layer(tmp_path)

    unanswered = run("clean", "--rejected", "--library", top, "--lang", "en", input="")
    what = run("clean", "--library", top, "--lang", "en")
    confirmed = run("clean", "--rejected", "--library", top, "--lang", "en", input="y\n")
    again = run("clean", "--rejected", "--library", top, "--lang", "en")

    assert unanswered.exit_code == 2
    assert "nothing removed: confirm (y) or pass --yes" in unanswered.output
    assert what.exit_code == 2 and "remove what? pass --rejected" in what.output
    assert confirmed.exit_code == 0, confirmed.output
    assert "rejected edit drafts (3):" in confirmed.output
    assert "Remove these files? [y/N]" in confirmed.output
    assert "removed: 3" in confirmed.output
    assert not any(p.exists() for p in drafts) and all(p.exists() for p in others)
    assert f"no rejected drafts in the layers: {top.name}" in again.output
    for polish_word in ("odrzucone", "Usunąć", "usunięto", "brak"):
        assert polish_word not in confirmed.output + again.output + unanswered.output


def test_clean_keeps_the_drafts_when_the_answer_is_no_in_either_language(tmp_path):
    top, drafts, _ = rejected_layer(tmp_path)

    polish, english = in_both("clean", "--rejected", "--library", top, input="n\n")

    assert "Usunąć te pliki? [t/N]" in polish.output and "nic nie usunięto" in polish.output
    assert "nothing removed" in english.output
    assert all(p.exists() for p in drafts)


def test_preview_says_why_a_clause_is_absent_in_english():
    args = ("preview", "financing.budget", "--sheet", LIPOWIEC, "--doc-lang", "pl")

    polish, english = in_both(*args)

    assert polish.exit_code == english.exit_code == 0, english.output
    assert (
        "financing.budget nie ma w tym dokumencie: jej warunek „jst_contributes_money” jest "
        "fałszywy dla tego arkusza"
    ) in polish.output
    assert "w jej miejscu zastępstwo (fallback) financing.none:" in polish.output
    assert (
        "financing.budget is not in this document: its condition 'jst_contributes_money' is "
        "false for this sheet"
    ) in english.output
    assert "in its place, the fallback financing.none:" in english.output
    assert "Brak skutków finansowych" in english.output  # --doc-lang pl: the Polish clause


def test_edit_says_the_english_text_is_now_older_in_english(tmp_path, editor):  # noqa: F811
    top = overlay(tmp_path, "gmina", LAW)
    editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")

    result = run("edit", "final.law", "--library", top, "--note", "Ustawa.", "--lang", "en")

    assert result.exit_code == 0, result.output
    pl, en = top / "final" / "law.pl.txt", top / "final" / "law.en.txt"
    assert f"note: the English text ({en}) is now older than the Polish one ({pl}, version 3)" in (
        result.output
    )
    assert "uwaga" not in result.output


# --- writes through symbolic links -------------------------------------------------------------


def test_a_write_through_a_link_inside_the_layer_is_refused_in_english(tmp_path):
    top, target = layer_with_target(tmp_path, "gmina/inne")
    link = top / "promotion"
    link.symlink_to(target, target_is_directory=True)
    before = snapshot(tmp_path)

    polish, english = in_both("new", "promotion.press", "--library", top)

    assert polish.exit_code == english.exit_code == 2
    assert f"odmowa zapisu: {link} to dowiązanie symboliczne" in polish.output
    assert "Nic nie zostało zapisane." in polish.output
    assert f"write refused: {link} is a symbolic link (to {target})" in english.output
    assert "Nothing was written." in english.output
    assert "dowiązanie" not in english.output and "Traceback" not in english.output
    assert snapshot(tmp_path) == before


def test_a_link_out_of_the_layer_is_refused_in_english(tmp_path):
    top, target = layer_with_target(tmp_path, "poza")
    (top / "promotion").symlink_to(target, target_is_directory=True)

    english = run("new", "promotion.press", "--library", top, "--lang", "en")

    assert english.exit_code == 2
    assert "a symbolic link leads out of the layer gmina" in english.output
    assert "dowiązanie" not in english.output


# --- the sandbox's render limits ---------------------------------------------------------------

RUNAWAY = {  # clause id: (body, condition, the Polish words, the English words)
    "team.loops": (
        "ust. {% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
        None,
        "kod odrzucony przez piaskownicę (przekroczony limit czasu (1 s na klauzulę))",
        "template code refused by the sandbox (the clause took longer than 1 s of CPU time",
    ),
    "team.macro": (
        "ust. {% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        None,
        "zbyt głęboka rekurencja (makro wywołuje samo siebie?)",
        "recursion too deep (a macro that calls itself?)",
    ),
    "team.padded": (
        "ust. {{ 'x'.ljust(10**9) }}",
        None,
        "wynik zbyt długi (ok. 1,000,000,000 znaków, najwyżej 1,000,000)",
        "result too long (about 1,000,000,000 characters, at most 1,000,000)",
    ),
    "team.repeated": (
        "ust. {{ 'x' * 4000000000 }}",
        None,
        "powtórzenie zbyt długie (1 × 4000000000, najwyżej",
        "repetition too long (1 × 4000000000, at most",
    ),
    "team.power": (
        "ust. Tekst.",
        "9**(9**9) > 0",
        "potęga zbyt duża (wykładnik 387420489",
        "power too large (exponent 387420489",
    ),
}


@pytest.mark.parametrize(
    ("body", "condition", "polish_words", "english_words"), RUNAWAY.values(), ids=RUNAWAY.keys()
)
def test_lint_names_the_render_limit_in_the_message_language(
    tmp_path, body, condition, polish_words, english_words
):
    meta = {"condition": f'"{condition}"'} if condition else {}
    region = overlay(tmp_path, "wbp-bomba", clause_pair("team.bomba", body, order=150, **meta))

    polish, english = in_both("lint", region, "--sheet", LIPOWIEC)

    assert polish.exit_code == english.exit_code == 2
    assert polish_words in polish.output, polish.output
    assert english_words in english.output, english.output
    assert english_words.split(" (")[0] not in polish.output  # no English half by default
    assert polish_words.split(" (")[0] not in english.output
    assert "bomba.pl.txt" in english.output and "Traceback" not in english.output


def test_build_refuses_a_condition_over_the_limits_in_english(tmp_path):
    condition = {"condition": '"9**(9**9) > 0"'}
    region = overlay(tmp_path, "wbp-bomba", clause_pair("team.bomba", "ust. A.", **condition))
    args = ["build", str(LIPOWIEC), "--library", str(region), "-o", str(tmp_path / "out")]

    polish = CliRunner(env=NEUTRAL).invoke(cli, args)
    english = CliRunner(env=NEUTRAL).invoke(cli, [*args, "--lang", "en", "--doc-lang", "pl"])

    assert polish.exit_code == english.exit_code == 2
    assert "warunku '9**(9**9) > 0' nie można obliczyć: kod odrzucony przez piaskownicę" in (
        polish.output
    )
    assert "potęga zbyt duża" in polish.output and "power" not in polish.output
    assert (
        "the condition '9**(9**9) > 0' cannot be evaluated: template code refused by the "
        "sandbox (power too large"
    ) in english.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
