"""Run the studio with uvicorn on a loopback socket bound before the server starts (so the port
printed is the port served, and a free port is found without a race)."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

from deedgen.exceptions import DeedgenError


def bind_loopback(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (*port* 0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise DeedgenError(
            f"nie można otworzyć portu {port} na 127.0.0.1: {exc.strerror}"
        ) from None
    sock.listen(128)
    return sock


def serve(workspace: str | Path, sock: socket.socket, *, open_browser: str | None = None) -> None:
    """Serve the studio for *workspace* on *sock* until Ctrl-C."""
    import uvicorn

    from deedgen.studio.app import create_app

    app = create_app(workspace)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(open_browser,)).start()
    server.run(sockets=[sock])
