"""Why a clause is not in a document, from the clause library: no such clause, another layer
assigns it elsewhere, or its condition is not met (pointing at the sheet's value when the condition
is a plain data path such as ``coalition.continuity``)."""

from __future__ import annotations

from deedgen.compliance.kinds.registry import Context
from deedgen.compliance.messages import Bilingual


def why_clause_missing(ctx: Context, clause_id: str, document: str):
    """Explain, from the clause library, why a clause is not in the document; point at the data
    its condition reads when that is a plain data path (``coalition.continuity``)."""
    library = ctx.library
    clauses = getattr(library, "clauses", None)
    if clauses is None:
        return "", ()
    clause = clauses.get(clause_id)
    if clause is None:
        return Bilingual(
            " (brak tej klauzuli w bibliotece klauzul)", " (the clause library has no such clause)"
        ), ()
    if document not in clause.documents:
        return Bilingual(
            f" (warstwa „{clause.layer}” przypisała ją do innych dokumentów: {clause.source})",
            f" (layer '{clause.layer}' assigns it to other documents: {clause.source})",
        ), ()
    condition = (clause.condition or "").strip()
    if condition and _is_data_path(condition) and not ctx.absent(condition):
        value = _value(ctx.data, condition)
        if not value:
            return Bilingual(
                f" (warunek klauzuli „{condition}” ma w arkuszu wartość {_yes_no(value, 'pl')})",
                f" (its condition '{condition}' is {_yes_no(value, 'en')} in the sheet)",
            ), (ctx.place(condition),)
    if condition:
        return Bilingual(
            f" (warunek klauzuli „{condition}” nie jest spełniony)",
            f" (its condition '{condition}' is not met)",
        ), ()
    return Bilingual(
        f" (warstwa „{clause.layer}”: {clause.source})",
        f" (layer '{clause.layer}': {clause.source})",
    ), ()


def _is_data_path(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _value(data: dict, path: str):
    node = data
    for part in path.split("."):
        node = node[part]
    return node


def _yes_no(value, lang: str) -> str:
    if isinstance(value, bool):
        return ("NIE" if not value else "TAK") if lang == "pl" else str(value).lower()
    return repr(value)
