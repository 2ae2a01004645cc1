"""Build one coalition: the pipeline from a partner sheet to signed-ready documents.

    load → validate → select clauses → assemble → check → render DOCX → convert PDF → package

Everything that can fail on bad input (the sheet, the clauses, references, the rules, the check)
is resolved in memory first; files are written to a temporary folder beside the output and moved
into place only when the whole build succeeded, so an existing output folder is never left
half-written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from deedgen import __version__
from deedgen.assemble import assemble_documents
from deedgen.clauses.library import ClauseLibrary, load_library
from deedgen.document import DOCUMENT_ORDER, DOCUMENT_SLUGS, AssembledDocument
from deedgen.exceptions import NotCompliant, OutputError
from deedgen.manifest import (
    MANIFEST_NAME,
    inputs_digest,
    library_digest,
    sha256_bytes,
    sha256_file,
    templates_digest,
    write_manifest,
)
from deedgen.render.docx import render_docx
from deedgen.render.templates import TEMPLATE_DIR
from deedgen.sheet.validate import Sheet, read_sheet


@dataclass(frozen=True)
class BuildOptions:
    """How to build; one frozen value travels through build and batch."""

    formats: tuple[str, ...] = ("docx", "pdf")
    langs: tuple[str, ...] = ("pl",)
    draft: bool = False  # build a non-compliant coalition anyway, marked as a draft
    pdfa: bool = False
    bundle: bool = True
    rules: str | None = None  # a rule-set file; default: the one of the sheet's edition
    libraries: tuple[str, ...] = ()  # overlay folders, most specific first
    check: bool = True
    template_dir: Path = TEMPLATE_DIR

    def fingerprint(self) -> dict:
        """The options that change the output (recorded in the manifest, part of the digest)."""
        return {"formats": list(self.formats), "langs": list(self.langs), "draft": self.draft, "pdfa": self.pdfa, "bundle": self.bundle}


@dataclass
class BuildResult:
    outdir: Path
    files: list[Path] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    compliance: object | None = None  # a ComplianceReport
    documents: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # the sheet's validation warnings


def output_name(kind: str, lang: str, ext: str) -> str:
    suffix = "" if lang == "pl" else f".{lang}"
    return f"{DOCUMENT_SLUGS[kind]}{suffix}.{ext}"


def safe_slug(text: str, limit: int = 60) -> str:
    """An ASCII file-name fragment from any text (no separators, no dots, bounded length)."""
    import unicodedata

    table = str.maketrans({"ł": "l", "Ł": "L"})
    ascii_text = unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return (slug[:limit].rstrip("-") or "koalicja")


def build(sheet_path: str | Path, outdir: str | Path, options: BuildOptions = BuildOptions(), *, library: ClauseLibrary | None = None, converter=None) -> BuildResult:
    """Build every document of one coalition from its partner sheet into *outdir*."""
    sheet = read_sheet(sheet_path)
    library = library or load_library(options.libraries)
    return build_sheet(sheet, outdir, options, library=library, converter=converter)


def build_sheet(sheet: Sheet, outdir: str | Path, options: BuildOptions, *, library: ClauseLibrary, converter=None, rules=None) -> BuildResult:
    outdir = Path(outdir)
    # 1. assemble every document in every language, fully resolved, in memory
    assembled: dict[str, dict[str, AssembledDocument]] = {
        lang: assemble_documents(sheet, library, lang) for lang in options.langs
    }
    # 2. check the funding conditions on the assembled Polish documents
    report = None
    if options.check:
        from deedgen.compliance.check import run_check

        report = run_check(sheet, assembled.get("pl") or next(iter(assembled.values())), rules or options.rules)
        if not report.compliant and not options.draft:
            raise NotCompliant(report.to_text("pl"))
    # 3. write everything into a private folder, then move it into place
    outdir.parent.mkdir(parents=True, exist_ok=True)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"output path exists and is not a folder: {outdir}")
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    try:
        manifest = _write_outputs(sheet, assembled, staging, options, library, report, converter)
        files = _move_into_place(staging, outdir, manifest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(outdir=outdir, files=files, manifest=manifest, compliance=report, documents=assembled, warnings=sheet.warnings)


def _write_outputs(sheet, assembled, staging: Path, options: BuildOptions, library, report, converter) -> dict:
    # A draft: built although the funding conditions fail; every page is marked, findings appended.
    draft = report is not None and not report.compliant
    documents = []
    docx_paths = []
    for lang, docs in assembled.items():
        for kind in DOCUMENT_ORDER:
            document = docs[kind]
            findings = [f.message(lang) for f in report.failures()] if draft else []
            data = render_docx(document, draft=draft, findings=findings, template_dir=options.template_dir)
            name = output_name(kind, lang, "docx")
            (staging / name).write_bytes(data)
            docx_paths.append(staging / name)
            documents.append(
                {
                    "kind": kind,
                    "lang": lang,
                    "title": document.title,
                    "docx": name,
                    "docx_sha256": sha256_bytes(data),
                    "clauses": [
                        {"id": c.id, "version": c.version, "layer": c.layer, "source": c.source, "sha256": c.sha256}
                        for c in document.clauses
                    ],
                }
            )
    bundle_info = None
    if "pdf" in options.formats:
        from deedgen.render.package import package_pdfs

        bundle_info = package_pdfs(sheet, assembled, staging, documents, options, converter)
    if "docx" not in options.formats:
        for path in docx_paths:
            path.unlink()
        for entry in documents:
            entry.pop("docx"), entry.pop("docx_sha256")
    sheet_sha = sha256_file(sheet.source)
    rules_info = None
    if report is not None:
        report_json = report.to_json()
        (staging / "zgodnosc.json").write_text(report_json, encoding="utf-8")
        (staging / "zgodnosc.md").write_text(report.to_markdown("pl"), encoding="utf-8")
        rules_info = {"path": report.ruleset_path, "version": report.ruleset_version, "sha256": report.ruleset_sha256, "compliant": report.compliant}
    lib_digest = library_digest(library)
    tpl_digest = templates_digest(options.template_dir)
    return {
        "deedgen_version": __version__,
        "coalition": sheet.data["coalition"]["name"],
        "terc": sheet.data["gmina"]["terc"],
        "input": {"path": str(sheet.source), "sha256": sheet_sha},
        "options": options.fingerprint(),
        "library": {
            "layers": [{"name": layer.name, "path": str(layer.path)} for layer in library.layers],
            "sha256": lib_digest,
        },
        "templates_sha256": tpl_digest,
        "compliance": rules_info,
        "inputs_digest": inputs_digest(
            sheet_sha256=sheet_sha,
            library=lib_digest,
            rules=rules_info["sha256"] if rules_info else None,
            templates=tpl_digest,
            options=options.fingerprint(),
        ),
        "documents": documents,
        "bundle": bundle_info,
        "draft": draft,
    }


def _move_into_place(staging: Path, outdir: Path, manifest: dict) -> list[Path]:
    """Move the staged files into *outdir* (each move atomic; the manifest last). Files an earlier
    build wrote there (listed in its manifest) that this build no longer makes are removed."""
    from deedgen.manifest import read_manifest

    outdir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(outdir)
    names = sorted(p.name for p in staging.iterdir()) + [MANIFEST_NAME]
    manifest["files"] = names
    write_manifest(staging / MANIFEST_NAME, manifest)
    moved = []
    for name in names:
        os.replace(staging / name, outdir / name)
        moved.append(outdir / name)
    for stale in set(previous.get("files", [])) - set(names) if previous else ():
        if "/" not in stale and (outdir / stale).is_file():
            (outdir / stale).unlink()
    return moved


def with_options(options: BuildOptions, **changes) -> BuildOptions:
    return replace(options, **changes)
