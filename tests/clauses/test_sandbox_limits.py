"""Clause texts that would run for minutes or take gigabytes are refused by the sandbox (issue 13):
power, repetition and range limits. Each case runs the real CLI in a child process with a
timeout, so a regression fails the test instead of hanging the suite."""

from __future__ import annotations

import json
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


# Bombs the operator limits alone do not stop: growth through str methods and filters, output
# that adds up, loops with nothing in them, recursion. (body, a fragment of the reason)
RUNAWAY = {
    "ljust": ("ust. {{ 'x'.ljust(10**9) }}", "zbyt dług"),
    "center-method": ("ust. {{ 'x'.center(1000000000) }}", "zbyt dług"),
    "center-filter": ("ust. {{ 'x' | center(1000000000) }}", "zbyt dług"),
    "zfill": ("ust. {{ '1'.zfill(10**9) }}", "zbyt dług"),
    "format-width": ("ust. {{ '{:>1000000000}'.format(1) }}", "zbyt dług"),
    "format-nested-width": ("ust. {{ '{:>{}}'.format(1, 10**9) }}", "zbyt dług"),
    "percent-width": ("ust. {{ '%1000000000d' % 1 }}", "zbyt dług"),
    "format-filter": ("ust. {{ '%*d' | format(10**9, 1) }}", "zbyt dług"),
    "expandtabs": ("ust. {{ ('\t' * 100000).expandtabs(100000) }}", "zbyt dług"),
    "replace-once": ("ust. {% set s = 'x' * 100000 %}{{ s.replace('x', s) }}", "zbyt dług"),
    "replace-loop": (
        "ust. {% set ns = namespace(s='xx') %}{% for i in range(100) %}"
        "{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}{{ ns.s | length }}",
        "zbyt dług",
    ),
    "replace-filter": ("ust. {{ ('x' * 100000) | replace('x', 'y' * 100000) }}", "zbyt dług"),
    "join-method": ("ust. {{ ('y' * 100000).join(['a'] * 100000) }}", "zbyt dług"),
    "join-filter": ("ust. {{ range(10000) | map('center', 100000) | join }}", "zbyt dług"),
    "join-lazy": ("ust. {{ ('y' * 100000).join(range(10000) | map('string')) }}", "zbyt dług"),
    "join-separator": ("ust. {{ range(10000) | join('y' * 100000) }}", "zbyt dług"),
    "indent": ("ust. {{ ('\n' * 100000) | indent(100000) }}", "zbyt dług"),
    "wordwrap": ("ust. {{ ('ab ' * 30000) | wordwrap(1) | wordwrap(1) | center(10**7) }}",
                 "zbyt dług"),
    "string-of-nested": ("ust. {{ ([[1] * 1000] * 1000) | string }}", "zbyt dług"),
    "concat-doubling": (
        "ust. {% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "zbyt dług",
    ),
    "plus-doubling": (
        "ust. {% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "zbyt dług",
    ),
    "output-adds-up": ("ust. {% for x in range(10000) %}{{ 'x' * 100000 }}{% endfor %}",
                       "zbyt dług"),
    "empty-nested-loops": (
        "ust. {% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
        "limit czasu",
    ),
    "macro-fan-out": (
        "ust. {% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
        "{{ m(40) }}",
        "limit czasu",
    ),
    "recursive-macro": ("ust. {% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "rekurencja"),
    "recursive-loop": (
        "ust. {% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}", "rekurencja"
    ),
    **{name: (body, "piaskownic") for name, (body, condition) in BOMBS.items() if not condition},
}  # fmt: skip

MEASURE = """
import json, sys, time
def peak_mb():
    # this process image's own peak (VmHWM): getrusage's ru_maxrss keeps the peak of the
    # process that started us across fork and exec, so a big pytest parent would count
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from deedgen.exceptions import ClauseError
from deedgen.templating import render_body
started, cpu_started = time.monotonic(), time.process_time()
try:
    render_body(sys.argv[1], {}, lang="pl", path="bomba.pl.txt", body_line=9, clause_id="t.bomba")
    outcome = "rendered"
except ClauseError as exc:
    outcome = str(exc)
print(json.dumps({"seconds": time.monotonic() - started, "outcome": outcome,
                  "cpu_seconds": time.process_time() - cpu_started,
                  "rss_mb": peak_mb()}))
"""


@pytest.mark.parametrize(("body", "reason"), RUNAWAY.values(), ids=RUNAWAY.keys())
def test_every_runaway_render_fails_in_under_2_s_and_200_mb(body, reason):
    """Measured in a child process: its peak RSS includes Python and deedgen (about 45 MB). The
    time is the render's CPU time — what the limit counts; wall time on a shared machine is
    printed with the figures but not held to 2 s."""
    child = subprocess.run(
        [sys.executable, "-c", MEASURE, body], capture_output=True, text=True, timeout=60
    )
    measured = json.loads(child.stdout)

    assert reason in measured["outcome"], measured
    assert measured["outcome"].startswith("bomba.pl.txt:"), measured
    assert "klauzula t.bomba:" in measured["outcome"], measured
    assert measured["cpu_seconds"] < 2, measured
    assert measured["rss_mb"] < 200, measured
