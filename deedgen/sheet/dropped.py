"""Values of a source sheet that a template writer cannot place (a mistyped key, a list where a
record belongs), described for the user of ``deedgen init --from``.
"""

from __future__ import annotations

from marshmallow import fields as mfields

from deedgen.sheet.layout import is_nested_list
from deedgen.sheet.raw import format_path
from deedgen.sheet.schema import SheetSchema


def unknown_keys(data: dict) -> list[str]:
    """Data paths that the schema does not know (a typo in YAML): a workbook has no column for them."""
    out: list[str] = []

    def walk(value, schema, path):
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            fld = schema.fields.get(key)
            if fld is None:
                out.append(f"{format_path((*path, key))}: {show(item)}")
            elif isinstance(fld, mfields.Nested):
                walk(item, fld.schema, (*path, key))
            elif is_nested_list(fld) and isinstance(item, list):
                for i, element in enumerate(item):
                    walk(element, fld.inner.schema, (*path, key, i))

    walk(data, SheetSchema(), ())
    return out


def show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
