"""Write a planned build: typeset or convert to PDF, package, write the reports and the manifest, and move
everything into the output folder.

Files are made in a private staging folder beside the output (marked as deedgen's own) and moved
into place only when the whole build succeeded, so an existing output folder is never left
half-written; a failure removes the staging folder and leaves the previous outputs as they were.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from deedgen.exceptions import DeedgenError, OutputError
from deedgen.fsutil import (
    STAGING_MARKER,
    folder_mode,
    is_system_folder,
    make_staging,
    remove_abandoned_staging,
    remove_staging,
    uninterrupted,
)
from deedgen.manifest import (
    MANIFEST_NAME,
    Manifest,
    inputs_digest,
    library_record,
    sha256_file,
    sheet_inputs_sha256,
    templates_digest,
)
from deedgen.naming import bundle_name, output_name
from deedgen.pipeline.plan import BuildPlan

REVIEW_NAME = "przeglad-klauzul.md"
COMPLIANCE_NAME = "zgodnosc"  # .json for programs, .md for people


@dataclass
class BuildResult:
    """What a build wrote: the folder, its files (the manifest last) and the plan's facts."""

    outdir: Path
    files: list[Path]
    manifest: Manifest
    plan: BuildPlan
    warnings: list = field(default_factory=list)  # the sheet's validation warnings

    @property
    def compliance(self):
        return self.plan.report

    @property
    def documents(self):
        return self.plan.documents


def write(
    plan: BuildPlan,
    outdir: str | Path,
    *,
    converter=None,
    pdfs: dict[str, Path] | None = None,
    overrides: dict | None = None,
    summary: dict | None = None,
    clean_abandoned: bool = True,
) -> BuildResult:
    """Write *plan* into *outdir*. With PDF output, the PDFs are typeset by Typst from the plan's
    documents (the default engine), or — with ``pdf_engine="libreoffice"`` — the DOCX files are
    converted by *converter* (a PdfConverter; one is started when none is given), unless *pdfs* —
    DOCX file name → PDF, as :func:`convert_plans` makes them for a batch chunk in one converter
    call — are given.

    A batch passes *overrides* — what its cohort workbook set in the sheet (recorded with the
    input, and part of the inputs digest) — and *summary*, the facts of its report row, and
    *clean_abandoned* False: it removed every staging folder of its output folder when it
    started, under its lock, so no coalition has to list that folder again (with thousands of
    coalition folders beside it, each listing took milliseconds)."""
    outdir = _output_folder(outdir)
    try:
        return _write(plan, outdir, converter, pdfs, overrides, summary, clean_abandoned)
    except OSError as error:
        raise OutputError.from_os(error, outdir) from error


def _write(
    plan: BuildPlan, outdir: Path, converter, pdfs, overrides, summary, clean_abandoned
) -> BuildResult:
    if clean_abandoned:
        remove_abandoned_staging(outdir)
    staging = None
    try:
        with uninterrupted():  # a Ctrl-C between mkdtemp and the marker left an unmarked folder
            staging = make_staging(outdir)
        for docx in plan.docx:
            (staging / docx.name).write_bytes(docx.data)
        documents = [_document_entry(docx) for docx in plan.docx]
        bundles = []
        if plan.options.converts_docx:
            placed = _place_pdfs(plan, staging, converter, pdfs)
            bundles = _package(plan, staging, placed, documents)
        elif "pdf" in plan.options.formats:
            bundles = _typeset(plan, staging, documents)
        if "docx" not in plan.options.formats:
            for entry in documents:
                (staging / entry.pop("docx")).unlink()
                entry.pop("docx_sha256")
        _write_reports(plan, staging)
        manifest = _manifest(plan, documents, bundles, overrides, summary)
        names = sorted(p.name for p in staging.iterdir() if p.name != STAGING_MARKER)
        manifest = replace(manifest, files=[*names, MANIFEST_NAME])
        files = _move_into_place(staging, outdir, manifest)
    finally:
        if staging is not None:
            with uninterrupted():
                remove_staging(staging)
    return BuildResult(outdir, files, manifest, plan, plan.sheet.warnings)


