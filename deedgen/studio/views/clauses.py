"""For the mentor: the clause library of the workspace by layer, with each clause's provenance."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from deedgen.clauses.views import clause_rows
from deedgen.document import DOCUMENT_TITLES
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
    locked_only = request.query_params.get("zablokowane") == "1"
    mine_only = request.query_params.get("moje") == "1"
    top = library.top
    if locked_only:
        rows = [r for r in rows if r["locked"]]
    if mine_only:  # what this workspace's own layer holds: its edits and additions
        rows = [r for r in rows if r["layer"] == top.name and not top.central]
    return page(
        request,
        "clauses.html",
        title="Klauzule — deedgen studio",
        rows=rows,
        layers=layers,
        layer=layer,
        categories=categories,
        category=category,
        locked_only=locked_only,
        mine_only=mine_only,
        top_layer=top,
        origin=_origin_pl(studio.workspace.library()),
        document_titles={kind: titles["pl"] for kind, titles in DOCUMENT_TITLES.items()},
    )


def _origin_pl(selection) -> str:
    """Where the layers come from, for the page (the selection's own words are the CLI's)."""
    if selection.overlays or selection.central:
        return selection.origin
    return "tylko biblioteka centralna (brak warstw w deedgen.toml)"
