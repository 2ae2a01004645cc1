"""The cohort: build every coalition of the workspace, with progress polled by the page, and
the cohort report with a link to each coalition."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse

from deedgen.studio import mentor
from deedgen.studio.auth.policy import may_open
from deedgen.studio.render import page
from deedgen.studio.security import checked_form

STATUS_PL = {
    "built": "zbudowana",
    "draft": "projekt",
    "skipped-unchanged": "bez zmian",
    "failed": "błąd",
    "pending": "czeka",
}


def _context(request: Request) -> dict:
    studio = request.app.state.studio
    job = studio.cohort
    progress = job.progress  # read once: another process may change it meanwhile
    report = None if progress.running else job.report()
    known = {c.id for c in studio.workspace.coalitions()}
    return {
        "progress": progress,
        "report": report,
        "known": known,
        "status_pl": STATUS_PL,
        "title": "Kohorta — deedgen studio",
    }


async def cohort_page(request: Request):
    studio = request.app.state.studio
    touched = await run_in_threadpool(mentor.touched_coalitions, studio)
    account = request.scope.get("deedgen.account")
    touched = [row for row in touched if may_open(account, "coalition", cid=row["coalition"])]
    top = studio.library().top
    return page(request, "cohort.html", touched=touched, top_layer=top, **_context(request))


async def cohort_progress(request: Request):
    return page(request, "_cohort_progress.html", oob=True, **_context(request))


async def cohort_build(request: Request):
    await checked_form(request)
    request.app.state.studio.cohort.start()
    return RedirectResponse(request.url_for("cohort"), status_code=303)
