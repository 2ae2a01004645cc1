"""For the mentor: one clause — its provenance, its text to edit, the live preview inside a
coalition's declaration, the word-level diff, and the save (lint on every coalition, a note)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from deedgen.exceptions import DeedgenError
from deedgen.studio import mentor
from deedgen.studio.render import page
from deedgen.studio.security import checked_form
from deedgen.studio.workspace import UnknownCoalition


def _clause(request: Request):
    studio = request.app.state.studio
    library = studio.library()
    clause_id = request.path_params["clause_id"]
    if clause_id not in library.clauses:
        raise UnknownCoalition(f"nie ma takiej klauzuli: {clause_id}")
    return studio, library, library.clauses[clause_id]


def _preview(studio, library, clause, text: str, coalition_id: str | None) -> dict:
    """The declaration of the chosen coalition built with the edited clause, and the diff."""
    base, base_name = mentor.base_body(library, clause)
    out = {"diff": mentor.word_diff(base, mentor.body_of(text)), "base_name": base_name}
    out.update(document=None, preview_error=None, coalition_id=coalition_id)
    coalitions = [c for c in studio.workspace.coalitions() if studio.valid_sheet(c) is not None]
    chosen = next(
        (c for c in coalitions if c.id == coalition_id), coalitions[0] if coalitions else None
    )
    out["coalitions"], out["coalition_id"] = coalitions, chosen.id if chosen else None
    if chosen is None:
        out["preview_error"] = "W folderze roboczym nie ma poprawnej koalicji do podglądu."
        return out
    try:
        from deedgen.plan import plan

        trial = mentor.trial_library(library, clause, text)
        sheet = studio.valid_sheet(chosen)
        options = studio.options(draft=True)
        planned = plan(sheet, options, library=trial, rules=studio.rules(sheet, options))
        out["document"] = next(
            (d for d in planned.documents["pl"].values() if d.section(clause.id)), None
        )
    except DeedgenError as error:
        out["preview_error"] = error.message
    return out


async def clause_page(request: Request, text: str | None = None, **outcome):
    studio, library, clause = _clause(request)
    text = text if text is not None else mentor.clause_text(clause)
    chosen = request.query_params.get("koalicja")
    preview = await run_in_threadpool(_preview, studio, library, clause, text, chosen)
    return page(
        request,
        "clause.html",
        title=f"Klauzula {clause.id} — deedgen studio",
        clause=clause,
        provenance=library.provenance(clause.id),
        top_layer=library.top,
        text=text,
        **preview,
        **outcome,
    )


async def clause_preview(request: Request):
    studio, library, clause = _clause(request)
    form = await checked_form(request)
    text, chosen = str(form.get("text") or ""), str(form.get("koalicja") or "")
    preview = await run_in_threadpool(_preview, studio, library, clause, text, chosen)
    return page(request, "_clause_preview.html", clause=clause, **preview)


async def clause_save(request: Request):
    studio, _library, clause = _clause(request)
    form = await checked_form(request)
    text, note = str(form.get("text") or ""), str(form.get("note") or "")
    try:
        result = await run_in_threadpool(mentor.save_clause, studio, clause, text, note)
    except DeedgenError as error:
        return await clause_page(request, text=text, refused=error.message, note=note)
    return await clause_page(request, saved=result)
