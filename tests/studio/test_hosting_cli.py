"""Hosting from the command line: accounts managed with ``deedgen studio user``, and no studio
beyond the loopback without them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.studio.auth.store import AccountStore


def test_user_add_list_disable_passwd(workspace):
    runner = CliRunner()
    ws = str(workspace)
    added = runner.invoke(
        cli,
        ["studio", "user", "add", ws, "ala", "--role", "librarian", "--coalition", "lipowiec.yaml"],
        input="dobre-hasło-1\ndobre-hasło-1\n",
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["studio", "user", "list", ws])
    assert "ala\tlibrarian\tlipowiec.yaml\taktywne" in listed.output
    store = AccountStore.of_workspace(workspace)
    token = store.login("ala", "dobre-hasło-1", address="t")
    changed = runner.invoke(
        cli, ["studio", "user", "passwd", ws, "ala"], input="inne-hasło-22\ninne-hasło-22\n"
    )
    assert changed.exit_code == 0, changed.output
    assert store.session(token) is None
    assert store.login("ala", "inne-hasło-22", address="t")
    assert runner.invoke(cli, ["studio", "user", "disable", ws, "ala"]).exit_code == 0
    assert store.login("ala", "inne-hasło-22", address="t") is None


def test_host_beyond_loopback_refused_without_accounts(workspace):
    result = CliRunner().invoke(
        cli, ["studio", str(workspace), "--host", "0.0.0.0", "--no-browser"]
    )
    assert result.exit_code == 4
    assert "nie ma kont" in result.output


@pytest.mark.parametrize(
    "proxy_option",
    [
        ["--server-name", "studio.wbp.example.pl"],
        ["--root-path", "/studio"],
        ["--trusted-proxy", "127.0.0.1"],
    ],
)
def test_behind_a_proxy_accounts_are_required_too(workspace, proxy_option):
    """On the loopback but behind a reverse proxy, the studio is on the network all the same."""
    result = CliRunner().invoke(cli, ["studio", str(workspace), *proxy_option, "--no-browser"])
    assert result.exit_code == 4
    assert "za serwerem pośredniczącym (proxy)" in result.output and "nie ma kont" in result.output


def test_a_missing_workspace_is_refused_before_any_address_is_printed(tmp_path):
    result = CliRunner().invoke(cli, ["studio", str(tmp_path / "nie-ma"), "--no-browser"])
    assert result.exit_code == 2
    assert "folder roboczy nie istnieje" in result.output
    assert "http://" not in result.output
