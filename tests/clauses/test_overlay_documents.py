"""Layers in the documents: the sample regional overlay changes what is built and is recorded in
the manifest and the review annex; the sandbox holds; partner data is never a template."""

from __future__ import annotations

import json

import pytest

from deedgen.assemble import assemble_documents
from deedgen.clauses.annex import review_annex
from deedgen.clauses.data_model import data_model
from deedgen.clauses.library import load_library
from deedgen.clauses.lint import lint_library
from deedgen.exceptions import ClauseError
from deedgen.sheet.validate import read_sheet
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import ROOT, SAMPLES, docx_text, load_sample, write_sheet

REGION = ROOT / "samples" / "overlays" / "wbp-kielce"
LOCAL = ROOT / "samples" / "overlays" / "lipowiec"


@pytest.fixture(scope="module")
def lipowiec():
    return read_sheet(SAMPLES / "lipowiec.yaml")


def test_the_regional_overlay_changes_the_declaration_visibly(lipowiec):
    central = assemble_documents(lipowiec, load_library([]), "pl", kinds=("declaration",))[
        "declaration"
    ]
    regional = assemble_documents(lipowiec, load_library([REGION]), "pl", kinds=("declaration",))[
        "declaration"
    ]

    text = regional.plain_text()
    assert "Regionalna sieć koalicji i wizyty studyjne" in text
    assert "konsultacje co najmniej raz w miesiącu" in text
    assert "konsultacje co najmniej raz w miesiącu" not in central.plain_text()
    networking = regional.section("mentoring.networking")
    assert networking.number == regional.section("mentoring.bw").number + 1
    assert any("o których mowa w ust.\u00a02 pkt\u00a02" in unit.text for unit in networking.units)
    used = {c.id: c for c in regional.clauses}
    assert (used["mentoring.bw"].layer, used["mentoring.bw"].version) == ("wbp-kielce", 4)
    assert used["mentoring.networking"].source == str(REGION / "mentoring" / "networking.pl.txt")


def test_three_layers_in_one_document_in_both_languages(lipowiec):
    library = load_library([LOCAL, REGION])
    for lang in ("pl", "en"):
        document = assemble_documents(lipowiec, library, lang, kinds=("declaration",))[
            "declaration"
        ]
        layers = {c.id: c.layer for c in document.clauses}
        assert layers["promotion.local_press"] == "lipowiec"
        assert layers["mentoring.networking"] == "wbp-kielce"
        assert layers["sustainability.continuity"] == "central"
        assert "Wieści Lipowieckie" in document.plain_text()


def test_review_annex_lists_each_clause_with_its_layer_file_version_and_what_it_replaced(lipowiec):
    library = load_library([LOCAL, REGION])
    document = assemble_documents(lipowiec, library, "pl", kinds=("declaration",))["declaration"]

    annex = review_annex(document, library)

    rows = {row.clause_id: row for row in annex.rows}
    bw = rows["mentoring.bw"]
    assert (bw.section, bw.version, bw.layer, bw.file, bw.replaces) == (
        f"§ {document.section('mentoring.bw').number}",
        4,
        "wbp-kielce",
        "mentoring/bw.pl.txt",
        f"central v{library.replaced['mentoring.bw'][0].version}",
    )
    assert (
        rows["promotion.local_press"].replaces == ""
        and rows["promotion.local_press"].layer == "lipowiec"
    )
    assert rows["sustainability.continuity"].layer == "central"
    assert annex.layers == ("lipowiec", "wbp-kielce", "central")
    markdown = annex.markdown()
    assert "| § | Klauzula | Tytuł | Wersja | Warstwa | Plik | Zastępuje |" in markdown
    assert "| mentoring.bw |" in markdown and bw.replaces in markdown
    assert "mentoring.bw" in annex.text() and json.dumps(annex.as_dict(), ensure_ascii=False)
    assert not any(
        "Pochodzenie klauzul" in s.title for s in document.sections
    )  # never in the document


