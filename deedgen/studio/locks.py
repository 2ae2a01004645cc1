"""Locks that hold across the server's processes (``deedgen studio --workers N``), not only
across its threads: an advisory ``flock`` on a file of the workspace's ``.deedgen-history``.

Each use opens the lock file anew, so two threads of one process exclude each other as two
processes do (a flock belongs to the open file, not to the process). Where ``fcntl`` is missing
(Windows, where the studio runs one process), a lock of this process stands in.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from deedgen.fsutil import folder_mode

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None

STATE = ".deedgen-history"  # the workspace's own bookkeeping (history, locks, progress)
_LOCAL: dict[str, threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


def state_file(root: Path, name: str) -> Path:
    """A file of the workspace's bookkeeping folder, which is made when missing."""
    folder = Path(root) / STATE
    folder.mkdir(exist_ok=True, mode=folder_mode())
    return folder / name


class FileLock:
    """An exclusive lock on *path*, held from :meth:`acquire` to :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._local: threading.Lock | None = None

    def acquire(self, *, blocking: bool = True) -> bool:
        if fcntl is None:
            with _LOCAL_GUARD:
                self._local = _LOCAL.setdefault(str(self.path), threading.Lock())
            return self._local.acquire(blocking)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._local is not None:
            self._local.release()
            self._local = None
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases its flock
            self._fd = None

    def held_elsewhere(self) -> bool:
        """Does someone (another process, or another use in this one) hold the lock now?"""
        if not self.acquire(blocking=False):
            return True
        self.release()
        return False


@contextlib.contextmanager
def locked(path: Path):
    """Hold the lock on *path* for the block (waiting for whoever holds it)."""
    lock = FileLock(path)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
