"""The coalition as a form: tabs, validation as you type, rows added and removed, save, export."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from deedgen.studio.auth.store import AccountError
from deedgen.studio.form import TABLE_TABS, TABS, FormState, from_form, to_data
from deedgen.studio.merge import merge
from deedgen.studio.render import page
from deedgen.studio.security import checked_form
from deedgen.studio.services import check_form, form_digest, label_of, problems_of_file
from deedgen.studio.views.comments import comments_of
from deedgen.studio.workspace import sheet_bytes, version_of

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coalition(request: Request):
    studio = request.app.state.studio
    return studio, studio.workspace.coalition(request.path_params["cid"])


# How long after a check's answer the page asks for the funding-conditions panel: a moment
# after a field was left or a choice made ("change": the librarian has finished with it), a
# second's pause while still typing in a field ("input"): not at every word.
PANEL_DELAY_MS = {"change": 150, "input": 1000}


def _context(request, coalition, state: FormState, outcome, *, conditions=True, **extra) -> dict:
    studio = request.app.state.studio
    report, plan_error = studio.conditions(outcome.sheet) if conditions else (None, None)
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


async def form_page(request: Request, **extra):
    _studio, coalition = _coalition(request)
    comments = comments_of(request, coalition.id)
    return await run_in_threadpool(_form_page, request, coalition, comments, extra)


def _form_page(request: Request, coalition, comments, extra: dict):
    studio = request.app.state.studio
    version = version_of(coalition.path)  # first: the state below is of this version or later
    state, outcome = studio.sheet_problems(coalition)
    context = _context(
        request,
        coalition,
        state,
        outcome,
        tab=request.query_params.get("zakladka"),
        saved=request.query_params.get("zapisano") == "1",
        history=len(studio.workspace.history(coalition)),
        version=version,
        comments=comments,
        **extra,
    )
    status = 400 if extra.get("comment_error") else 200
    return page(request, "coalition.html", status_code=status, **context)


async def check(request: Request):
    """Validation as you type: the problem list, every field's message (out of band), the
    tab counts, the reference suggestions, and the note that asks for the funding-conditions
    panel after a pause (:func:`conditions`): assembling the documents is not done on every
    keystroke."""
    _studio, coalition = _coalition(request)
    form = await checked_form(request)
    return await run_in_threadpool(_checked, request, coalition, form)


def _checked(request: Request, coalition, form):
    """The check's work in one worker thread: fewer hand-overs between the event loop and
    the threads, which cost each request its turn at the interpreter under load."""
    state = from_form(form)
    digest, outcome = request.app.state.studio.check(state, coalition.id)
    context = _context(request, coalition, state, outcome, conditions=False)
    delay = PANEL_DELAY_MS.get(str(form.get("trigger") or ""), PANEL_DELAY_MS["input"])
    return page(
        request,
        "_check.html",
        shown=_shown_errors(form),
        digest=digest,
        panel_delay=delay,
        **context,
    )


async def conditions(request: Request):
    """The funding-conditions panel of the form as it is now, asked for by a check's answer.
    When the form no longer is what that check saw (*digest*), a newer check is on its way and
    will ask again: nothing is assembled, the answer is empty (204)."""
    _studio, coalition = _coalition(request)
    form = await checked_form(request)
    return await run_in_threadpool(_conditions, request, coalition, form)


def _conditions(request: Request, coalition, form) -> Response:
    studio = request.app.state.studio
    state = from_form(form)
    digest = form_digest(state)
    if digest != form.get("digest"):
        return Response(status_code=204)
    outcome = studio.checked(state, coalition.id, digest)
    report, plan_error = studio.conditions(outcome.sheet)
    return page(request, "_conditions.html", report=report, plan_error=plan_error, check=outcome)


def _shown_errors(form) -> set[str] | None:
    """The fields whose message the page shows now (their ids, from studio.js), or None when
    the page did not say: then every field's message is sent."""
    shown = form.get("shown_errors")
    return set(str(shown).split()) if shown is not None else None


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
    outcome = await run_in_threadpool(check_form, state, coalition.id)
    context = await run_in_threadpool(
        _context,
        request,
        coalition,
        state,
        outcome,
        tab=key or form.get("tab"),
        oob=True,
        version=str(form.get("wersja") or ""),
    )
    return page(request, "_form.html", **context)


async def save(request: Request):
    """Write the sheet in its own format (the previous version goes to the history) — also
    when it still has errors: nothing a librarian typed is lost. When someone else saved the
    coalition since this form was opened, nothing is written: the form comes back merged."""
    studio, coalition = _coalition(request)
    form = await checked_form(request)
    mine = from_form(form)
    content = await run_in_threadpool(sheet_bytes, to_data(mine).data, coalition.format)
    expected = form.get("wersja")
    expected = str(expected) if expected is not None else None
    saved = await run_in_threadpool(
        lambda: studio.workspace.save(coalition, content, expected=expected)
    )
    tab = str(form.get("tab") or "coalition")
    if not saved:
        return await _conflict(request, coalition, mine, expected, tab)
    request.scope["deedgen.audit_detail"] = (
        f"wersja {expected or '–'} → {version_of(coalition.path)}"
    )
    url = request.url_for("coalition", cid=coalition.id).include_query_params(
        zapisano="1", zakladka=tab
    )
    return RedirectResponse(url, status_code=303)


def _merged(studio, coalition, mine: FormState, expected: str):
    """The version now saved, and *mine* merged with it against the version the form had."""
    current = version_of(coalition.path)  # first: a save after this is caught by the next check
    theirs, _outcome = studio.sheet_problems(coalition)
    base_file = studio.workspace.version_file(coalition, expected) if expected else None
    base = problems_of_file(base_file, coalition.id)[0] if base_file is not None else None
    return current, merge(base, mine, theirs)


def conflict_label(name: str) -> str:
    return TABLE_TABS[name].title if name in TABLE_TABS else label_of(name)


async def _conflict(request: Request, coalition, mine: FormState, expected, tab: str):
    studio = request.app.state.studio
    current, merged = await run_in_threadpool(_merged, studio, coalition, mine, expected or "")
    outcome = await run_in_threadpool(check_form, merged.state, coalition.id)
    context = await run_in_threadpool(
        _context,
        request,
        coalition,
        merged.state,
        outcome,
        tab=tab,
        version=current,
        merged=merged,
        conflict_label=conflict_label,
        history=len(studio.workspace.history(coalition)),
        comments=comments_of(request, coalition.id),
    )
    return page(request, "coalition.html", status_code=409, **context)


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


async def comment(request: Request):
    """A mentor's remark on the coalition (hosted studio only), then back to its page."""
    _studio, coalition = _coalition(request)
    form = await checked_form(request)
    text = str(form.get("text") or "")
    try:
        request.app.state.accounts.add_comment(
            request.scope["deedgen.account"].name, coalition.id, text
        )
    except AccountError as error:
        return await form_page(request, comment_error=error.message, comment_text=text)
    url = request.url_for("coalition", cid=coalition.id)
    return RedirectResponse(f"{url}#uwagi", status_code=303)
