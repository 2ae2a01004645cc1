"""For the mentor: one clause — its provenance, its text to edit, the live preview inside a
coalition's declaration, the word-level diff, and the save (lint on every coalition, a note)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from deedgen.exceptions import DeedgenError, UnknownId
from deedgen.studio import mentor
from deedgen.studio.picker import picker
from deedgen.studio.render import page
from deedgen.studio.security import checked_form


def _clause(request: Request):
    studio = request.app.state.studio
    library = studio.library()
    clause_id = request.path_params["clause_id"]
    if clause_id not in library.clauses:
        raise UnknownId(f"nie ma takiej klauzuli: {clause_id}")
    return studio, library, library.clauses[clause_id]


async def clause_page(request: Request, text: str | None = None, **outcome):
    studio, library, clause = _clause(request)
    text = text if text is not None else mentor.clause_text(clause)
    chosen = request.query_params.get("koalicja")
    preview = await run_in_threadpool(mentor.preview, studio, library, clause, text, chosen)
    return page(
        request,
        "clause.html",
        title=f"Klauzula {clause.id} — deedgen studio",
        clause=clause,
        provenance=library.provenance(clause.id),
        top_layer=library.top,
        text=text,
        picker=picker(preview["document"].context if preview.get("document") else None),
        **preview,
        **outcome,
    )


async def clause_preview(request: Request):
    studio, library, clause = _clause(request)
    form = await checked_form(request)
    text, chosen = str(form.get("text") or ""), str(form.get("koalicja") or "")
    preview = await run_in_threadpool(mentor.preview, studio, library, clause, text, chosen)
    return page(request, "_clause_preview.html", clause=clause, **preview)


async def clause_save(request: Request):
    studio, _library, clause = _clause(request)
    form = await checked_form(request)
    text, note = str(form.get("text") or ""), str(form.get("note") or "")
    try:
        result = await run_in_threadpool(mentor.save_clause, studio, clause, text, note)
    except DeedgenError as error:
        return await clause_page(request, text=text, refused=error.message, note=note)
    if result.changed:
        request.scope["deedgen.audit_detail"] = (
            f"v{result.old_version} → v{result.new_version}: {note.strip()[:200]}"
        )
    unreached = await run_in_threadpool(mentor.unreached_branches, studio, clause.id)
    return await clause_page(request, saved=result, unreached=unreached)
