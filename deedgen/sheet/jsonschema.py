"""The JSON Schema of the partner sheet, generated from the marshmallow schemas.

Published as ``schemas/partner-sheet.schema.json`` for editors and other tools. Regenerate it
after changing :mod:`deedgen.sheet.schema`::

    python -m deedgen.sheet.jsonschema > schemas/partner-sheet.schema.json

(a test fails while the published file is out of date). The JSON Schema describes the canonical
form of a sheet; the checks it cannot express (check digits, references between tables, dates in
order) are deedgen's: run ``deedgen validate``.
"""

from __future__ import annotations

import json
import sys

from marshmallow import fields as mfields

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.schema import SheetSchema

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Canonical forms. Identifiers may also be typed as numbers (YAML, spreadsheets).
PATTERNS = {
    sheet_fields.Nip: (
        r"^(PL)?(\d[ -]?){9}\d$",
        "10 digits, dashes or spaces allowed; check digit verified by deedgen",
    ),
    sheet_fields.Regon: (
        r"^((\d[ -]?){8}|(\d[ -]?){13})\d$",
        "9 or 14 digits; check digits verified by deedgen",
    ),
    sheet_fields.Krs: (r"^\d{10}$", "10 digits, zero-padded"),
    sheet_fields.Terc: (
        r"^(0[2468]|1[02468]|2[02468]|3[02])\d{4}[123]$",
        "WWPPGGR: even voivodeship code 02-32, kind 1-3",
    ),
    sheet_fields.PostalCode: (r"^\d{2}-\d{3}$", "NN-NNN"),
    sheet_fields.Quarter: (r"^\d{4}-Q[1-4]$", "YYYY-Qn"),
}
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$"
AMOUNT_PATTERN = r"^\d[\d  ]*([.,]\d{1,2})?$"
NUMBER_LIKE = (sheet_fields.Nip, sheet_fields.Regon, sheet_fields.Krs, sheet_fields.Terc)


def sheet_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a partner sheet."""
    defs: dict[str, dict] = {}
    root = _object(SheetSchema(), defs)
    return {
        "$schema": DIALECT,
        "title": "deedgen partner sheet",
        "description": (
            "A coalition built around a Polish public library: the coalition, the gmina, the "
            "parties and their contributions, goals, actions and promotion. Generated from "
            "deedgen.sheet.schema; check digits and references are verified by `deedgen validate`."
        ),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    """The published file's exact text."""
    return json.dumps(sheet_json_schema(), ensure_ascii=False, indent=2) + "\n"


def _object(schema, defs: dict) -> dict:
    properties = {}
    required = []
    for name, field in schema.fields.items():
        properties[name] = _field(field, defs)
        if field.required:
            required.append(name)
    out = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = required
    return out


def _ref(schema, defs: dict) -> dict:
    name = type(schema).__name__.removesuffix("Schema")
    if schema.exclude:
        name += "Without" + "".join(part.title() for part in sorted(schema.exclude))
    if name not in defs:
        defs[name] = {}  # reserve the name first: nested schemas may refer back
        defs[name] = _object(schema, defs)
    return {"$ref": f"#/$defs/{name}"}


def _field(field, defs: dict) -> dict:
    out = {}
    meta = field.metadata
    if meta.get("label"):
        out["title"] = meta["label"]
    if meta.get("description"):
        out["description"] = meta["description"]
    out.update(_type(field, defs))
    if field.allow_none and not field.required:
        out = _nullable(out)
    default = field.load_default
    if not callable(default) and default is not mfields.missing_ and default is not None:
        out["default"] = default
    return out


def _type(field, defs: dict) -> dict:
    if isinstance(field, mfields.Nested):
        return _ref(field.schema, defs)
    if isinstance(field, mfields.List):
        return {"type": "array", "items": _type(field.inner, defs)}
    if isinstance(field, sheet_fields.Choice):
        return {"type": "string", "enum": list(field.choices)}
    if isinstance(field, sheet_fields.Text):
        out = {"type": "string", "maxLength": field.max_length}
        if field.required:
            out["minLength"] = 1
        return out
    for kind, (pattern, note) in PATTERNS.items():
        if isinstance(field, kind):
            return _patterned(field, pattern, note)
    return _scalar_type(field)


def _patterned(field, pattern: str, note: str) -> dict:
    """A code checked by pattern (NIP, REGON…); one typed as digits may arrive as a number."""
    out = {"type": "string", "pattern": pattern, "$comment": note}
    if isinstance(field, NUMBER_LIKE):
        out = {
            "type": ["string", "integer"],
            "minimum": 0,
            **{k: v for k, v in out.items() if k != "type"},
        }
    return out


def _scalar_type(field) -> dict:
    if isinstance(field, sheet_fields.Email):
        return {"type": "string", "format": "email", "pattern": r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"}
    if isinstance(field, sheet_fields.Date):
        return {"type": "string", "pattern": DATE_PATTERN, "$comment": "2026-03-01 or 1.03.2026"}
    if isinstance(field, sheet_fields.Amount):
        return {
            "type": ["string", "number"],
            "minimum": 0,
            "pattern": AMOUNT_PATTERN,
            "$comment": "PLN, at most 2 decimal places: 15000.00 or 15 000,00",
        }
    if isinstance(field, mfields.Boolean):
        return {"type": "boolean"}
    if isinstance(field, mfields.Integer):
        return {"type": "integer"}
    raise TypeError(f"no JSON Schema mapping for {type(field).__name__}")


def _nullable(out: dict) -> dict:
    if "$ref" in out:
        ref = {"$ref": out.pop("$ref")}
        return {**out, "anyOf": [ref, {"type": "null"}]}
    kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
    out["type"] = [*kinds, "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


if __name__ == "__main__":
    sys.stdout.write(render())
