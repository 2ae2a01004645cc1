"""``OUTDIR/.deedgen-batch``: the lock (one batch per output folder at a time) and the scratch
folder (spooled rows, parsed sheets, LibreOffice profiles). What a killed batch left — its
scratch and the coalitions' staging folders (recognised by their marker file only) — is removed
when the next one starts."""

from __future__ import annotations

import shutil
from pathlib import Path

from deedgen.exceptions import BatchError
from deedgen.fsutil import first_link, folder_mode, open_no_follow, remove_staging

STATE_DIR = ".deedgen-batch"


class BatchState:
    """The lock and scratch space of a batch writing into *outdir*; a context manager."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.root = outdir / STATE_DIR
        self.scratch = self.root / "work"
        self._lock = None

    def __enter__(self) -> BatchState:
        import fcntl

        try:
            self._refuse_links()
            self.root.mkdir(mode=folder_mode(), exist_ok=True)
            self._refuse_links()
            self._lock = open_no_follow(self.root / "lock")  # held until __exit__
        except OSError as error:
            raise BatchError(
                f"nie można pisać w folderze wyjściowym {self.outdir}: {error.strerror or error}"
                f" (cannot write into the output folder {self.outdir}: {error})"
            ) from error
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise BatchError(
                f"inne budowanie kohorty (deedgen batch) zapisuje już do {self.outdir}; poczekaj, aż się skończy",
                english=f"another batch is writing into {self.outdir}; wait for it to finish",
            ) from None
        self.clean()
        self.scratch.mkdir()
        return self

    def _refuse_links(self) -> None:
        link = first_link(self.root, self.root / "lock", self.scratch)
        if link is not None:
            raise BatchError(
                f"{link} jest dowiązaniem symbolicznym (do {link.resolve()}); deedgen nie pisze"
                f" przez dowiązania w swoim folderze stanu — usuń je ({link} is a symbolic link;"
                " deedgen never writes through one in its state folder)"
            )

    def __exit__(self, *exc_info) -> None:
        self.clean()
        if self._lock is not None:
            self._lock.close()

    def clean(self) -> None:
        """Remove the scratch folder and every staging folder of deedgen's in OUTDIR (this
        batch holds the lock, so none of them belongs to a running build)."""
        shutil.rmtree(self.scratch, ignore_errors=True)
        for path in self.outdir.iterdir():
            remove_staging(path)
