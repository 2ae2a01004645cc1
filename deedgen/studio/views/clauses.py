"""For the mentor: the clause library of the workspace by layer, with each clause's provenance."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from deedgen.clauses.views import clause_rows
from deedgen.studio.render import page


async def clause_list(request: Request):
    studio = request.app.state.studio
    library = await run_in_threadpool(studio.library)
    layer = request.query_params.get("warstwa") or None
    category = request.query_params.get("kategoria") or None
    layers = [entry.name for entry in library.layers]
    layer = layer if layer in layers else None
    categories = sorted({c.category for c in library.clauses.values()})
    category = category if category in categories else None
    rows = clause_rows(library, layer=layer, category=category)
    return page(
        request,
        "clauses.html",
        title="Klauzule — deedgen studio",
        rows=rows,
        layers=layers,
        layer=layer,
        categories=categories,
        category=category,
        origin=studio.workspace.library().origin,
    )
