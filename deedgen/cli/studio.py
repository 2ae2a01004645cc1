"""``deedgen studio``: the web app for librarians and mentors (deedgen.studio); on this machine
by default, for a whole cohort with accounts (``--host``, ``deedgen studio user …``)."""

from __future__ import annotations

from pathlib import Path

import click

from deedgen.cli.options import message_lang_option
from deedgen.cli.texts import say
from deedgen.exceptions import DeedgenError, LoopbackOnly

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class _ServeByDefault(click.Group):
    """``deedgen studio WORKSPACE …`` serves; ``deedgen studio user …`` manages accounts."""

    def parse_args(self, ctx, args):
        if not args or args[0] not in self.commands:
            args = ["serve", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ServeByDefault)
def studio():
    """Start deedgen studio for WORKSPACE (a folder of partner sheets with its deedgen.toml;
    default: the current folder), or manage its accounts (``deedgen studio user``)."""


def _accounts(workspace: str, *, must_exist: bool = False):
    from deedgen.studio.auth.store import DB_NAME, AccountStore

    if not Path(workspace).is_dir():  # before anything is bound or printed
        raise DeedgenError(
            f"folder roboczy nie istnieje: {workspace}",
            english=f"the workspace folder does not exist: {workspace}",
        )
    if must_exist and not (Path(workspace) / DB_NAME).is_file():
        return None
    return AccountStore.of_workspace(workspace)


@studio.command("serve")
@click.argument("workspace", type=click.Path(file_okay=False), default=".")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; beyond the loopback only with accounts (deedgen studio user add).",
)
@click.option("--server-name", multiple=True, help="Host name the studio answers to (hosting).")
@click.option("--root-path", default="", help="Path prefix under a reverse proxy, e.g. /studio.")
@click.option(
    "--trusted-proxy",
    multiple=True,
    help="Address of a reverse proxy whose X-Forwarded-For/-Proto headers are trusted.",
)
@click.option(
    "--secure-cookies/--no-secure-cookies",
    default=None,
    help="Session cookie only over HTTPS (default: on when hosting).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (hosting: as many as the machine has cores).",
)
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@message_lang_option
def serve(workspace, port, host, workers, no_browser, **network):
    """Start deedgen studio for WORKSPACE: a web page to fill a coalition's data, preview and
    generate its documents, and browse the clause library."""
    from deedgen.studio.server import bind
    from deedgen.studio.server import serve as run

    accounts = _accounts(workspace, must_exist=True)
    hosted = host not in LOOPBACK
    _refuse_without_accounts(workspace, host, accounts, network)
    sock = bind(host, port, shared=workers > 1)
    root_path, secure = network["root_path"], network["secure_cookies"]
    address = f"http://{host}:{sock.getsockname()[1]}{root_path}/"
    click.echo(_banner(address, workspace, bool(accounts), workers))
    hosting = {
        "accounts": accounts,
        "hosts": network["server_name"] or ((host,) if hosted else ()),
        "secure_cookies": hosted if secure is None else secure,
        "root_path": root_path,
        "forwarded_allow_ips": ",".join(network["trusted_proxy"]),
    }
    browser = None if no_browser or hosted else address
    run(workspace, sock, open_browser=browser, hosting=hosting, workers=workers)


def _banner(address: str, workspace, accounts: bool, workers: int) -> str:
    """The line the studio starts with: where it is, for whom, how to stop it."""
    mode = (
        say("z kontami", "with accounts")
        if accounts
        else say("bez kont, tylko ten komputer", "without accounts, this computer only")
    )
    if workers > 1:
        mode += say("; procesy serwera: ", "; server processes: ") + str(workers)
    return f"deedgen studio: {address}  " + say(
        f"(folder roboczy: {workspace}; {mode}; Ctrl-C kończy)",
        f"(workspace: {workspace}; {mode}; Ctrl-C stops it)",
    )


