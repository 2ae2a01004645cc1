"""Clause texts that would run for minutes or take gigabytes are refused by the sandbox (issue 13):
power, repetition and range limits. Each case runs the real CLI in a child process with a
timeout, so a regression fails the test instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys

import pytest
from docx import Document

from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import SAMPLES

NESTED_RANGES = (
    "ust. A:\n{% for a in range(10000) %}{% for b in range(10000) %}"
    "{% endfor %}{% endfor %}\npkt. koniec"
)

# Each case: the clause body and its condition (None: no condition).
BOMBS = {
    "power-in-body": ("ust. A.\nust. {{ 9**(9**9) }}", None),
    "power-in-condition": ("ust. Tekst.", "9**(9**9) > 0"),
    "string-repetition": ("ust. {{ 'x' * 4000000000 }}", None),
    "list-repetition": ("ust. {{ ([1] * 4000000000) | length }}", None),
    "huge-range": ("ust. {{ range(100000000) | list | length }}", None),
    "nested-ranges": (NESTED_RANGES, None),
}
CHILD_TIMEOUT = 120  # seconds: a guard against hanging, not a speed target


def bomb_overlay(tmp_path, body, condition):
    meta = {"condition": f'"{condition}"'} if condition else {}
    return overlay(tmp_path, "wbp-bomba", clause_pair("team.bomba", body, order=150, **meta))


def build_with(region, out):
    """``deedgen build`` of the sample with *region* as the overlay, DOCX into *out*."""
    return run_cli(
        "build", str(SAMPLES / "lipowiec.yaml"), "--library", str(region), "-o", str(out),
        "--format", "docx",
    )  # fmt: skip


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "deedgen", *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )


def assert_refused(result):
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "bomba.pl.txt" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(("body", "condition"), BOMBS.values(), ids=BOMBS.keys())
def test_clause_lint_refuses_the_bomb_with_its_file(tmp_path, body, condition):
    region = bomb_overlay(tmp_path, body, condition)

    result = run_cli("clause", "lint", str(region), "--sheet", str(SAMPLES / "lipowiec.yaml"))

    assert_refused(result)


@pytest.mark.parametrize(("body", "condition"), BOMBS.values(), ids=BOMBS.keys())
def test_build_refuses_the_bomb_and_writes_nothing(tmp_path, body, condition):
    region = bomb_overlay(tmp_path, body, condition)
    out = tmp_path / "out"

    result = build_with(region, out)

    assert_refused(result)
    assert not out.exists() or not any(out.iterdir())


def test_ordinary_arithmetic_ranges_and_repetition_still_render(tmp_path):
    body = (
        "ust. {{ 2 ** 10 }} {{ 'ab' * 3 }} {{ 3 * 4 }} {{ 1.5 * 2 }}:\n"
        "{% for i in range(1, 4) %}\npkt. punkt {{ i }} z {{ loop.length }}\n{% endfor %}"
    )
    region = bomb_overlay(tmp_path, body, "2 ** 3 == 8 and range(3) | list == [0, 1, 2]")
    out = tmp_path / "out"

    result = build_with(region, out)

    assert result.returncode == 0, result.stdout + result.stderr

    text = "\n".join(
        p.text for docx in sorted(out.glob("*.docx")) for p in Document(docx).paragraphs
    )
    assert "1024 ababab 12 3.0" in text
    assert "punkt 3 z 3" in text