def convert_plans(
    plans: Sequence[BuildPlan], converter, workdir: Path
) -> list[dict[str, Path] | DeedgenError]:
    """Convert the DOCX files of several plans in one converter call (a batch chunk: every
    coalition names its documents alike, so each gets a numbered prefix). For each plan: its
    DOCX name → PDF path, or the error that left it without its PDFs."""
    from deedgen.render.pdf import raise_for_failures

    sources: dict[Path, tuple[int, str]] = {}
    for number, item in enumerate(plans):
        for docx in item.docx:
            path = (workdir / f"{number:03d}-{docx.name}").absolute()
            path.write_bytes(docx.data)
            sources[path] = (number, docx.name)
    try:
        results = converter.convert(list(sources), workdir / "pdf")
    except DeedgenError as error:
        return [error] * len(plans)
    grouped: list[list] = [[] for _ in plans]
    for result in results:
        grouped[sources[Path(result.source)][0]].append(result)
    outcome: list[dict[str, Path] | DeedgenError] = []
    for results_of_plan in grouped:
        try:
            raise_for_failures(results_of_plan)
        except DeedgenError as error:
            outcome.append(error)
            continue
        outcome.append({sources[Path(r.source)][1]: Path(r.pdf) for r in results_of_plan})
    return outcome


def _output_folder(outdir: str | Path) -> Path:
    outdir = Path(outdir).absolute()
    if is_system_folder(outdir):
        raise OutputError(f"{outdir} to folder systemowy; podaj własny folder na dokumenty")
    try:
        if outdir.exists() and not outdir.is_dir():
            raise OutputError(f"ścieżka wyjściowa istnieje i nie jest folderem: {outdir}")
        outdir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError.from_os(error, outdir.parent) from error
    return outdir


def _document_entry(docx) -> dict:
    return {
        "kind": docx.kind,
        "lang": docx.lang,
        "title": docx.title,
        "docx": docx.name,
        "docx_sha256": docx.sha256,
        "clauses": list(docx.clauses),
    }


def _place_pdfs(plan: BuildPlan, staging: Path, converter, pdfs) -> dict[tuple[str, str], Path]:
    """(kind, lang) → the document's PDF in *staging*: converted now, or moved in from *pdfs*."""
    from deedgen.render.pdf import raise_for_failures

    if pdfs is None:
        sources = [staging / docx.name for docx in plan.docx]
        if converter is None:
            from deedgen.render.pdf import PdfConverter

            with PdfConverter(pdfa=plan.options.pdfa) as own:
                results = own.convert(sources, staging)
        else:
            results = converter.convert(sources, staging)
        raise_for_failures(results)
        pdfs = {Path(r.source).name: Path(r.pdf) for r in results}
    placed = {}
    for docx in plan.docx:
        target = staging / docx.pdf_name
        if Path(pdfs[docx.name]) != target:
            os.replace(pdfs[docx.name], target)
        placed[docx.kind, docx.lang] = target
    return placed


def _package(plan: BuildPlan, staging: Path, placed: dict, documents: list[dict]) -> list[dict]:
    """Finalize and verify each language's PDFs and make its bundle; record the PDFs."""
    from deedgen.render.package import package_language

    bundles = []
    gmina = plan.sheet.data["gmina"]["name"]
    for lang, docs in plan.documents.items():
        pdfs = {kind: placed[kind, lang] for kind in docs}
        path = staging / bundle_name(gmina, lang)
        bundle = package_language(docs, pdfs, path, pdfa=plan.options.pdfa)
        bundle["lang"] = lang
        bundles.append(bundle)
    _record_pdfs(documents, placed)
    return bundles