def _refuse_without_accounts(workspace, host: str, accounts, network: dict) -> None:
    """A studio reachable from the network (another address, or behind a proxy) only with
    accounts and an active operator; a proxy without --trusted-proxy is warned about."""
    hosted = host not in LOOPBACK
    # a reverse proxy makes a loopback studio reachable from the network just the same
    proxied = bool(network["server_name"] or network["root_path"] or network["trusted_proxy"])
    if (hosted or proxied) and (accounts is None or not accounts.any_operator()):
        where = f"pod adresem „{host}”" if hosted else "za serwerem pośredniczącym (proxy)"
        where_en = f"at the address '{host}'" if hosted else "behind a reverse proxy"
        raise LoopbackOnly(
            f"studio {where} byłoby dostępne w sieci, a folder roboczy nie ma kont "
            "(nie ma aktywnego operatora); bez kont studio działa tylko na tym komputerze — odmowa. "
            "Najpierw: deedgen studio user add "
            f"{workspace} NAZWA --role operator.",
            english=f"the studio {where_en} would be reachable from the network, and the "
            "workspace has no accounts (no active operator); without accounts the studio runs "
            "on this computer only — refused. First: deedgen studio user add "
            f"{workspace} NAME --role operator.",
        )
    if proxied and not network["trusted_proxy"]:
        click.echo(
            say(
                "Uwaga: bez --trusted-proxy studio widzi adres serwera pośredniczącego zamiast "
                "adresu osoby; limit nieudanych logowań z jednego adresu obejmie wtedy wszystkich "
                "naraz.",
                "Note: without --trusted-proxy the studio sees the proxy's address instead of the "
                "person's; the limit of failed logins from one address then covers everyone at "
                "once.",
            ),
            err=True,
        )


@studio.group("user")
def user():
    """Accounts of a hosted studio (kept in the workspace's .deedgen-accounts.sqlite3)."""


def _password(confirm: bool = True) -> str:
    password = click.prompt(
        say("Hasło", "Password"),
        hide_input=True,
        confirmation_prompt=say("Powtórz hasło", "Repeat for confirmation") if confirm else False,
    )
    if len(password) < 10:
        raise DeedgenError(
            "hasło musi mieć co najmniej 10 znaków",
            english="the password must have at least 10 characters",
        )
    return password


@user.command("add")
@click.argument("workspace", type=click.Path(file_okay=False))
@click.argument("name")
@click.option("--role", type=click.Choice(["librarian", "mentor", "operator"]), required=True)
@click.option("--coalition", multiple=True, help="A coalition's sheet file (librarian, mentor).")
@message_lang_option
def user_add(workspace, name, role, coalition):
    """Add account NAME (the password is asked for)."""
    _accounts(workspace).add(name, _password(), role, coalition)
    click.echo(say(f"dodano konto {name} ({role})", f"added the account {name} ({role})"))


@user.command("list")
@click.argument("workspace", type=click.Path(file_okay=False))
@message_lang_option
def user_list(workspace):
    """List the accounts."""
    for account in _accounts(workspace).accounts():
        state = say("wyłączone", "disabled") if account.disabled else say("aktywne", "active")
        click.echo(f"{account.name}\t{account.role}\t{','.join(account.coalitions)}\t{state}")


@user.command("disable")
@click.argument("workspace", type=click.Path(file_okay=False))
@click.argument("name")
@message_lang_option
def user_disable(workspace, name):
    """Disable account NAME (its sessions end at once)."""
    _accounts(workspace).set_disabled(name)
    click.echo(say(f"wyłączono konto {name}", f"disabled the account {name}"))


@user.command("passwd")
@click.argument("workspace", type=click.Path(file_okay=False))
@click.argument("name")
@message_lang_option
def user_passwd(workspace, name):
    """Set a new password of NAME (its sessions end at once)."""
    _accounts(workspace).set_password(name, _password())
    click.echo(say(f"zmieniono hasło konta {name}", f"changed the password of {name}"))


COMMANDS = [studio]
