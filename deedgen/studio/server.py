"""Run the studio with uvicorn on a socket bound before the server starts (so the port printed
is the port served, and a free port is found without a race).

With ``workers`` above one, uvicorn's supervisor starts that many server processes (a request
of Python code holds one core: one process alone cannot use a second), each listening on a
socket of its own on the one port (SO_REUSEPORT), so that the kernel spreads the connections
over them: on a single shared socket, the first process awake accepts a whole burst of
connections, and keeps them (keep-alive) while the others idle. Each
process makes its app from what the parent put in the environment (:func:`worker_app`); what
they must share is in the workspace's files: the accounts and sessions in SQLite, the save lock,
the cohort build's lock and progress, the clause library's change stamp.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import webbrowser
from pathlib import Path

from uvicorn.supervisors.multiprocess import Multiprocess, Process

from deedgen.exceptions import DeedgenError

WORKER_SETTINGS = "DEEDGEN_STUDIO_WORKER"  # the environment variable worker_app reads
HEALTHCHECK_SECONDS = 60  # a busy worker is not taken for a hung one on a loaded machine


def bind(host: str = "127.0.0.1", port: int = 0, *, shared: bool = False) -> socket.socket:
    """A listening socket on *host* (*port* 0: a free one); *shared*: other sockets of this
    user may listen on the same port (SO_REUSEPORT, one per server process)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared and hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DeedgenError(f"nie można otworzyć portu {port} na {host}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def bind_loopback(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (*port* 0: a free one)."""
    return bind("127.0.0.1", port)


def serve(
    workspace: str | Path,
    sock: socket.socket,
    *,
    open_browser: str | None = None,
    hosting: dict | None = None,
    workers: int = 1,
) -> None:
    """Serve the studio for *workspace* on *sock* until Ctrl-C, in *workers* processes.
    *hosting*: the accounts store, the names served (``hosts``), ``secure_cookies``,
    ``root_path`` and ``forwarded_allow_ips`` (the reverse proxies trusted for
    X-Forwarded-For/-Proto)."""
    import uvicorn

    from deedgen.studio.security import new_token

    hosting = hosting or {}
    accounts = hosting.get("accounts")
    settings = {
        "workspace": str(Path(workspace).resolve()),
        "accounts": str(accounts.path) if accounts is not None else None,
        "hosts": list(hosting.get("hosts", ())),
        "secure_cookies": bool(hosting.get("secure_cookies", False)),
        "csrf_token": new_token(),
    }
    proxies = hosting.get("forwarded_allow_ips")
    options = {
        "log_level": "warning",
        "access_log": False,
        "lifespan": "off",
        "root_path": hosting.get("root_path", ""),
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies or None,
    }
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(open_browser,)).start()
    if workers <= 1:
        app = _app(settings, accounts)
        uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
        return
    os.environ[WORKER_SETTINGS] = json.dumps(settings)  # the spawned workers inherit it
    config = uvicorn.Config(
        f"{__name__}:worker_app",
        factory=True,
        workers=workers,
        timeout_worker_healthcheck=HEALTHCHECK_SECONDS,
        **options,
    )
    host, port = sock.getsockname()[:2]
    sockets = [sock, *(bind(host, port, shared=True) for _ in range(workers - 1))]
    _Spread(config, sockets=sockets).run()


class _Spread(Multiprocess):
    """uvicorn's supervisor, each worker started on a socket of its own (a worker started again
    after a crash listens on all of them)."""

    def init_processes(self) -> None:
        for sock in self.sockets:
            process = Process(self.config, [sock])
            process.start()
            self.processes.append(process)


def _app(settings: dict, accounts=None):
    from deedgen.studio.app import create_app
    from deedgen.studio.auth.store import AccountStore

    if accounts is None and settings["accounts"]:
        accounts = AccountStore(settings["accounts"])
    return create_app(
        settings["workspace"],
        accounts=accounts,
        hosts=tuple(settings["hosts"]),
        secure_cookies=settings["secure_cookies"],
        csrf_token=settings["csrf_token"],
    )


def worker_app():
    """The app of one of several server processes (uvicorn's factory), made from the settings
    the parent process left in the environment."""
    return _app(json.loads(os.environ[WORKER_SETTINGS]))