def _typeset(plan: BuildPlan, staging: Path, documents: list[dict]) -> list[dict]:
    """The Typst engine: each language's PDFs and bundle typeset from the plan's assembled
    documents, no LibreOffice. There is no pdftotext read-back here: Typst places every text it
    is given as text with embedded fonts, so the diacritics LibreOffice can lose cannot go
    missing; what Typst can get wrong — a missing font, any warning, a bundled document without
    its end marker — fails inside :mod:`deedgen.render.typst` itself."""
    from deedgen.render.typst.package import package_language

    bundles = []
    gmina = plan.sheet.data["gmina"]["name"]
    placed = {}
    for lang, docs in plan.documents.items():
        pdfs = {kind: staging / output_name(kind, lang, "pdf") for kind in docs}
        placed.update({(kind, lang): path for kind, path in pdfs.items()})
        bundle = package_language(
            docs,
            pdfs,
            staging / bundle_name(gmina, lang),
            draft=plan.draft,
            findings=plan.findings(lang),
        )
        bundles.append(dict(bundle, lang=lang))
    _record_pdfs(documents, placed)
    return bundles


def _record_pdfs(documents: list[dict], placed: dict) -> None:
    for entry in documents:
        pdf = placed[entry["kind"], entry["lang"]]
        entry["pdf"], entry["pdf_sha256"] = pdf.name, sha256_file(pdf)


def review_text(plan: BuildPlan) -> str:
    """The review annex for mentors: for every document, each clause's §, layer, file, version
    and what it replaces. A working file beside the documents — never part of them."""
    from deedgen.clauses.annex import review_annex

    parts = [  # the documents the coalition has (annex 3 only with supporting groups)
        review_annex(document, plan.library).markdown()
        for docs in plan.documents.values()
        for document in docs.values()
    ]
    return "\n\n".join([f"# Przegląd klauzul — {plan.coalition}", *parts]) + "\n"


def _write_reports(plan: BuildPlan, staging: Path) -> None:
    if plan.options.review:
        (staging / REVIEW_NAME).write_text(review_text(plan), encoding="utf-8")
    (staging / f"{COMPLIANCE_NAME}.json").write_text(plan.report.to_json(), encoding="utf-8")
    md = plan.report.to_markdown("pl")
    (staging / f"{COMPLIANCE_NAME}.md").write_text(md, encoding="utf-8")


def _manifest(plan: BuildPlan, documents, bundles, overrides, summary) -> Manifest:
    sheet, options, report = plan.sheet, plan.options, plan.report
    rules_info = {
        "path": report.ruleset_path,
        "version": report.ruleset_version,
        "sha256": report.ruleset_sha256,
        "compliant": report.compliant,
    }
    sheet_sha = sha256_file(sheet.source)
    library = library_record(plan.library)
    tpl_digest = templates_digest(options.template_dir)
    digest = inputs_digest(
        sheet_sha256=sheet_inputs_sha256(sheet_sha, overrides),
        library=library["sha256"],
        rules=rules_info["sha256"],
        templates=tpl_digest,
        options=options.fingerprint(),
    )
    return Manifest(
        coalition=plan.coalition,
        terc=sheet.data["gmina"]["terc"],
        input={
            "path": str(sheet.source),
            "sha256": sheet_sha,
            **({"overrides": overrides} if overrides else {}),
        },
        options=options.fingerprint(),
        library=library,
        templates_sha256=tpl_digest,
        compliance=rules_info,
        inputs_digest=digest,
        draft=plan.draft,
        documents=documents,
        bundles=bundles,
        summary=summary,
    )


def _move_into_place(staging: Path, outdir: Path, manifest: Manifest) -> list[Path]:
    """Move the staged files into *outdir* (each move atomic; the manifest last). Files an earlier
    build wrote there (listed in its manifest) that this build no longer makes are removed."""
    names = manifest.files
    manifest.write(staging)
    if not os.path.lexists(outdir):  # a first build: the folder moves into place in one rename
        (staging / STAGING_MARKER).unlink()
        os.chmod(staging, folder_mode())
        try:
            os.rename(staging, outdir)
        except OSError:  # made meanwhile by someone else: move file by file, as below
            (staging / STAGING_MARKER).touch()
        else:
            return [outdir / name for name in names]
    outdir.mkdir(parents=True, exist_ok=True)
    previous = Manifest.read(outdir)
    moved = []
    for name in names:
        os.replace(staging / name, outdir / name)
        moved.append(outdir / name)
    for stale in set(previous.files) - set(names) if previous else ():
        if "/" not in stale and (outdir / stale).is_file():
            (outdir / stale).unlink()
    return moved
