"""Small pieces every stage shares: files written atomically with the usual permissions, the
staging folders of a build (and how to recognise one deedgen made), usable cores, and child
processes that die with their parent.

One home for each, so a fix reaches every writer: an atomic write made with ``mkstemp`` gets mode
0600 unless it is widened to what the umask allows, and a staging folder is removed only when it
carries deedgen's marker file, never because its name merely looks like one.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

STAGING_MARKER = ".deedgen-staging"  # inside every staging folder: proof that deedgen made it
_STAGING_NAME = re.compile(r"\.[a-z0-9][a-z0-9-]*\.[A-Za-z0-9_]{8}")
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def umask() -> int:
    """The process's umask, read without changing it (Linux), else by setting and restoring it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets from ``open()``: 0666 less the umask."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The mode a new folder gets from ``mkdir()``: 0777 less the umask."""
    return 0o777 & ~umask()


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside *path* to write to; on success it replaces *path* in one rename
    with the usual permissions, on any failure it is removed and *path* is left as it was."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, fsync: bool = False) -> None:
    """Write *data* to *path* atomically (see :func:`atomic_path`)."""
    with atomic_path(path) as temporary, open(temporary, "wb") as out:
        out.write(data)
        if fsync:
            out.flush()
            os.fsync(out.fileno())


def atomic_write_text(path: Path, text: str, *, fsync: bool = False) -> None:
    """Write *text* as UTF-8 with ``\\n`` line ends to *path* atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), fsync=fsync)


def atomic_write_with(path: Path, write: Callable[[Path], None]) -> Path:
    """Let *write* fill a temporary file (e.g. openpyxl's ``save``), then move it into place."""
    with atomic_path(path) as temporary:
        write(temporary)
    return Path(path)


# Folders no build may write into: the filesystem root and the system's own.
_SYSTEM_FOLDERS = frozenset(
    [
        "/",
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/lib",
        "/lib32",
        "/lib64",
        "/proc",
        "/run",
        "/sbin",
        "/sys",
        "/usr",
        "/var",
    ]
)


def is_system_folder(path: Path) -> bool:
    """The filesystem root or one of the system's folders (``/etc``, ``/usr``…), as given or as
    it resolves: a mistyped ``-o /`` must not fill the root with documents."""
    path = Path(path).absolute()
    # realpath, not resolve(): a link loop must not raise here (the write reports it)
    return str(path) in _SYSTEM_FOLDERS or os.path.realpath(path) in _SYSTEM_FOLDERS


def first_link(*paths: Path) -> Path | None:
    """The first of *paths* that is a symbolic link (None if none is): deedgen's own state
    folders and files are never reached through one, which could point anywhere."""
    return next((Path(p) for p in paths if Path(p).is_symlink()), None)


def open_no_follow(path: Path):
    """*path* opened for writing (created, not truncated) — refused with ELOOP if it is a
    symbolic link, so a planted link cannot make deedgen write into another file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, file_mode())
    return os.fdopen(descriptor, "w")


_holding = 0  # how many uninterrupted() blocks are open in this process
_held = False  # an interrupt arrived while one was open


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold an interrupt back for a few file operations that must finish once begun (a staging
    folder made and marked, or removed): a deedgen signal handler that calls :func:`interrupt`
    meanwhile gets its KeyboardInterrupt raised when the outermost block ends."""
    global _holding, _held
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
        if not _holding and _held:
            _held = False
            raise KeyboardInterrupt


def interrupt() -> None:
    """Raise KeyboardInterrupt now, or at the end of the open :func:`uninterrupted` block."""
    global _held
    if _holding:
        _held = True
        return
    raise KeyboardInterrupt


def make_staging(outdir: Path) -> Path:
    """A private folder beside *outdir* for a build's files until they move into place,
    marked as deedgen's own: the marker names the process that made it, so a later build can
    tell a folder left by a killed build from one a running build is still filling."""
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    (staging / STAGING_MARKER).write_text(_process_stamp(os.getpid()), encoding="ascii")
    return staging


def is_own_staging(path: Path) -> bool:
    """True for a staging folder deedgen made: the name's shape, a real folder (not a link), and
    the marker inside it. A user's hidden folder that merely looks like one is never matched."""
    marker = path / STAGING_MARKER
    return (
        _STAGING_NAME.fullmatch(path.name) is not None
        and path.is_dir()
        and not path.is_symlink()
        and marker.is_file()
        and not marker.is_symlink()
    )


def is_abandoned_staging(path: Path) -> bool:
    """A staging folder of deedgen's whose process is gone (killed mid-build)."""
    if not is_own_staging(path):
        return False
    try:
        stamp = (path / STAGING_MARKER).read_text(encoding="ascii").split()
        pid = int(stamp[0])
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return True  # marked as deedgen's, but by no process that can be found
    return _process_stamp(pid) != " ".join(stamp)


def remove_staging(path: Path) -> None:
    """Remove a staging folder, but only one that :func:`is_own_staging` recognises."""
    if is_own_staging(path):
        shutil.rmtree(path, ignore_errors=True)


def remove_abandoned_staging(outdir: Path) -> None:
    """Remove the staging folders of *outdir* that killed builds left beside it."""
    prefix = f".{outdir.name}."
    with contextlib.suppress(OSError):
        for path in outdir.parent.iterdir():
            if path.name.startswith(prefix) and is_abandoned_staging(path):
                shutil.rmtree(path, ignore_errors=True)


def _process_stamp(pid: int) -> str:
    """``pid start-time``: the start time (Linux, from /proc) tells a reused pid apart."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return f"{pid} {fields[19]}"
    except (OSError, IndexError):
        return f"{pid} ?" if _alive(pid) else f"{pid} gone"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def usable_cores() -> int:
    """The cores this process may run on (its affinity), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def die_with_parent_command(command: list[str]) -> tuple[list[str], Callable[[], None] | None]:
    """*command* changed so that the kernel kills it when the thread that starts it dies: through
    ``setpriv --pdeathsig`` where util-linux has it, else prctl() between fork and exec (a
    ``preexec_fn``, which Python documents as unsafe with threads; hence only a fallback)."""
    if not sys.platform.startswith("linux"):
        return command, None
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, "--pdeathsig", "KILL", "--", *command], None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return command, lambda: prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def die_with_parent() -> None:
    """Linux: the kernel kills this process when its parent dies — even by SIGKILL. Exits at
    once when the parent is already gone."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)
