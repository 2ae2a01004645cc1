"""Write a partner sheet as commented YAML: a blank skeleton with a Polish hint beside every field,
or the data of a loaded sheet (``deedgen init --from``) filled in as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from marshmallow import fields as mfields

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.choices import choices_of
from deedgen.sheet.dropped import unknown_keys
from deedgen.sheet.layout import Column, is_list, is_nested_list
from deedgen.sheet.schema import SheetSchema

YAML_HEADER = """\
Arkusz partnerów koalicji (deedgen). Wypełnij wartości po dwukropku; tekst po „#” to podpowiedź.
Sekcje i pola opcjonalne, które nie dotyczą koalicji, usuń. Daty: 2026-03-01; kwartały: 2026-Q2.
Nie wpisuj numerów PESEL. Sprawdź plik poleceniem: deedgen validate NAZWA-PLIKU.yaml"""


def yaml_text(data: dict | None = None) -> tuple[str, list[str]]:
    """A commented YAML partner sheet for *data*, or a blank skeleton; and the values dropped."""
    import io

    from ruamel.yaml import YAML

    document = _yaml_map(SheetSchema(), data, blank=data is None, top=True)
    document.yaml_set_start_comment(YAML_HEADER)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue(), unknown_keys(data) if data is not None else []


def _yaml_map(schema, values, *, blank: bool, top: bool = False):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    values = values if isinstance(values, dict) else {}
    for name, fld in schema.fields.items():
        if not blank and name not in values:
            continue
        value = values.get(name)
        if isinstance(fld, mfields.Nested):
            value = (
                _yaml_map(fld.schema, value, blank=blank)
                if blank or isinstance(value, dict)
                else value
            )
        elif is_nested_list(fld):
            items = [None] if blank else value if isinstance(value, list) else None
            if items is None:
                pass
            else:
                seq = CommentedSeq()
                for item in items:
                    seq.append(
                        _yaml_map(fld.inner.schema, item, blank=blank)
                        if blank or isinstance(item, dict)
                        else item
                    )
                value = seq
        elif is_list(fld):
            value = CommentedSeq(value if isinstance(value, list) else [] if blank else [value])
            value.fa.set_flow_style()
        else:
            value = _yaml_scalar(value)
        out[name] = value
        _yaml_comment(out, name, fld, top)
    return out


def _yaml_scalar(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value.isoformat()
    return value


def _yaml_comment(mapping, name: str, fld, top: bool) -> None:
    meta = fld.metadata
    required = " (wymagane)" if fld.required else ""
    if top or isinstance(fld, mfields.Nested) or is_nested_list(fld):
        lines = [f"{meta['label']}{required} — {meta['description']}"]
        if not fld.required and isinstance(fld, mfields.Nested):
            lines.append("(opcjonalne: usuń całą sekcję, jeśli nie dotyczy)")
        indent = 0 if top else None
        if indent is None:
            mapping.yaml_add_eol_comment(" ".join(lines), name)
        else:
            mapping.yaml_set_comment_before_after_key(
                name, before="\n" + "\n".join(lines), indent=0
            )
        return
    text = meta["label"] + required
    if meta.get("help"):
        text += f": {meta['help']}"
    choices = choices_of(Column((name,), fld, fld.required))
    if choices and isinstance(fld, sheet_fields.Choice):
        text += " [" + ", ".join(v for v, _ in choices) + "]"
    mapping.yaml_add_eol_comment(text, name)
