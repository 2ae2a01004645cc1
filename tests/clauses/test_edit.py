"""A mentor's edits: `clause edit` with a scripted $EDITOR, `clause new`, `clause remove`.

The editor is a small Python script (EDITOR="python editor.py") that rewrites the files it is
given, following the replacements in the EDIT_SCRIPT environment variable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from deedgen.clauses.data_model import data_model
from deedgen.clauses.editing import EditHooks, edit_clause
from deedgen.clauses.findings import describe
from deedgen.clauses.library import load_library
from deedgen.clauses.lint import lint_library
from deedgen.cli.main import cli
from deedgen.exceptions import ClauseError, DeedgenError, EditRejected
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import ROOT, SAMPLES

CENTRAL_LAW = ROOT / "clause_library" / "final" / "law.pl.txt"

EDITOR_SCRIPT = """\
import json, os, pathlib, sys
script = json.loads(os.environ["EDIT_SCRIPT"])
log = pathlib.Path(os.environ["EDIT_LOG"])
log.write_text(log.read_text() + " ".join(sys.argv[1:]) + "\\n" if log.exists() else " ".join(sys.argv[1:]) + "\\n")
for name in sys.argv[1:]:
    path = pathlib.Path(name)
    lang = "pl" if name.endswith(".pl.txt") else "en"
    text = path.read_text(encoding="utf-8")
    for old, new in script.get(lang, []):
        assert old in text, (old, name)
        text = text.replace(old, new)
    if lang + "_append" in script:
        text = text.rstrip("\\n") + "\\n" + script[lang + "_append"] + "\\n"
    path.write_text(text, encoding="utf-8")
