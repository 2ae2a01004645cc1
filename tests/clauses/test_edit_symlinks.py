"""Writes into a layer stay in it (issue 13): ``clause edit``, ``clause new`` and ``clause remove``
refuse a clause file, a category folder or a kept-aside draft that is a symbolic link, naming the
link in Polish, before anything is written. A link out of the layer is refused by the loader
already; a link that stays inside (it could still redirect a write to another clause's folder)
by the writer itself. Either way the link's target and the whole tree stay as they were."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from deedgen.cli.main import cli
from tests.clauses.test_edit import editor  # noqa: F401  (the scripted $EDITOR fixture)

POLISH = {"LANG": "C.UTF-8", "LC_ALL": ""}
# where the links point: out of the layer, or to another place inside it
WHERE = pytest.mark.parametrize("target_in", ["poza", "gmina/inne"])


def run(*args):
    return CliRunner(env=POLISH).invoke(cli, ["clause", *map(str, args)])


def snapshot(root):
    """Every path under *root* (links not followed) with its content or link target."""
    found = {}
    for parent, folders, names in os.walk(root):
        for name in folders + names:
            path = os.path.join(parent, name)
            if os.path.islink(path):
                found[path] = "-> " + os.readlink(path)
            elif os.path.isdir(path):
                found[path] = "<folder>"
            else:
                with open(path, "rb") as file:
                    found[path] = file.read()
    return found


def layer_with_target(tmp_path, target_in):
    top, target = tmp_path / "gmina", tmp_path / target_in
    top.mkdir()
    target.mkdir(parents=True, exist_ok=True)
    return top, target


def assert_refused(result, link, before, tmp_path):
    assert result.exit_code == 2, result.output
    assert "dowiązanie symboliczne" in result.output, result.output
    assert link.name in result.output
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before  # nothing written, nothing removed, anywhere


@WHERE
def test_edit_refuses_a_dangling_rejected_draft_link(tmp_path, editor, target_in):  # noqa: F811
    top, target = layer_with_target(tmp_path, target_in)
    (top / "final").mkdir()
    link = top / "final" / "law.pl.txt.rejected"
    link.symlink_to(target / "ofiara.txt")  # dangling: a write would create the victim
    editor(pl_append="ust. Kodeks {{ nieznane_pole }}.")  # invalid: --no-input keeps it aside
    before = snapshot(tmp_path)

    result = run("edit", "final.law", "--library", top, "--note", "x", "--no-input")

    assert_refused(result, link, before, tmp_path)  # the editor never opened: no log written
    if target_in == "gmina/inne":
        assert f"odmowa zapisu: {link} to dowiązanie symboliczne" in result.output
        assert "Nic nie zostało zapisane." in result.output


@WHERE
def test_edit_refuses_a_category_folder_link(tmp_path, editor, target_in):  # noqa: F811
    top, target = layer_with_target(tmp_path, target_in)
    (top / "final").symlink_to(target, target_is_directory=True)
    editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")
    before = snapshot(tmp_path)

    result = run("edit", "final.law", "--library", top, "--note", "x")

    assert_refused(result, top / "final", before, tmp_path)


@pytest.mark.parametrize("target_in", ["poza"])  # inside, a lone English file is refused as such
def test_edit_refuses_a_clause_file_link(tmp_path, editor, target_in):  # noqa: F811
    top, target = layer_with_target(tmp_path, target_in)
    victim = target / "wazne.txt"
    victim.write_text("ważne dane\n", encoding="utf-8")
    (top / "final").mkdir()
    (top / "final" / "law.en.txt").symlink_to(victim)
    editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")
    before = snapshot(tmp_path)

    result = run("edit", "final.law", "--library", top, "--note", "x")

    assert_refused(result, top / "final" / "law.en.txt", before, tmp_path)


@WHERE
def test_new_refuses_a_category_folder_link(tmp_path, target_in):
    top, target = layer_with_target(tmp_path, target_in)
    (top / "promotion").symlink_to(target, target_is_directory=True)
    before = snapshot(tmp_path)

    result = run("new", "promotion.press", "--library", top)

    assert_refused(result, top / "promotion", before, tmp_path)


@pytest.mark.parametrize("target_in", ["poza"])
def test_new_refuses_a_dangling_clause_file_link(tmp_path, target_in):
    top, target = layer_with_target(tmp_path, target_in)
    (top / "promotion").mkdir()
    link = top / "promotion" / "press.en.txt"
    link.symlink_to(target / "ofiara.en.txt")
    before = snapshot(tmp_path)

    result = run("new", "promotion.press", "--library", top)

    assert_refused(result, link, before, tmp_path)  # not even the Polish half is written


@WHERE
def test_remove_refuses_a_category_folder_link(tmp_path, target_in):
    top, target = layer_with_target(tmp_path, target_in)
    (top / "promotion").symlink_to(target, target_is_directory=True)
    before = snapshot(tmp_path)

    result = run(
        "remove", "promotion.dialogue", "--note", "Promocję prowadzi gmina.", "--library", top
    )

    assert_refused(result, top / "promotion", before, tmp_path)


def test_a_layer_folder_that_is_itself_a_link_is_written_as_named(tmp_path):
    real, top = tmp_path / "prawdziwa", tmp_path / "gmina"
    real.mkdir()
    top.symlink_to(real, target_is_directory=True)

    result = run("new", "promotion.press", "--library", top)

    assert result.exit_code == 0, result.output
    assert (real / "promotion" / "press.pl.txt").is_file()
