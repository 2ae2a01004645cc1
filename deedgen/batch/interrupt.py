"""Ctrl-C and SIGTERM: both stop a batch cleanly (the workers stop at their coalition, the
report marks the rest ``pending``)."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Iterator


class Interrupt:
    """Whether the batch was interrupted; set once, read by every phase."""

    fired = False


def _raise_keyboard_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def interruptible() -> Iterator[Interrupt]:
    """SIGTERM behaves as Ctrl-C (KeyboardInterrupt) while the batch runs. Signal handlers can
    be set only in the main thread of the main process; elsewhere the batch just runs."""
    interrupt = Interrupt()
    main = (
        multiprocessing.current_process().name == "MainProcess"
        and threading.current_thread() is threading.main_thread()
    )
    if not main:
        yield interrupt
        return
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        yield interrupt
    finally:
        signal.signal(signal.SIGTERM, previous)
