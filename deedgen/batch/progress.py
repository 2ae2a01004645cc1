"""What a person sees while a batch runs, on stderr: a rich progress bar with the elapsed time
and the time left on a terminal; plain lines (a log, a CI job) elsewhere. Both speak the
message language (``lang``), Polish by default.

A reporter gets ``phase(name, total)`` when validating or building starts, ``advance(event)``
per coalition (its ``status``, ``folder`` or ``label``, ``error``), ``note(text)`` and
``close()``.
"""

from __future__ import annotations

import time

import click

from deedgen.cohort_report.columns import STATUS_LABELS, STATUS_LABELS_EN

PHASES = {  # phase → (Polish, English) label
    "validate": ("sprawdzanie arkuszy", "validating the sheets"),
    "build": ("budowanie", "building"),
}


def clock(seconds: float) -> str:
    """0:07, 12:40, 1:02:09."""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def remaining(elapsed: float, done: int, total: int) -> float | None:
    """The time left at the pace so far (None before the first coalition)."""
    return elapsed / done * (total - done) if done else None


class PlainProgress:
    """Progress as plain lines: failures while validating; a line per coalition while
    building, with its status, the elapsed time and the time left."""

    def __init__(self, lang: str = "pl", *, now=time.monotonic) -> None:
        self.lang, self.now = lang, now
        self.phase_name, self.total, self.done, self.started = "", 0, 0, 0.0

    def _(self, polish: str, english: str) -> str:
        return polish if self.lang == "pl" else english

    def phase(self, name: str, total: int) -> None:
        self.phase_name, self.total, self.done, self.started = name, total, 0, self.now()
        label = self._(*PHASES.get(name, (name, name)))
        click.echo(self._(f"{label}: koalicji {total}", f"{label}: {total} coalitions"), err=True)

    def advance(self, event: dict) -> None:
        self.done += 1
        status, error = event.get("status"), event.get("error")
        if self.phase_name == "validate" and status != "failed":
            return
        labels = STATUS_LABELS if self.lang == "pl" else STATUS_LABELS_EN
        where = event.get("folder") or event.get("label")
        line = f"[{self.done}/{self.total}] {labels.get(status, status):<15} {where}"
        click.echo(f"{line}: {error}" if error else f"{line} — {self.timing()}", err=True)

    def timing(self) -> str:
        elapsed = self.now() - self.started
        left = remaining(elapsed, self.done, self.total)
        if left is None or self.done == self.total:
            return self._(f"czas {clock(elapsed)}", f"elapsed {clock(elapsed)}")
        return self._(
            f"czas {clock(elapsed)}, zostało ok. {clock(left)}",
            f"elapsed {clock(elapsed)}, about {clock(left)} left",
        )

    def note(self, text: str) -> None:
        click.echo(text, err=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A progress bar on a terminal: counts, failures, elapsed time and the time left; a
    failed coalition is printed above the bar. *console* defaults to stderr."""

    def __init__(self, lang: str = "pl", *, console=None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.lang = lang
        self.console = console or Console(stderr=True)
        failed = "błędy" if lang == "pl" else "failed"
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(f"{failed}: {{task.fields[failed]}}"),
            TextColumn("czas" if lang == "pl" else "elapsed"),
            TimeElapsedColumn(),
            TextColumn("zostało" if lang == "pl" else "left"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = None
        self.started = False

    def phase(self, name: str, total: int) -> None:
        if not self.started:
            self.bar.start()
            self.started = True
        if self.task is not None:
            self.bar.stop_task(self.task)
        pl, en = PHASES.get(name, (name, name))
        self.task = self.bar.add_task(pl if self.lang == "pl" else en, total=total, failed=0)

    def advance(self, event: dict) -> None:
        failed = event.get("status") == "failed"
        fields = self.bar.tasks[-1].fields if self.bar.tasks else {}
        self.bar.update(self.task, advance=1, failed=fields.get("failed", 0) + failed)
        if failed:
            from rich.markup import escape

            where = event.get("folder") or event.get("label")
            self.console.print(
                f"[red]✗[/red] {escape(str(where))}: {escape(str(event.get('error')))}"
            )

    def note(self, text: str) -> None:
        from rich.markup import escape

        self.console.print(escape(text))

    def close(self) -> None:
        if self.started:
            self.bar.stop()
            self.started = False