sys.exit(script.get("exit", 0))
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """Set $EDITOR to the scripted editor; call it with the replacements to make."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    log = tmp_path / "editor.log"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setenv("EDIT_LOG", str(log))

    def configure(**replacements):
        monkeypatch.setenv("EDIT_SCRIPT", json.dumps(replacements))
        return log

    return configure


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return YAML(typ="safe", pure=True).load(text.split("---")[1])


def run(*args):
    return CliRunner().invoke(cli, ["clause", *map(str, args)])


def test_valid_edit_copies_the_clause_into_the_top_layer_bumps_the_version_and_notes_the_change(
    tmp_path, editor
):
    top = tmp_path / "gmina"
    top.mkdir()
    central_before = CENTRAL_LAW.read_bytes()
    log = editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")

    result = run("edit", "final.law", "--library", top, "--note", "Dodano ustawę o bibliotekach.")

    assert result.exit_code == 0, result.output
    assert "skopiowano final.law z central v1 do najwyższej warstwy" in result.output
    assert "final.law: wersja 1 → 2" in result.output
    assert (
        "tekst angielski (" in result.output and "jest teraz starszy niż polski (" in result.output
    )
    pl, en = top / "final" / "law.pl.txt", top / "final" / "law.en.txt"
    meta = front_matter(pl)
    assert meta["version"] == 2
    assert meta["changes"][-1]["note"] == "Dodano ustawę o bibliotekach."
    assert meta["changes"][-1]["version"] == 2 and meta["changes"][-1]["base"] == "central v1"
    assert pl.read_text(encoding="utf-8").endswith(
        "ust. Stosuje się także ustawę o bibliotekach.\n"
    )
    en_meta = front_matter(en)
    assert en_meta["version"] == 2 and en_meta["changes"][-1]["review"] is True
    assert CENTRAL_LAW.read_bytes() == central_before
    assert log.read_text().split()[0].endswith("law.pl.txt") and log.read_text().split()[
        1
    ].endswith("law.en.txt")
    library = load_library([top])
    assert (
        library.get("final.law").layer == "gmina"
        and library.provenance("final.law").summary("en") == "replaces central v1"
    )
    report = lint_library([top], model=data_model([SAMPLES / "lipowiec.yaml"]))
    assert report.errors == []
    assert any(f.code == "translation-review" for f in report.warnings)


def test_invalid_edit_applies_nothing_and_keeps_a_rejected_copy(tmp_path, editor):
    top = tmp_path / "gmina"
    top.mkdir()
    editor(pl_append="ust. Kodeks {{ nieznane_pole }}.")

    result = run("edit", "final.law", "--library", top, "--note", "x")

    assert result.exit_code == 2
    assert "final.law: zmiana jest błędna:" in result.output
    assert "[placeholder]: nieznana nazwa „nieznane_pole”" in result.output
    # the problem is placed in the layer's file (printed relative to the working folder when
    # that is shorter, so compare the tail of the path)
    assert f"{top.name}/final/law.pl.txt:" in result.output
    assert "niczego nie zastosowano; twój tekst zachowano w" in result.output
    assert not (top / "final" / "law.pl.txt").exists()
    rejected = top / "final" / "law.pl.txt.rejected"
    assert "{{ nieznane_pole }}" in rejected.read_text(encoding="utf-8")
    assert load_library([top]).get("final.law").layer == "central"  # the library is intact


def test_invalid_edit_of_the_layers_own_clause_leaves_the_file_as_it_was(tmp_path, editor):
    top = overlay(
        tmp_path, "gmina", clause_pair("promotion.press", "ust. Gazeta gminna.\nust.[b] Drugi.")
    )
    before = (top / "promotion" / "press.pl.txt").read_bytes()
    editor(pl=[["ust.[b] Drugi.", "lit. bez punktu"]])

    result = run("edit", "promotion.press", "--library", top, "--note", "x")

    assert result.exit_code == 2
    assert "press.pl.txt:10: błąd [structure]: „lit.” musi stać po „pkt.”" in result.output
    assert (top / "promotion" / "press.pl.txt").read_bytes() == before
    assert (top / "promotion" / "press.pl.txt.rejected").is_file()
    result = run("edit", "promotion.press", "--library", top, "--note", "x")
    assert (
        top / "promotion" / "press.pl.txt.rejected-2"
    ).is_file()  # an earlier rejected copy is kept


def test_an_edit_of_the_metadata_that_breaks_it_is_rejected(tmp_path, editor):
    top = overlay(tmp_path, "gmina", clause_pair("promotion.press", "ust. Gazeta."))
    editor(pl=[["documents: [declaration]", "documents: [declaration"]])

    result = run("edit", "promotion.press", "--library", top, "--note", "x")

    assert result.exit_code == 2 and "błędne metadane" in result.output
    assert (top / "promotion" / "press.pl.txt.rejected").is_file()


def test_interactive_edit_reopens_the_editor_until_the_text_is_valid(tmp_path):
    central_dir = overlay(
        tmp_path, "central", clause_pair("final.law", "ust. Kodeks cywilny.", order=900)
    )
    top = overlay(tmp_path, "gmina", {})
    top.mkdir(exist_ok=True)
    attempts = []

    def scripted_editor(files):
        pl = files[0]
        text = pl.read_text(encoding="utf-8")
        if not attempts:
            text = text.replace("Kodeks cywilny.", "Kodeks {{ zle }} cywilny.")
        else:
            assert "{{ zle }}" in text  # the mentor's broken text comes back, not the original
            text = text.replace("{{ zle }}", "{{ gmina.name }}")
        attempts.append(pl)
        pl.write_text(text, encoding="utf-8")
        return 0

    messages = []
    hooks = EditHooks(
        interactive=True,
        echo=messages.append,
        retry=lambda: True,
        ask_note=lambda: "Poprawka.",
        editor=scripted_editor,
    )
    library = load_library([top], central=central_dir, required={})

    result = edit_clause(
        library, "final.law", hooks=hooks, model=data_model([SAMPLES / "lipowiec.yaml"])
    )

    assert len(attempts) == 2
    assert any("nieznana nazwa „zle”" in m for m in messages)
    assert (result.old_version, result.new_version, result.copied_from) == (1, 2, "central v1")
    assert front_matter(top / "final" / "law.pl.txt")["changes"][-1]["note"] == "Poprawka."


def test_declining_to_reopen_keeps_the_rejected_copy(tmp_path):
    central_dir = overlay(
        tmp_path, "central", clause_pair("final.law", "ust. Kodeks cywilny.", order=900)
    )
    top = tmp_path / "gmina"
    top.mkdir()

    def broken(files):
        files[0].write_text(files[0].read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
        return 0

    hooks = EditHooks(
        interactive=True,
        echo=lambda m: None,
        retry=lambda: False,
        ask_note=lambda: "n",
        editor=broken,
    )
    with pytest.raises(EditRejected, match="niczego nie zastosowano"):
        edit_clause(load_library([top], central=central_dir, required={}), "final.law", hooks=hooks)
    assert (top / "final" / "law.pl.txt.rejected").is_file() and not (
        top / "final" / "law.pl.txt"
    ).exists()


def test_a_locked_clause_cannot_be_edited_in_an_overlay(tmp_path, editor):
    top = tmp_path / "gmina"
    top.mkdir()
    log = editor(pl=[["x", "y"]])

    result = run("edit", "sustainability.continuity", "--library", top, "--note", "x")

    assert result.exit_code == 2 and "jest zablokowana w warstwie central" in result.output
    assert not log.exists() and not any(top.iterdir())


def test_edit_without_a_note_when_not_interactive_is_refused_before_the_editor_opens(
    tmp_path, editor
):
    top = tmp_path / "gmina"
    top.mkdir()
    log = editor(pl_append="ust. Coś.")

    result = run("edit", "final.law", "--library", top)

    assert result.exit_code == 2 and "--note" in result.output
    assert not log.exists()


def test_editor_failing_applies_nothing(tmp_path, editor):
    top = tmp_path / "gmina"
    top.mkdir()
    editor(pl_append="ust. Coś.", exit=3)

    result = run("edit", "final.law", "--library", top, "--note", "x")

    assert result.exit_code == 2 and "edytor zakończył pracę z kodem 3" in result.output
    assert not (top / "final" / "law.pl.txt").exists()
    assert (top / "final" / "law.pl.txt.rejected").is_file()


def test_an_edit_without_changes_writes_nothing(tmp_path, editor):
    top = tmp_path / "gmina"
    top.mkdir()
    editor()

    result = run("edit", "final.law", "--library", top, "--note", "x")

    assert result.exit_code == 0 and "final.law: bez zmian" in result.output
    assert not any(top.iterdir())


def test_a_version_the_mentor_raised_is_kept_and_an_english_only_fix_keeps_the_version(
    tmp_path, editor
):
    top = overlay(
        tmp_path, "gmina", clause_pair("promotion.press", "ust. Gazeta.", "ust. Newspaper.")
    )
    editor(pl=[["version: 1", "version: 5"], ["Gazeta.", "Gazeta gminna."]])
    assert run("edit", "promotion.press", "--library", top, "--note", "a").exit_code == 0
    assert front_matter(top / "promotion" / "press.pl.txt")["version"] == 5

    editor(en=[["Newspaper.", "The gmina newspaper."]])
    result = run("edit", "promotion.press", "--library", top, "--note", "translation")

    assert result.exit_code == 0, result.output
    assert front_matter(top / "promotion" / "press.pl.txt")["version"] == 5
    en = front_matter(top / "promotion" / "press.en.txt")
    assert en["version"] == 5 and en["changes"][-1]["note"] == "translation"


def test_editing_an_override_records_its_base_and_warns_when_the_layer_below_changed(
    tmp_path, editor
):
    central_v = load_library([]).get("final.law").version
    text = (ROOT / "clause_library" / "final" / "law.pl.txt").read_text(encoding="utf-8")
    text = text.replace(
        f"version: {central_v}\n",
        f"version: {central_v + 1}\nchanges:\n  - {{date: 2026-01-05, version: {central_v + 1}, note: lokalnie, base: central v0}}\n",
        1,
    )
    top = overlay(tmp_path, "gmina", {"final/law.pl.txt": text})
    editor(pl_append="ust. Coś jeszcze.")

    result = run("edit", "final.law", "--library", top, "--note", "po przeglądzie")

    assert result.exit_code == 0, result.output
    assert (
        f"ta nakładka powstała na central v0; niższa warstwa ma teraz central v{central_v}"
        in result.output
    )
    assert (
        front_matter(top / "final" / "law.pl.txt")["changes"][-1]["base"] == f"central v{central_v}"
    )


def test_edit_without_an_overlay_refuses_to_write_into_the_central_library(editor):
    editor(pl_append="ust. Coś.")

    result = run("edit", "final.law", "--note", "x")

    assert result.exit_code == 2 and "--library FOLDER" in result.output


# --- new and remove ----------------------------------------------------------------------------


def test_clause_new_writes_a_documented_draft_in_the_top_layer(tmp_path):
    top = tmp_path / "gmina"
    top.mkdir()

    result = run(
        "new",
        "promotion.press",
        "--category",
        "promotion",
        "--library",
        top,
        "--title",
        "Gazeta gminna",
    )

    assert result.exit_code == 0, result.output
    pl, en = top / "promotion" / "press.pl.txt", top / "promotion" / "press.en.txt"
    text = pl.read_text(encoding="utf-8")
    assert "# condition:" in text and "# locked:" in text and 'title: "Gazeta gminna"' in text
    assert front_matter(en)["version"] == 1
    report = lint_library([top], model=data_model([SAMPLES / "lipowiec.yaml"]))
    assert report.errors == [], [describe(f) for f in report.errors]
    assert [f.code for f in report.warnings if f.subject == "promotion.press"] == ["draft"]
    again = run("new", "promotion.press", "--library", top)
    assert again.exit_code == 2 and "już jest w warstwie gmina" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sustainability.continuity"], "jest zablokowana w warstwie central"),
        (["promotion.press", "--category", "team"], "musi zaczynać się od swojej kategorii"),
        (["Promotion.Press"], "ma mieć postać kategoria.nazwa"),
    ],
)
def test_clause_new_refusals(tmp_path, args, message):
    top = tmp_path / "gmina"
    top.mkdir()

    result = run("new", *args, "--library", top)

    assert result.exit_code == 2 and message in result.output
    assert not any(top.iterdir())


def test_clause_remove_writes_a_marker_and_refuses_a_required_clause(tmp_path):
    top = tmp_path / "gmina"
    top.mkdir()

    result = run(
        "remove", "promotion.dialogue", "--note", "Promocję prowadzi gmina.", "--library", top
    )
    assert result.exit_code == 0, result.output
    library = load_library([top])
    assert (
        "promotion.dialogue" not in library.clauses
        and library.removed["promotion.dialogue"].layer == "gmina"
    )

    refused = run("remove", "mentoring.bw", "--note", "x", "--library", top)
    assert refused.exit_code == 2 and "jest wymagana (reguła finansowania" in refused.output
    locked = run("remove", "sustainability.continuity", "--note", "x", "--library", top)
    assert locked.exit_code == 2 and "zablokowana" in locked.output
    assert sorted(p.name for p in (top).rglob("*.txt")) == ["dialogue.pl.txt"]


def test_errors_are_deedgen_errors_so_the_cli_shows_no_traceback(tmp_path):
    with pytest.raises(DeedgenError):
        edit_clause(load_library([]), "final.law", note="x")
    with pytest.raises(ClauseError):
        load_library([]).get("final.nothing")


def test_visual_beats_editor_and_quoted_paths_stay_whole(monkeypatch):
    from deedgen.clauses.editing import editor_command

    monkeypatch.setenv("EDITOR", "nano")
    monkeypatch.setenv("VISUAL", '"/opt/My Editor/code" --wait')
    assert editor_command() == ["/opt/My Editor/code", "--wait"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["nano"]


def test_clause_new_over_a_lower_clause_starts_above_its_version(tmp_path):
    top = tmp_path / "gmina"
    top.mkdir()

    result = run("new", "final.law", "--library", top)

    assert result.exit_code == 0, result.output
    assert "uwaga: to zastępuje central" in result.output
    central_v = load_library([]).get("final.law").version
    assert front_matter(top / "final" / "law.pl.txt")["version"] == central_v + 1


@pytest.mark.parametrize(
    ("umask", "command", "written"),
    [
        (0o022, ["edit", "final.law", "--note", "x", "--no-input"], ["law.pl.txt", "law.en.txt"]),
        (0o027, ["new", "final.press"], ["press.pl.txt", "press.en.txt"]),
        (0o022, ["remove", "final.law", "--note", "x"], ["law.pl.txt"]),
    ],
)
def test_clause_files_get_the_usual_permissions_of_the_umask(
    tmp_path, editor, umask, command, written
):
    """Clause files are written atomically through a temporary file; that file's private 0600
    must not survive into the clause library, which the whole team reads (bug 3 of issue 11)."""
    import os
    import stat

    top = tmp_path / "gmina"
    top.mkdir()
    editor(pl_append="ust. Stosuje się także ustawę o bibliotekach.")
    previous = os.umask(umask)
    try:
        result = run(*command, "--library", top)
    finally:
        os.umask(previous)

    assert result.exit_code == 0, result.output
    for name in written:
        mode = stat.S_IMODE((top / "final" / name).stat().st_mode)
        assert mode == 0o666 & ~umask, (name, oct(mode))


def test_the_clause_commands_speak_english_with_lang_en(tmp_path, editor):
    top = tmp_path / "gmina"
    top.mkdir()
    editor(pl_append="ust. Kodeks {{ nieznane_pole }}.")

    edited = CliRunner().invoke(
        cli, ["--lang", "en", "clause", "edit", "final.law", "--library", str(top), "--note", "x"]
    )
    refused = CliRunner().invoke(
        cli, ["--lang", "en", "clause", "new", "Promotion.Press", "--library", str(top)]
    )

    assert edited.exit_code == 2
    assert "final.law: the edit is not valid:" in edited.output
    assert "error [placeholder]:" in edited.output
    assert "nothing applied; your text is kept in" in edited.output
    assert refused.exit_code == 2
    assert "id 'Promotion.Press' must look like category.name" in refused.output
