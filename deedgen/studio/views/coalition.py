"""The coalition as a form: tabs, validation as you type, rows added and removed, save, export."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from deedgen.studio.form import TABS, FormState, from_form, to_data
from deedgen.studio.render import page
from deedgen.studio.security import checked_form
from deedgen.studio.services import check_form
from deedgen.studio.workspace import sheet_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coalition(request: Request):
    studio = request.app.state.studio
    return studio, studio.workspace.coalition(request.path_params["cid"])


def _context(request, coalition, state: FormState, outcome, **extra) -> dict:
    studio = request.app.state.studio
    report, plan_error = studio.conditions(outcome.sheet)
    tab = extra.pop("tab", None) or "coalition"
    return {
        "coalition": coalition,
        "state": state,
        "tabs": TABS,
        "active_tab": tab if any(t.key == tab for t in TABS) else "coalition",
        "check": outcome,
        "field_problems": outcome.by_field(),
        "report": report,
        "plan_error": plan_error,
        "title": f"{state.value('coalition.name') or coalition.id} — deedgen studio",
        **extra,
    }


async def form_page(request: Request):
    studio, coalition = _coalition(request)
    state, outcome = await run_in_threadpool(studio.sheet_problems, coalition)
    context = await run_in_threadpool(
        _context,
        request,
        coalition,
        state,
        outcome,
        tab=request.query_params.get("zakladka"),
        saved=request.query_params.get("zapisano") == "1",
        history=len(studio.workspace.history(coalition)),
    )
    return page(request, "coalition.html", **context)


async def check(request: Request):
    """Validation as you type: the problem list, every field's message (out of band), the
    tab counts, the reference suggestions and the funding-conditions panel."""
    _studio, coalition = _coalition(request)
    state = from_form(await checked_form(request))
    outcome = check_form(state, coalition.id)
    context = await run_in_threadpool(_context, request, coalition, state, outcome)
    return page(request, "_check.html", **context)


async def edit_rows(request: Request):
    """Add or remove a table row: the form comes back with the rows changed, nothing saved."""
    _studio, coalition = _coalition(request)
    form = await checked_form(request)
    state = from_form(form)
    operation, _, target = str(form.get("op") or "").partition(":")
    key, _, index = target.partition(".")
    if operation == "add":
        state.add_row(key)
    elif operation == "remove" and index.isdigit():
        state.remove_row(key, int(index))
    outcome = check_form(state, coalition.id)
    context = await run_in_threadpool(
        _context, request, coalition, state, outcome, tab=key or form.get("tab"), oob=True
    )
    return page(request, "_form.html", **context)


async def save(request: Request):
    """Write the sheet in its own format (the previous version goes to the history) — also
    when it still has errors: nothing a librarian typed is lost."""
    studio, coalition = _coalition(request)
    form = await checked_form(request)
    data = to_data(from_form(form)).data
    content = await run_in_threadpool(sheet_bytes, data, coalition.format)
    await run_in_threadpool(studio.workspace.save, coalition, content)
    url = request.url_for("coalition", cid=coalition.id).include_query_params(
        zapisano="1", zakladka=str(form.get("tab") or "coalition")
    )
    return RedirectResponse(url, status_code=303)


async def export(request: Request):
    """„Pobierz arkusz”: the form as the XLSX workbook ``deedgen validate`` reads."""
    _studio, coalition = _coalition(request)
    data = to_data(from_form(await checked_form(request))).data
    content = await run_in_threadpool(sheet_bytes, data, "xlsx")
    name = f"{coalition.stem}.xlsx"
    return Response(
        content,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
