"""Cohorts built in tmp folders, one scenario per test, and helpers to run and read a batch."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import dump_yaml, generate_sheet
from tests.helpers import SAMPLES, build_file_tree, clause_file


def sheet(index: int, *, parties: int | None = None, actions: int | None = None, **changes) -> dict:
    """A valid, compliant synthetic partner sheet; *changes* set dotted paths
    (``gmina__name="…"`` sets gmina.name)."""
    data = generate_sheet(index, seed=11, parties=parties, actions=actions)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value
    return data


def with_gmina_money(data: dict, amount: str = "5000.00") -> dict:
    """The sheet with the gmina contributing money (so financing.budget and the treasurer's
    countersignature apply)."""
    data = copy.deepcopy(data)
    data["contributions"] = [
        c
        for c in data["contributions"]
        if not (c["party"] == "gmina" and c["resource"] == "finances")
    ]
    data["contributions"].append(
        {
            "party": "gmina",
            "resource": "finances",
            "amount": amount,
            "description": "środki na materiały",
        }
    )
    data["treasurer"] = {"name": "Jolanta Pietrzak", "function": "Skarbnik Gminy"}
    return data


def without_gmina_money(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["contributions"] = [
        c
        for c in data["contributions"]
        if not (c["party"] == "gmina" and c["resource"] == "finances")
    ]
    data.pop("treasurer", None)
    return data


def write_cohort(folder: Path, sheets: dict[str, dict | Path]) -> Path:
    """A cohort folder: {file name: sheet data, or a sample file to copy}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in sheets.items():
        text = (
            content.read_text(encoding="utf-8") if isinstance(content, Path) else dump_yaml(content)
        )
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_batch(*args: str) -> tuple[int, str]:
    """``deedgen batch …`` in-process; (exit code, output)."""
    from deedgen.cli.main import cli

    result = CliRunner().invoke(cli, ["batch", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output


def report(outdir: Path) -> dict:
    return json.loads((outdir / "summary.json").read_text(encoding="utf-8"))


def rows_by_sheet(outdir: Path) -> dict[str, dict]:
    return {row["sheet"]: row for row in report(outdir)["rows"]}


def coalition_folders(outdir: Path) -> list[str]:
    return sorted(p.name for p in outdir.iterdir() if p.is_dir() and not p.name.startswith("."))


def manifest_mtimes(outdir: Path) -> dict[str, int]:
    return {
        name: os.stat(outdir / name / "manifest.json").st_mtime_ns
        for name in coalition_folders(outdir)
    }


def assert_no_leftovers(outdir: Path) -> None:
    """No staging folder, no temporary file, no scratch space after a batch."""
    hidden = [
        p.name for p in outdir.iterdir() if p.name.startswith(".") and p.name != ".deedgen-batch"
    ]
    assert hidden == []
    assert sorted(p.name for p in (outdir / ".deedgen-batch").iterdir()) == ["lock"]
    partial = [
        str(p)
        for p in outdir.rglob("*")
        if p.name.endswith((".part", ".tmp")) or ".manifest." in p.name
    ]
    assert partial == []


def overlay_clause(root: Path, clause_id: str, body: str, *, version: int = 1, **meta) -> Path:
    """An overlay folder with one clause (Polish and English files)."""
    category, name = clause_id.split(".")[0], clause_id.rsplit(".", 1)[-1]
    en = f"---\nid: {clause_id}\ntitle: Title\nversion: {version}\n---\n{body}\n"
    return build_file_tree(
        root,
        {
            f"{category}/{name}.pl.txt": clause_file(clause_id, body, version=version, **meta),
            f"{category}/{name}.en.txt": en,
        },
    )


@pytest.fixture
def samples() -> Path:
    return SAMPLES
