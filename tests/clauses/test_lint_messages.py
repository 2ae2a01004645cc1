"""`deedgen clause lint` speaks Polish by default and English with `--lang en`: the same findings
(file, line, code), the wording from deedgen/clauses/messages*.py, in the text and JSON output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.conftest import clause_pair, en_file, overlay
from tests.helpers import SAMPLES, clause_file

BODY = 11  # clause_file with a condition and a fallback: the body starts on line 11

FILES = {
    # a structure mistake, a reference to a clause no layer has, a fallback that points nowhere
    **clause_pair(
        "team.extra",
        "ust. Tekst:\nlit. bez punktu\nust. Zob. §[team.nothing].",
        "ust. Text:\nlit. no point\nust. See §[team.nothing].",
        condition="mentor is not none",
        fallback="team.ghost",
    ),
    # the English file one version behind the Polish one
    "team/old.pl.txt": clause_file("team.old", "ust. Nowy tekst.", version=3),
    "team/old.en.txt": en_file("team.old", "ust. Old text.", version=2),
}

# (code, line in team/extra.pl.txt or team/old.en.txt, Polish text, English text)
EXPECTED = [
    ("structure", ("extra.pl.txt", BODY + 1), "„lit.” musi stać po „pkt.” (litera należy do punktu)",
     "'lit.' must follow a 'pkt.' (a litera belongs to a punkt)"),
    ("reference", ("extra.pl.txt", BODY + 2),
     "§[team.nothing] odsyła do klauzuli team.nothing, ale nie ma jej żadna warstwa",
     "§[team.nothing] refers to clause team.nothing, but no layer has it"),
    ("fallback", ("extra.pl.txt", 9), "zastępstwa (fallback) „team.ghost” nie ma w bibliotece",
     "fallback 'team.ghost' is not in the library"),
    ("language", ("old.en.txt", 4),
     "tekst angielski ma wersję 2, a tekst polski wersję 3: uaktualnij tłumaczenie i jego wersję",
     "the English variant is version 2, the Polish text is version 3: update the translation"),
]  # fmt: skip


@pytest.fixture
def region(tmp_path):
    return overlay(tmp_path, "wbp-test", FILES)


def lint(region, *extra):
    args = ["clause", "lint", str(region), "--sheet", str(SAMPLES / "lipowiec.yaml"), *extra]
    return CliRunner().invoke(cli, args)


def line_of(output: str, region, where) -> str:
    name, line = where
    path = next(region.rglob(name))
    found = [x for x in output.splitlines() if x.startswith(f"{path}:{line}: ")]
    assert found, output
    return found[0]


@pytest.mark.parametrize(("code", "where", "polish", "english"), EXPECTED)
def test_findings_read_polish_by_default(region, code, where, polish, english):
    result = lint(region)

    assert result.exit_code == 2
    line = line_of(result.output, region, where)
    assert f": błąd [{code}]: " in line and polish in line
    assert english not in line


@pytest.mark.parametrize(("code", "where", "polish", "english"), EXPECTED)
def test_lang_en_keeps_the_english_wording(region, code, where, polish, english):
    result = lint(region, "--lang", "en")

    assert result.exit_code == 2
    line = line_of(result.output, region, where)
    assert f": error [{code}]: " in line and english in line
    assert "clauses: " in result.output and "errors: " in result.output  # the summary too


def test_the_json_report_keeps_codes_and_severities_and_says_the_message_in_its_language(region):
    polish = json.loads(lint(region, "--format", "json").stdout)["findings"]
    english = json.loads(lint(region, "--format", "json", "--lang", "en").stdout)["findings"]

    def keys(findings):
        return [(f["code"], f["severity"], f["file"], f["line"]) for f in findings]

    assert keys(polish) == keys(english)
    pairs = [(f["code"], f["message"], e["message"]) for f, e in zip(polish, english, strict=True)]
    for code, _, pl_text, en_text in EXPECTED:
        assert any(c == code and pl_text in pl and en_text in en for c, pl, en in pairs), pairs


def test_a_broken_file_reads_polish_in_build_and_english_with_lang_en(tmp_path):
    region = overlay(
        tmp_path, "wbp-test", {"team/extra.pl.txt": clause_file("team.extra", "ust. A.", order="x")}
    )
    args = ["build", str(SAMPLES / "lipowiec.yaml"), "--library", str(region)]
    args += ["-o", str(tmp_path / "out"), "--format", "docx"]

    polish = CliRunner().invoke(cli, args)
    english = CliRunner().invoke(cli, ["--lang", "en", *args])

    assert polish.exit_code == english.exit_code == 2
    assert "metadane „order” to liczba całkowita, a jest: tekst „x”" in polish.output
    assert "metadata 'order' must be a whole number, found the text 'x'" in english.output
    assert "Traceback" not in polish.output + english.output


@pytest.mark.parametrize(
    ("body", "polish", "english"),
    [
        ("ust. Zob. §[team.nothing].",
         "klauzula team.extra odsyła do §[team.nothing], ale klauzuli team.nothing nie ma w "
         "dokumencie „Deklaracja partnerstwa”",
         "clause team.extra refers to §[team.nothing], but clause team.nothing is not in the "
         "Partnership declaration document"),
        ("ust. Tekst:\nlit. bez punktu",
         "klauzula team.extra: „lit.” musi następować po „pkt.”: „lit. bez punktu”",
         "clause team.extra: 'lit.' must follow a 'pkt.': „lit. bez punktu”"),
    ],
    ids=["reference", "structure"],
)  # fmt: skip
def test_a_clause_the_build_cannot_assemble_is_explained_in_polish(tmp_path, body, polish, english):
    region = overlay(tmp_path, "wbp-test", clause_pair("team.extra", body, body))
    args = ["build", str(SAMPLES / "lipowiec.yaml"), "--library", str(region)]
    args += ["-o", str(tmp_path / "out"), "--format", "docx"]

    said_pl = CliRunner().invoke(cli, args)
    said_en = CliRunner().invoke(cli, ["--lang", "en", *args])

    assert said_pl.exit_code == said_en.exit_code == 2, said_pl.output
    assert polish in said_pl.output
    assert english in said_en.output
    assert "extra.pl.txt" in said_pl.output  # the file the mentor opens
    assert "Traceback" not in said_pl.output + said_en.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
