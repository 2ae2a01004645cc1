"""A small central library and overlays built in tmp folders, one scenario per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_file_tree, clause_file


def en_file(clause_id: str, body: str, *, title: str = "Title", version: int = 1) -> str:
    return f"---\nid: {clause_id}\ntitle: {title}\nversion: {version}\n---\n{body.strip()}\n"


def clause_pair(clause_id: str, body: str, en_body: str | None = None, **meta) -> dict[str, str]:
    """{category/name.pl.txt: …, category/name.en.txt: …} for one clause."""
    category, name = clause_id.split(".")[0], clause_id.rsplit(".", 1)[-1]
    version = meta.get("version", 1)
    files = {f"{category}/{name}.pl.txt": clause_file(clause_id, body, **meta)}
    if en_body is not False:
        files[f"{category}/{name}.en.txt"] = en_file(clause_id, en_body or body, version=version)
    return files


CENTRAL = {
    **clause_pair(
        "team.composition",
        "ust. Strony powołują Zespół.\nust.[tasks] Zadania Zespołu:\npkt. planowanie\npkt. monitorowanie",
        "ust. The Parties set up a Team.\nust.[tasks] The Team's tasks:\npkt. planning\npkt. monitoring",
        title="Zespół",
        order=100,
    ),
    **clause_pair(
        "sustainability.continuity",
        "ust. Zobowiązania wiążą {{ gmina_party.name }} niezależnie od zmian organów.",
        "ust. The commitments bind {{ gmina_party.name }} whatever changes of its bodies.",
        title="Trwałość",
        order=200,
        locked="true",
    ),
    **clause_pair(
        "mentoring.bw",
        "ust. Mentorem jest {{ mentor.name }}, o którym mowa w §[team.composition#tasks].",
        "ust. The mentor is {{ mentor.name }}, see §[team.composition#tasks].",
        title="Mentoring",
        order=300,
        condition="mentor is not none",
    ),
    **clause_pair("final.law", "ust. W sprawach nieuregulowanych stosuje się Kodeks cywilny.", "ust. The Civil Code applies.", title="Prawo", order=900),
}  # fmt: skip


@pytest.fixture
def central(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "central", CENTRAL)


@pytest.fixture
def no_rules() -> dict:
    """No funding rule requires anything (tests of removal pass their own)."""
    return {}


def overlay(root: Path, name: str, files: dict[str, str]) -> Path:
    return build_file_tree(root / name, files)
