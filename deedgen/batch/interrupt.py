"""Ctrl-C and SIGTERM: both stop a batch cleanly (the workers stop at their coalition, the
report marks the rest ``pending``)."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Iterator

from deedgen.fsutil import interrupt

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupt:
    """Whether the batch was interrupted; set once, read by every phase."""

    fired = False


def _on_signal(signum, frame) -> None:
    # held back while the batch's bookkeeping runs (a finished chunk's rows are written whole)
    interrupt()


@contextlib.contextmanager
def interruptible() -> Iterator[Interrupt]:
    """SIGTERM behaves as Ctrl-C (KeyboardInterrupt) while the batch runs, and both wait for the
    end of an :func:`~deedgen.fsutil.uninterrupted` block. Signal handlers can be set only in
    the main thread of the main process; elsewhere the batch just runs."""
    interrupt = Interrupt()
    main = (
        multiprocessing.current_process().name == "MainProcess"
        and threading.current_thread() is threading.main_thread()
    )
    if not main:
        yield interrupt
        return
    previous = {number: signal.signal(number, _on_signal) for number in SIGNALS}
    try:
        yield interrupt
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
