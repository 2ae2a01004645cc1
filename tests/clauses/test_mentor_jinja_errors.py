"""Jinja errors in a mentor's words (Polish), as `deedgen clause lint` and `deedgen build` print
them for real clause files: near names for a misspelt one, the condition to add for an empty
value, the line and column of a syntax error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.conftest import overlay
from tests.helpers import SAMPLES, clause_file

LIPOWIEC = (
    SAMPLES / "cohort" / "arkusze" / "lipowiec.yaml"
)  # no treasurer: the gmina gives no money
BODY = 9  # clause_file: the body starts on line 9


def region_with(tmp_path, body: str):
    region = overlay(tmp_path, "wbp-test", {"team/extra.pl.txt": clause_file("team.extra", body)})
    return region, region / "team" / "extra.pl.txt"


def lint(region):
    return CliRunner().invoke(cli, ["clause", "lint", str(region), "--sheet", str(LIPOWIEC)])


def build(region, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["build", str(LIPOWIEC), "--library", str(region), "-o", str(out), "--format", "docx"],
    )
    assert not out.exists() or not any(out.iterdir()), "nothing is written for a failed build"
    return result


def error_lines(output: str, path) -> list[str]:
    return [x for x in output.splitlines() if x.startswith(f"{path}:") and ": błąd [" in x]


@pytest.mark.parametrize(
    "written, suggested",
    [("koalicja.name", "coalition"), ("mentr.name", "mentor"), ("partnerzy", "partners")],
)
def test_an_unknown_name_lists_the_names_near_it(tmp_path, written, suggested):
    region, path = region_with(tmp_path, f"ust. Tekst.\nust. Dla {{{{ {written} }}}}.")

    linted = lint(region)

    [line] = error_lines(linted.output, path)
    assert line.startswith(f"{path}:{BODY + 1}: błąd [placeholder]: ")
    name = written.split(".")[0]
    assert f"nieznana nazwa „{name}” — czy chodziło o: {suggested}" in line
    assert linted.exit_code == 2


def test_a_misspelt_field_lists_the_fields_near_it(tmp_path):
    region, path = region_with(tmp_path, "ust. Koalicja {{ coalition.nmae }}.")

    [line] = error_lines(lint(region).output, path)

    assert "„coalition.nmae”: żaden arkusz nie ma pola „nmae”" in line
    assert "czy chodziło o: name" in line


def test_an_empty_value_says_which_condition_to_add_in_lint_and_in_build(tmp_path):
    region, path = region_with(tmp_path, "ust. Tekst.\nust. Kontrasygnata: {{ treasurer.name }}.")
    hint = "„treasurer” jest puste w danych tej koalicji, więc nie ma „name”: "
    hint += "dodaj warunek {% if treasurer %}"

    [line] = error_lines(lint(region).output, path)
    built = build(region, tmp_path)

    assert line.startswith(f"{path}:{BODY + 1}: błąd [render]: ")
    assert hint in line and "Gmina Lipowiec (lipowiec.yaml)" in line
    assert built.exit_code == 2
    assert f"extra.pl.txt:{BODY + 1}:" in built.output and hint in built.output
    assert "Traceback" not in built.output and "'None' has no attribute" not in built.output


def test_an_empty_value_inside_a_loop_names_the_loop_variable(tmp_path):
    body = "ust. Strony:\n{% for p in parties %}\npkt. {{ p.nothing_here.name }}\n{% endfor %}"
    region, path = region_with(tmp_path, body)

    built = build(region, tmp_path)

    assert built.exit_code == 2
    assert f"extra.pl.txt:{BODY + 2}:" in built.output
    assert "„p.nothing_here” jest puste" not in built.output  # a missing key, not an empty one
    assert "„p” nie ma pola „nothing_here”" in built.output
    assert "jego pola:" in built.output and "short_name" in built.output


@pytest.mark.parametrize(
    "body, line, column, message",
    [
        ("ust. A {% if %}tak{% endif %}", 1, 8, "brak wyrażenia w znaczniku"),
        ("ust. A.\nust. Nazwa {{ coalition.name }", 2, 30, "nieoczekiwany znak „}”"),
        (
            "ust. A.\n{% if coalition.name %}\nust. B.\nust. C.",
            2,
            1,
            "blok {% if %} nie jest zamknięty: brak {% endif %}",
        ),
        (
            "ust. {% for p in parties %}{{ p.name }}{% endif %}",
            1,
            40,
            "{% endif %} w tym miejscu, a otwarty jest blok {% for %}: najpierw {% endfor %}",
        ),
        ("ust. A.\nust. {% iff coalition %}B{% endif %}", 2, 6, "nieznany znacznik {% iff %}"),
    ],
)
def test_a_syntax_error_points_at_the_line_and_column(tmp_path, body, line, column, message):
    region, path = region_with(tmp_path, body)
    where = f"(wiersz {BODY + line - 1}, kolumna {column}): {message}"

    [found] = error_lines(lint(region).output, path)
    built = build(region, tmp_path)

    assert found.startswith(f"{path}:{BODY + line - 1}: błąd [jinja-syntax]: ")
    assert f"błąd składni szablonu {where}" in found
    assert built.exit_code == 2 and where in built.output
    raw = body.split("\n")[line - 1]
    assert raw[column - 1] in "{}", "the column points at the tag or the brace"


def test_an_empty_value_in_a_condition_says_to_check_it_first(tmp_path):
    condition = "treasurer.name == 'Jan'"
    region = overlay(
        tmp_path,
        "wbp-test",
        {"team/extra.pl.txt": clause_file("team.extra", "ust. Tekst.", condition=f'"{condition}"')},
    )
    hint = f"sprawdź je najpierw, np. condition: treasurer and ({condition})"

    linted = lint(region)
    built = build(region, tmp_path)

    path = region / "team" / "extra.pl.txt"
    [line] = error_lines(linted.output, path)
    assert "[condition]" in line and "„treasurer” jest puste" in line and hint in line
    assert built.exit_code == 2 and hint in built.output
