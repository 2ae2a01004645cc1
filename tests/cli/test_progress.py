"""Batch progress: the time so far and the time left, as plain lines off a terminal and as a
rich bar on one; in the message language."""

from __future__ import annotations

import io
import re

from click.testing import CliRunner
from rich.console import Console

from deedgen.batch.progress import PlainProgress, RichProgress, clock


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def feed(progress, events, tick, step=10.0):
    progress.phase("validate", len(events))
    for event in events:
        progress.advance(
            {**event, "status": event["status"] if event["status"] == "failed" else "ok"}
        )
    progress.phase("build", len(events))
    for event in events:
        tick.now += step
        progress.advance(event)
    progress.close()


EVENTS = [
    {"status": "built", "folder": "2604052-gmina-lipowiec"},
    {"status": "failed", "label": "zalesie.yaml", "error": "NIP 123 ma błędną cyfrę kontrolną"},
    {"status": "draft", "folder": "2601043-gmina-grabowa"},
    {"status": "skipped-unchanged", "folder": "2601092-gmina-swierknik"},
]


def plain_lines(lang):
    tick = Clock()
    runner = CliRunner()
    with runner.isolation() as (_out, err, _mixed):
        feed(PlainProgress(lang, now=tick), EVENTS, tick)
        return err.getvalue().decode().splitlines()


def test_plain_lines_give_each_coalition_with_the_time_so_far_and_left():
    assert plain_lines("pl") == [
        "sprawdzanie arkuszy: koalicji 4",
        "[2/4] błąd            zalesie.yaml: NIP 123 ma błędną cyfrę kontrolną",
        "budowanie: koalicji 4",
        "[1/4] zbudowana       2604052-gmina-lipowiec — czas 0:10, zostało ok. 0:30",
        "[2/4] błąd            zalesie.yaml: NIP 123 ma błędną cyfrę kontrolną",
        "[3/4] projekt         2601043-gmina-grabowa — czas 0:30, zostało ok. 0:10",
        "[4/4] bez zmian       2601092-gmina-swierknik — czas 0:40",
    ]


def test_plain_lines_in_english():
    lines = plain_lines("en")
    assert lines[0] == "validating the sheets: 4 coalitions"
    assert (
        lines[3] == "[1/4] built           2604052-gmina-lipowiec — elapsed 0:10, about 0:30 left"
    )
    assert lines[-1] == "[4/4] unchanged       2601092-gmina-swierknik — elapsed 0:40"


def test_clock_reads_minutes_and_hours():
    assert [clock(s) for s in (7, 760, 3729)] == ["0:07", "12:40", "1:02:09"]


def test_the_rich_bar_on_a_terminal_shows_counts_failures_elapsed_and_left():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=140, color_system=None)
    progress = RichProgress("pl", console=console)
    progress.phase("build", 4)
    for event in EVENTS[:3]:
        progress.advance(event)
    progress.close()

    text = screen.getvalue()
    assert "✗ zalesie.yaml: NIP 123 ma błędną cyfrę kontrolną" in text
    last = [line for line in re.split(r"[\r\n]", text) if "budowanie" in line][-1]
    assert re.search(
        r"budowanie .* 3/4 błędy: 1 czas \d:\d\d:\d\d zostało (\d:\d\d:\d\d|-:--:--)", last
    ), last
