"""The clause lint reads the text the clauses produce (rules ``defined-term`` and
``leaked-marker``): a regional mentor clause that defines „Mentor” a second time and ends a line
in an inline block tag is refused with exit 2, naming the file and the line that did it."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.resources import CLAUSE_LIBRARY

CENTRAL = CLAUSE_LIBRARY / "mentoring"


def _bad_mentor_overlay(root):
    """The central mentor clause, version 4, with ust. 2 defining the term again and ust. 3
    ending in „{% endif %}”, which swallows the line break before ust. 4."""
    folder = root / "mentoring"
    folder.mkdir(parents=True)
    faults = {}
    for lang, defines, tail in (
        ("pl", ", zwanego dalej „Mentorem”,", ", także drogą elektroniczną"),
        ("en", ", hereinafter the “Mentor”,", ", also by e-mail"),
    ):
        text = (CENTRAL / f"bw.{lang}.txt").read_text(encoding="utf-8")
        text = re.sub(r"^version: 3$", "version: 4", text, count=1, flags=re.M)
        lines = text.splitlines()
        body = lines.index("---", 1) + 1
        second, third = body + 1, body + 2
        lines[second] = lines[second].replace(
            " {{ mentor.name }}", f"{defines} {{{{ mentor.name }}}}", 1
        )
        lines[third] = (
            lines[third].rstrip(".") + f"{{% if mentor is not none %}}{tail}{{% endif %}}"
        )
        (folder / f"bw.{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        faults[lang] = (folder / f"bw.{lang}.txt", second + 1, third + 1)  # 1-based lines
    return faults["pl"]


def test_a_bad_mentor_clause_fails_the_lint_with_file_and_line(tmp_path):
    clause, defines_at, glued_at = _bad_mentor_overlay(tmp_path / "wbp")
    result = CliRunner().invoke(cli, ["clause", "lint", str(tmp_path / "wbp")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    output = result.output
    assert (
        f"{clause}:{defines_at}: błąd [defined-term]: „Mentorem” zdefiniowano dwukrotnie" in output
    )
    assert f"{clause}:{glued_at}: błąd [leaked-marker]: znacznik struktury wydrukowany" in output
    assert "elektronicznąust. Strony" in output  # the glued text the reader would have seen


def test_the_json_report_names_clause_file_and_line(tmp_path):
    clause, defines_at, glued_at = _bad_mentor_overlay(tmp_path / "wbp")
    result = CliRunner().invoke(cli, ["clause", "lint", "--format", "json", str(tmp_path / "wbp")])
    assert result.exit_code == 2
    findings = json.loads(result.stdout)["findings"]
    ours = {
        (f["code"], f["line"], f["severity"], f["clause"])
        for f in findings
        if f["file"] == str(clause)
    }
    assert ("defined-term", defines_at, "error", "mentoring.bw") in ours
    assert ("leaked-marker", glued_at, "error", "mentoring.bw") in ours
    english = [
        f for f in findings if f["file"].endswith("bw.en.txt") and f["code"] == "defined-term"
    ]
    assert english and "„Mentor” zdefiniowano dwukrotnie" in english[0]["message"]


def test_the_english_report_keeps_the_english_messages(tmp_path):
    clause, defines_at, glued_at = _bad_mentor_overlay(tmp_path / "wbp")
    args = ["clause", "lint", "--lang", "en", str(tmp_path / "wbp")]
    output = CliRunner().invoke(cli, args).output
    assert f"{clause}:{defines_at}: error [defined-term]: „Mentorem” is defined twice" in output
    assert f"{clause}:{glued_at}: error [leaked-marker]: a structure marker is printed" in output


def test_the_central_library_is_clean():
    result = CliRunner().invoke(cli, ["clause", "lint"])
    assert result.exit_code == 0, result.output
    assert "błędy: 0, ostrzeżenia: 0" in result.output
