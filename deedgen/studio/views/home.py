"""The start page: the coalitions the viewer may read, with their status, and „Nowa koalicja”."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse

from deedgen.exceptions import DeedgenError
from deedgen.sheet.load import load_sheet
from deedgen.sheet.xlsx_file import MAX_FILE_BYTES
from deedgen.studio.auth.policy import readable
from deedgen.studio.render import page
from deedgen.studio.security import checked_form
from deedgen.studio.workspace import sheet_bytes

UPLOAD_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")


async def start_page(request: Request, error: str | None = None, status_code: int = 200):
    studio = request.app.state.studio
    coalitions = readable(request.scope.get("deedgen.account"), studio.workspace.coalitions())
    statuses = await run_in_threadpool(lambda: [(c, studio.status(c)) for c in coalitions])
    return page(
        request,
        "home.html",
        status_code=status_code,
        title="Koalicje — deedgen studio",
        coalitions=statuses,
        workspace=studio.workspace.root,
        error=error,
        max_mb=MAX_FILE_BYTES // (1024 * 1024),
    )


async def create_blank(request: Request):
    form = await checked_form(request)
    name = str(form.get("name") or "").strip()
    if not name:
        return await start_page(request, "Podaj nazwę nowej koalicji.", 400)
    workspace = request.app.state.studio.workspace
    data = {"coalition": {"name": name}, "gmina": {}, "parties": []}
    coalition = workspace.create(workspace.new_id(name, ".yaml"), sheet_bytes(data, "yaml"))
    return RedirectResponse(request.url_for("coalition", cid=coalition.id), status_code=303)


async def upload(request: Request):
    form = await checked_form(request)
    try:
        return await _upload(request, form.get("sheet"))
    finally:
        await form.close()  # the uploaded file's spooled copy


async def _upload(request: Request, file):
    if not isinstance(file, UploadFile) or not file.filename:
        return await start_page(request, "Wybierz plik arkusza (XLSX, YAML lub JSON).", 400)
    suffix = Path(file.filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return await start_page(
            request, f"Nieobsługiwany typ pliku „{suffix or '—'}”: wgraj XLSX, YAML albo JSON.", 400
        )
    content = await file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        return await start_page(
            request,
            f"Plik jest za duży: arkusz może mieć najwyżej {MAX_FILE_BYTES // (1024 * 1024)} MB.",
            413,
        )
    try:
        coalition = await run_in_threadpool(
            _admit, request, Path(file.filename).stem, suffix, content
        )
    except DeedgenError as error:
        return await start_page(request, f"Nie można odczytać pliku: {error}", 400)
    return RedirectResponse(request.url_for("coalition", cid=coalition.id), status_code=303)


def _admit(request: Request, stem: str, suffix: str, content: bytes):
    """Read the uploaded file with deedgen's bounded readers in a private folder, under the name
    it will have (messages name that file); only a partner sheet (valid or not) joins the
    workspace, and what was read is kept for its form page."""
    studio = request.app.state.studio
    workspace = studio.workspace
    file_name = workspace.new_id(stem, ".yaml" if suffix == ".yml" else suffix)
    folder = workspace.upload_folder()
    try:
        probe = folder / file_name
        probe.write_bytes(content)
        raw = load_sheet(probe)  # raises InputError for a file that is no partner sheet
        coalition = workspace.create(file_name, content)
        studio.sheet_problems(coalition, raw)
        return coalition
    finally:
        workspace.discard_upload(folder)