def test_review_annex_lists_clauses_an_overlay_removed(tmp_path, lipowiec):
    local = overlay(
        tmp_path, "gmina", {"final/law.pl.txt": "---\nid: final.law\nremove: true\n---\n"}
    )
    library = load_library([local])
    document = assemble_documents(lipowiec, library, "pl", kinds=("declaration",))["declaration"]

    annex = review_annex(document, library)

    assert "final.law" not in document.clause_ids
    assert [(r.clause_id, r.was) for r in annex.removed] == [("final.law", "central v1")]
    assert "final.law (central v1) — gmina: final/law.pl.txt" in annex.markdown()


def test_the_overlay_is_in_the_built_documents_and_the_manifest(tmp_path, lipowiec):
    from deedgen.pipeline.build import BuildOptions, build

    result = build(
        SAMPLES / "lipowiec.yaml",
        tmp_path / "out",
        BuildOptions(formats=("docx",), langs=("pl",)),
        library=load_library([REGION]),
    )

    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [layer["name"] for layer in manifest["library"]["layers"]] == ["wbp-kielce", "central"]
    declaration = next(d for d in manifest["documents"] if d["kind"] == "declaration")
    clauses = {c["id"]: c for c in declaration["clauses"]}
    assert (clauses["mentoring.bw"]["layer"], clauses["mentoring.bw"]["version"]) == (
        "wbp-kielce",
        4,
    )
    assert clauses["mentoring.networking"]["source"] == str(
        REGION / "mentoring" / "networking.pl.txt"
    )
    assert len(clauses["mentoring.networking"]["sha256"]) == 64
    text = docx_text(tmp_path / "out" / declaration["docx"])
    assert "Regionalna sieć koalicji i wizyty studyjne" in text
    assert result.outdir == tmp_path / "out"


# --- the sandbox and partner data ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "ust. {{ ''.__class__.__mro__[1].__subclasses__() }}",
        "ust. {{ coalition.items.__globals__ }}",
        "ust. {{ lipsum.__globals__['os'] }}",
        "ust. {{ parties.append(1) }}",
        "ust. {{ coalition | attr('__class__') }}",
    ],
)
def test_sandbox_escapes_are_refused_by_lint_and_by_the_assembler(tmp_path, lipowiec, body):
    local = overlay(tmp_path, "gmina", clause_pair("promotion.escape", body, order=205))

    report = lint_library([local], model=data_model([SAMPLES / "lipowiec.yaml"]))
    assert any(
        f.code == "sandbox" and f.subject == "promotion.escape" and f.location.line
        for f in report.errors
    )
    with pytest.raises(ClauseError, match="promotion.escape"):
        assemble_documents(lipowiec, load_library([local]), "pl", kinds=("declaration",))


@pytest.mark.parametrize(
    "statement", ["{% include 'x' %}", "{% import 'x' as y %}", "{% extends 'x' %}"]
)
def test_templates_cannot_load_other_templates(tmp_path, lipowiec, statement):
    local = overlay(
        tmp_path, "gmina", clause_pair("promotion.escape", f"ust. A.\n{statement}", order=205)
    )

    report = lint_library([local], model=data_model([SAMPLES / "lipowiec.yaml"]))

    found = [f for f in report.errors if f.code == "sandbox"]
    assert found and found[0].location.line == 10
    with pytest.raises(ClauseError):
        assemble_documents(lipowiec, load_library([local]), "pl", kinds=("declaration",))


def test_partner_data_is_never_evaluated_as_a_template(tmp_path):
    data = load_sample("lipowiec")
    data["parties"][2]["name"] = (
        "Stowarzyszenie {{ 7*7 }} {% if true %}X{% endif %} §[team.composition]"
    )
    data["parties"][2]["short_name"] = "ust. {{ lipsum.__globals__ }}"
    sheet = read_sheet(write_sheet(tmp_path / "sheet.yaml", data))

    document = assemble_documents(sheet, load_library([REGION]), "pl", kinds=("declaration",))[
        "declaration"
    ]

    text = document.plain_text()
    assert "Stowarzyszenie {{ 7*7 }} {% if true %}X{% endif %} §[team.composition]" in text
    assert "Stowarzyszenie 49" not in text
    assert "ust. {{ lipsum.__globals__ }}" in text  # not a structure line, not code
