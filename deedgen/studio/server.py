"""Run the studio with uvicorn on a socket bound before the server starts (so the port printed
is the port served, and a free port is found without a race)."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

from deedgen.exceptions import DeedgenError


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket on *host* (*port* 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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
) -> None:
    """Serve the studio for *workspace* on *sock* until Ctrl-C. *hosting*: the accounts store,
    the names served (``hosts``), ``secure_cookies``, ``root_path`` and ``forwarded_allow_ips``
    (the reverse proxies trusted for X-Forwarded-For/-Proto)."""
    import uvicorn

    from deedgen.studio.app import create_app

    hosting = hosting or {}
    app = create_app(
        workspace,
        accounts=hosting.get("accounts"),
        hosts=tuple(hosting.get("hosts", ())),
        secure_cookies=hosting.get("secure_cookies", False),
    )
    proxies = hosting.get("forwarded_allow_ips")
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        root_path=hosting.get("root_path", ""),
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(open_browser,)).start()
    server.run(sockets=[sock])
