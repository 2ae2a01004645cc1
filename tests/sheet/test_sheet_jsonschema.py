"""The published JSON Schema is generated from the marshmallow schemas and kept in sync."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from deedgen.sheet import enumerations
from deedgen.sheet.jsonschema import render, sheet_json_schema

from .conftest import SAMPLES, VALID_SAMPLES

PUBLISHED = Path(__file__).resolve().parents[2] / "schemas" / "partner-sheet.schema.json"


def as_json(node):
    """YAML data as JSON data: YAML dates become ISO text."""
    if isinstance(node, dict):
        return {str(k): as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def validator():
    schema = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_published_schema_is_up_to_date():
    assert PUBLISHED.read_text(encoding="utf-8") == render(), (
        "schemas/partner-sheet.schema.json is out of date; regenerate it with:\n"
        "python -m deedgen.sheet.jsonschema > schemas/partner-sheet.schema.json"
    )


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(sheet_json_schema())


def test_enumerations_and_required_fields_come_from_the_marshmallow_schema():
    defs = sheet_json_schema()["$defs"]
    assert defs["Party"]["properties"]["kind"]["enum"] == list(enumerations.PARTY_KINDS)
    assert defs["Contribution"]["properties"]["resource"]["enum"] == list(enumerations.RESOURCES)
    assert defs["Action"]["properties"]["problem_category"]["enum"] == [
        *enumerations.PROBLEM_CATEGORIES,
        None,
    ]
    assert defs["Party"]["required"] == ["id", "kind", "name", "address"]
    assert defs["Party"]["properties"]["nip"]["title"] == "NIP"
    assert defs["Party"]["properties"]["nip"]["description"] == "NIP tax number"
    assert defs["Coalition"]["properties"]["language"]["default"] == "pl"
    assert defs["Party"]["additionalProperties"] is False


@pytest.mark.parametrize("name", VALID_SAMPLES)
def test_sample_yaml_validates_against_the_schema(name):
    data = as_json(YAML(typ="safe").load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8")))
    errors = [f"{e.json_path}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def test_the_schema_catches_format_mistakes_of_the_error_sample():
    data = as_json(YAML(typ="safe").load((SAMPLES / "bledy.yaml").read_text(encoding="utf-8")))
    paths = {e.json_path for e in validator().iter_errors(data)}
    assert {
        "$.coalition",  # place is missing
        "$.gmina.terc",
        "$.parties[0].email",
        "$.parties[1].regon",
        "$.parties[2].address.postal_code",
        "$.parties[2].krs",
        "$.parties[4].kind",
        "$.actions[0].micro_successes[0].quarter",
    } <= paths


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("Party/nip", ["525-000-01-27", "PL5250000127", 5250000127], ["525-000-01", "52500001AB"]),
        ("Party/regon", ["140000017", "30000001900015"], ["1400000", "14000001A"]),
        ("Gmina/terc", ["3201033", "0613082"], ["2704052", "3201034", "320103"]),
        ("Address/postal_code", ["28-130"], ["28130-", "2813"]),
        ("Action/start_quarter", ["2026-Q2"], ["2026-Q5", "2026 Q2"]),
        ("Coalition/declaration_date", ["2026-03-01", "1.03.2026"], ["marzec"]),
        ("Contribution/amount", ["15000.00", "15 000,00", 15000.5, None], ["-1", -1, "1,555"]),
    ],
)
def test_patterns(field, good, bad):
    definition, prop = field.split("/")
    subschema = {**sheet_json_schema()["$defs"][definition]["properties"][prop]}
    check = jsonschema.Draft202012Validator(subschema)
    assert [v for v in good if not check.is_valid(v)] == []
    assert [v for v in bad if check.is_valid(v)] == []
