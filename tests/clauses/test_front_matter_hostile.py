"""Hostile clause front matter through the CLI (`clause lint`, `build --library`): YAML anchors
and aliases (billion laughs) and values of the wrong type are refused with the file, the line and
what was expected — exit 2, never a traceback, nothing written to OUT."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.conftest import en_file, overlay
from tests.helpers import SAMPLES

# The metadata of a valid Polish clause, in file order: key → raw YAML value (line = index + 2).
BASE = {
    "id": "team.extra",
    "title": "Dodatkowe",
    "version": "1",
    "category": "team",
    "documents": "[declaration]",
    "order": "500",
}
FIRST_EXTRA_LINE = len(BASE) + 2

LAUGHS = [
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    *(
        f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ),
]


def pl_file(overrides: dict[str, str] | None = None, extra: list[str] | tuple = ()) -> str:
    """A Polish clause file: BASE with *overrides* (key → raw YAML value), then *extra* lines."""
    meta = {**BASE, **(overrides or {})}
    lines = ["---", *(f"{key}: {value}" for key, value in meta.items()), *extra, "---"]
    return "\n".join(lines) + "\nust. Strony współpracują.\n"


def line_of(key: str) -> int:
    return list(BASE).index(key) + 2


# Each case: (id, the Polish file, the English file or None, the file at fault, its line, a fragment
# of the message saying what was wrong or expected).
CASES = [
    ("billion-laughs", pl_file(extra=LAUGHS), None, "pl", FIRST_EXTRA_LINE, "kotwice (&nazwa)"),
    ("alias-only", pl_file({"note": "*nowhere"}), None, "pl", FIRST_EXTRA_LINE, "aliasy (*nazwa)"),
    ("anchor-only", pl_file({"slot": "&s changes"}), None, "pl", FIRST_EXTRA_LINE, "kotwice"),
    ("anchor-on-title", pl_file({"title": "&t Tytuł"}), None, "pl", line_of("title"), "kotwice"),
    ("merge-key", pl_file(extra=["<<: {slot: x}"]), None, "pl", FIRST_EXTRA_LINE, "nieznane klucze metadanych: <<"),
    ("tagged-merge-key", pl_file(extra=["!!merge <<: {slot: x}"]), None, "pl", FIRST_EXTRA_LINE,
     "bez kluczy scalających << i złożonych"),
    ("complex-key", pl_file(extra=["? [a, b]", ": c"]), None, "pl", FIRST_EXTRA_LINE,
     "bez kluczy scalających << i złożonych"),
    ("slot-list", pl_file({"slot": "[changes, goals]"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „slot” to tekst (nazwa jednego miejsca), a jest: lista"),
    ("slot-block-list", pl_file(extra=["slot:", "  - changes"]), None, "pl", FIRST_EXTRA_LINE,
     "metadane „slot” to tekst"),
    ("slot-mapping", pl_file({"slot": "{a: b}"}), None, "pl", FIRST_EXTRA_LINE, "a jest: słownik"),
    ("slot-number", pl_file({"slot": "7"}), None, "pl", FIRST_EXTRA_LINE, "a jest: liczba 7"),
    ("fallback-list", pl_file({"fallback": "[final.law]"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „fallback” to tekst (jedno id klauzuli), a jest: lista"),
    ("fallback-number", pl_file({"fallback": "3.5"}), None, "pl", FIRST_EXTRA_LINE,
     "a jest: liczba 3,5"),
    ("fallback-bool", pl_file({"fallback": "true"}), None, "pl", FIRST_EXTRA_LINE,
     "a jest: wartość tak/nie"),
    ("id-number", pl_file({"id": "12"}), None, "pl", line_of("id"), "metadane „id” to tekst"),
    ("title-number", pl_file({"title": "2026"}), None, "pl", line_of("title"),
     "metadane „title” to tekst, a jest: liczba 2026"),
    ("title-empty", pl_file({"title": ""}), None, "pl", line_of("title"), "a jest: nic"),
    ("category-list", pl_file({"category": "[team]"}), None, "pl", line_of("category"),
     "metadane „category” to tekst"),
    ("version-text", pl_file({"version": "'1'"}), None, "pl", line_of("version"),
     "metadane „version” to liczba całkowita ≥ 1, a jest: tekst „1”"),
    ("version-float", pl_file({"version": "1.5"}), None, "pl", line_of("version"),
     "liczba całkowita"),
    ("order-text", pl_file({"order": "pierwszy"}), None, "pl", line_of("order"),
     "metadane „order” to liczba całkowita"),
    ("documents-number", pl_file({"documents": "5"}), None, "pl", line_of("documents"),
     "metadane „documents” to nazwa dokumentu albo lista nazw"),
    ("documents-nested", pl_file({"documents": "[declaration, [x]]"}), None, "pl",
     line_of("documents"), "metadane „documents” to"),
    ("requires-mapping", pl_file({"requires": "{a: b}"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „requires” to id klauzuli albo lista id"),
    ("requires-numbers", pl_file({"requires": "[1, 2]"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „requires” to"),
    ("locked-text", pl_file({"locked": "tak"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „locked” to true albo false, a jest: tekst „tak”"),
    ("condition-number", pl_file({"condition": "5"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „condition” to tekst"),
    ("note-list", pl_file({"note": "[a, b]"}), None, "pl", FIRST_EXTRA_LINE, "metadane „note” to tekst"),
    ("changes-text", pl_file({"changes": "nowa wersja"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „changes” to lista wpisów"),
    ("changes-list-of-text", pl_file({"changes": "[a, b]"}), None, "pl", FIRST_EXTRA_LINE,
     "metadane „changes” to lista wpisów"),
    ("key-twice", pl_file(extra=["slot: changes", "slot: goals"]), None, "pl",
     FIRST_EXTRA_LINE + 1, "metadane „slot” występują dwa razy"),
    ("english-title-list", pl_file(), en_file("team.extra", "ust. A.", title="[a, b]"), "en", 3,
     "metadane „title” to tekst, a jest: lista"),
    ("english-alias", pl_file(), "---\nid: team.extra\ntitle: &t T\nversion: 1\n---\nust. A.\n",
     "en", 3, "kotwice"),
]  # fmt: skip


def _files(pl: str, en: str | None) -> dict[str, str]:
    return {"team/extra.pl.txt": pl, "team/extra.en.txt": en or en_file("team.extra", "ust. A.")}


def _assert_refused(result, lang: str, line: int, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"extra.{lang}.txt:{line}:" in result.output, result.output
    assert fragment in result.output, result.output
    assert "Traceback" not in result.output
    assert len(result.output) < 2_000  # one clear message, not an expanded document


@pytest.mark.parametrize(
    ("pl", "en", "lang", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_clause_lint_refuses_hostile_front_matter(tmp_path, pl, en, lang, line, fragment):
    region = overlay(tmp_path, "wbp-test", _files(pl, en))

    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--sheet", str(SAMPLES / "lipowiec.yaml")]
    )

    _assert_refused(result, lang, line, fragment)


@pytest.mark.parametrize(
    ("pl", "en", "lang", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_build_refuses_hostile_front_matter_and_writes_nothing(
    tmp_path, pl, en, lang, line, fragment
):
    region = overlay(tmp_path, "wbp-test", _files(pl, en))
    out = tmp_path / "out"

    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(SAMPLES / "lipowiec.yaml"),
            "--library",
            str(region),
            "-o",
            str(out),
            "--format",
            "docx",
        ],
    )

    _assert_refused(result, lang, line, fragment)
    assert not out.exists() or not any(out.iterdir())


def test_the_valid_base_clause_builds(tmp_path):
    """The control case: the same overlay without the hostile line lints and builds."""
    region = overlay(tmp_path, "wbp-test", _files(pl_file(), None))
    out = tmp_path / "out"

    lint = CliRunner().invoke(cli, ["clause", "lint", str(region)])
    build = CliRunner().invoke(
        cli,
        ["build", str(SAMPLES / "lipowiec.yaml"), "--library", str(region), "-o", str(out)]
        + ["--format", "docx"],
    )

    assert "extra.pl.txt" not in lint.output, lint.output
    assert build.exit_code == 0, build.output
    assert any(out.glob("*.docx"))
