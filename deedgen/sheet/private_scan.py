"""The private-data guard over a loaded sheet: every free-text field is searched for what only
looks like an identity-card or passport number (a warning; one whose check digit passes was
already refused by the field), and the natural persons' rows — residents, informal groups and
their members, team members, and what those parties contribute — for phone numbers and home
addresses (an error). Each finding names the field by its Polish column label, never the data.
"""

from __future__ import annotations

import functools

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet import private_data
from deedgen.sheet.schema import SheetSchema

# Parties that are natural persons, or groups whose address and contacts are their members'.
NATURAL_PERSON_KINDS = ("resident", "informal_group")
_LOCALITY_HINT = (
    "; dla mieszkańca i grupy nieformalnej podaj tylko miejscowość, bez ulicy i numeru domu",
    "; for a resident or an informal group give the locality only, without street and number",
)


@functools.cache
def _schema() -> SheetSchema:
    return SheetSchema()


@functools.lru_cache(maxsize=4096)
def _field_at(path: tuple):
    """The marshmallow field that loads the value at *path*, or None (the schema is built once,
    so the answer for a path is too)."""
    field = None
    schema = _schema()
    for part in path:
        if isinstance(part, int):
            if not isinstance(field, sheet_fields.List):
                return None
            field = field.inner
        else:
            if isinstance(field, sheet_fields.Nested):
                schema = field.schema
            elif field is not None:
                return None
            field = schema.fields.get(part)
            if field is None:
                return None
    return field


def _strings(node, path: tuple = ()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))


def _label(path: tuple) -> str:
    field = _field_at(path)
    label = field.metadata.get("label") if field is not None else None
    if not label and field is not None and isinstance(path[-1], int):
        label = _field_at(path[:-1]).metadata.get("label")
    return label or str(path[-1])


def _problem(path, finding: private_data.Finding, hint=("", "")):
    kind, kind_en = private_data.KINDS[finding.kind]
    params = {"field": _label(path), "kind": kind, "kind_en": kind_en}
    if not finding.certain:
        return path, "private_data_suspect", params, "warning"
    return path, "private_data", {**params, "hint": hint[0], "hint_en": hint[1]}, "error"


def _natural_person_rows(data: dict):
    """(path, row) of every row that describes a natural person or their group."""
    parties = data.get("parties") or []
    natural = {p.get("id") for p in parties if p.get("kind") in NATURAL_PERSON_KINDS}
    for i, party in enumerate(parties):
        if party.get("id") in natural:
            yield ("parties", i), party
    for i, contribution in enumerate(data.get("contributions") or []):
        if contribution.get("party") in natural:
            yield ("contributions", i), contribution
    for i, member in enumerate(data.get("team") or []):
        yield ("team", i), member


def check_private_data(data: dict):
    """Yield (path, code, params, severity) for each private datum found in *data*."""
    for path, text in _strings(data):
        if isinstance(_field_at(path), sheet_fields.Text | sheet_fields.Email):
            for finding in private_data.identifiers(text):
                if not finding.certain:
                    yield _problem(path, finding)
    for row_path, row in _natural_person_rows(data):
        street = (row.get("address") or {}).get("street") if row_path[0] == "parties" else None
        if street and private_data.has_house_number(street):
            home = private_data.Finding("home_address", True)
            yield _problem((*row_path, "address", "street"), home, _LOCALITY_HINT)
        for path, text in _strings(row, row_path):
            if path[-2:] == ("address", "street") or path[-1] in ("party", "id", "kind"):
                continue
            for finding in private_data.contact_data(text):
                yield _problem(path, finding)
