"""``deedgen studio``: the local web app for librarians and mentors (deedgen.studio)."""

from __future__ import annotations

import click

from deedgen.exceptions import LoopbackOnly


@click.command()
@click.argument("workspace", type=click.Path(file_okay=False), default=".")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Only 127.0.0.1 or localhost: the studio never listens beyond this machine.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def studio(workspace, port, host, no_browser):
    """Start deedgen studio for WORKSPACE (a folder of partner sheets with its deedgen.toml;
    default: the current folder): a local web page to fill a coalition's data, preview and
    generate its documents, and browse the clause library."""
    from deedgen.studio.server import bind_loopback, serve

    if host not in ("127.0.0.1", "localhost"):
        raise LoopbackOnly(
            f"studio działa tylko na tym komputerze (127.0.0.1); adres „{host}” udostępniłby "
            "dane koalicji w sieci — odmowa. Udostępnianie w sieci to osobna funkcja (hosting)."
        )
    sock = bind_loopback(port)
    address = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    click.echo(f"deedgen studio: {address}  (folder roboczy: {workspace}; Ctrl-C kończy)")
    serve(workspace, sock, open_browser=None if no_browser else address)


COMMANDS = [studio]
