"""How a batch runs (:class:`BatchOptions`), what it tells its caller while it runs
(:class:`Progress`) and what it returns (:class:`BatchResult`, with its exit code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deedgen.exceptions import EXIT_INTERRUPTED, EXIT_NOT_COMPLIANT, EXIT_OK
from deedgen.options import BuildOptions

STATUSES = ("built", "draft", "skipped-unchanged", "failed", "pending")


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch; ``build`` is what every coalition is built with."""

    build: BuildOptions = field(default_factory=BuildOptions)
    jobs: int | None = None  # worker processes (default: the usable cores)
    force: bool = False  # rebuild every coalition, changed or not
    chunk: int | None = None  # coalitions per worker task and per LibreOffice call
    timeout: float = 120.0  # seconds a document may take to convert
    coalition_timeout: float = 600.0  # seconds a coalition may go without finishing, then stopped


@dataclass(frozen=True)
class BatchResult:
    outdir: Path
    counts: dict[str, int]
    reports: list[Path]
    interrupted: bool = False
    seconds: float = 0.0
    converter: dict = field(default_factory=dict)  # LibreOffice calls and documents, summed

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def exit_code(self) -> int:
        """0 when every coalition was built or is unchanged, 1 when at least one failed (how
        many: :attr:`failed`, the report's counts), 130 when interrupted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_NOT_COMPLIANT if self.failed else EXIT_OK


class Progress:
    """What a batch tells its caller while it runs; this one says nothing (the CLI's own show a
    progress bar or plain lines)."""

    def phase(self, name: str, total: int) -> None:
        """A phase starts: ``validate`` or ``build``, with its number of coalitions."""

    def advance(self, event: dict) -> None:
        """One coalition is done in the current phase (``event``: index, label, status, error)."""

    def note(self, text: str) -> None:
        """A line worth showing (a skipped count, an interrupt)."""

    def close(self) -> None:
        pass
