"""The documents of a coalition: the readable preview, „Generuj dokumenty”, the files and a ZIP."""

from __future__ import annotations

import io
import zipfile

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from deedgen.document import DOCUMENT_ORDER, DOCUMENT_TITLES, OPTIONAL_DOCUMENTS
from deedgen.exceptions import DeedgenError
from deedgen.studio.render import page
from deedgen.studio.security import checked_form


def _coalition(request: Request):
    studio = request.app.state.studio
    return studio, studio.workspace.coalition(request.path_params["cid"])


def _saved_sheet(studio, coalition):
    """The saved sheet's form state, problems, and the file read as ``deedgen build`` reads it
    (None when it has errors): the preview and the build use the file."""
    state, outcome = studio.sheet_problems(coalition)
    return state, outcome, studio.valid_sheet(coalition) if outcome.sheet is not None else None


async def preview(request: Request):
    """The chosen document assembled from the saved sheet, numbered as in the DOCX."""
    studio, coalition = _coalition(request)
    kind = request.query_params.get("dokument", "declaration")
    kind = kind if kind in DOCUMENT_ORDER else "declaration"
    state, outcome, sheet = await run_in_threadpool(_saved_sheet, studio, coalition)
    context = {
        "coalition": coalition,
        "name": state.value("coalition.name") or coalition.id,
        "check": outcome,
        "kinds": _kinds([k for k in DOCUMENT_ORDER if k not in OPTIONAL_DOCUMENTS]),
        "kind": kind,
        "pdf_view": request.query_params.get("widok") == "pdf",
        "document": None,
        "report": None,
        "plan_error": None,
    }
    if sheet is not None:
        try:
            planned = await run_in_threadpool(studio.plan, sheet)
            present = planned.documents["pl"]  # annex 3 only with supporting groups
            context["kinds"] = _kinds(present)
            context["kind"] = kind = kind if kind in present else "declaration"
            context["document"] = present[kind]
            context["report"] = planned.report
        except DeedgenError as error:
            context["plan_error"] = str(error)
    context["title"] = f"Podgląd: {context['name']} — deedgen studio"
    return page(request, "preview.html", **context)


def _kinds(kinds) -> list[tuple[str, str]]:
    """(kind, Polish title) of each of *kinds*, the documents the preview offers."""
    return [(k, DOCUMENT_TITLES[k]["pl"]) for k in kinds]


async def preview_pdf(request: Request):
    """The chosen document as its PDF pages, typeset by Typst from the saved sheet (a draft:
    marked as such, never refused for the funding conditions)."""
    from deedgen.render.typst import typeset

    studio, coalition = _coalition(request)
    kind = request.query_params.get("dokument", "declaration")
    kind = kind if kind in DOCUMENT_ORDER else "declaration"
    _state, _outcome, sheet = await run_in_threadpool(_saved_sheet, studio, coalition)
    if sheet is None:
        return Response("Arkusz ma błędy — popraw je w formularzu.", 409, media_type="text/plain")
    planned = await run_in_threadpool(studio.plan, sheet)
    present = planned.documents["pl"]
    kind = kind if kind in present else "declaration"
    document = present[kind]
    pdf = await run_in_threadpool(lambda: typeset({kind: document}, draft=True)[kind])
    name = f"{coalition.stem}-{kind}-podglad.pdf"
    headers = {"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"}
    return Response(pdf, media_type="application/pdf", headers=headers)


async def generate(request: Request):
    """Build the documents into the workspace's ``out/`` folder (Typst typesets the PDFs: the default engine)."""
    studio, coalition = _coalition(request)
    form = await checked_form(request)
    _state, _outcome, sheet = await run_in_threadpool(_saved_sheet, studio, coalition)
    if sheet is None:
        raise DeedgenError(
            "Arkusz ma błędy — popraw je w formularzu i zapisz, zanim wygenerujesz dokumenty."
        )
    draft = form.get("projekt") == "1"
    await run_in_threadpool(lambda: studio.generate(coalition, sheet, draft=draft))
    url = request.url_for("files", cid=coalition.id).include_query_params(gotowe="1")
    return RedirectResponse(url, status_code=303)


async def files(request: Request):
    studio, coalition = _coalition(request)
    state, _outcome = await run_in_threadpool(studio.sheet_problems, coalition)
    name = state.value("coalition.name").strip() or coalition.id  # as the form page heads it
    return page(
        request,
        "files.html",
        title=f"Dokumenty: {name} — deedgen studio",
        coalition=coalition,
        name=name,
        files=studio.workspace.output_files(coalition),
        done=request.query_params.get("gotowe") == "1",
    )


async def download(request: Request):
    studio, coalition = _coalition(request)
    path = studio.workspace.output_file(coalition, request.path_params["name"])
    return FileResponse(path, filename=path.name)


async def zip_all(request: Request):
    """Every output file of the coalition in one ZIP, made in memory."""
    studio, coalition = _coalition(request)
    paths = studio.workspace.output_files(coalition)
    if not paths:
        raise DeedgenError("Dokumenty tej koalicji nie zostały jeszcze wygenerowane.")

    def pack() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, f"{coalition.stem}/{path.name}")
        return buffer.getvalue()

    content = await run_in_threadpool(pack)
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{coalition.stem}.zip"'},
    )
