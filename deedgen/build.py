"""Build one coalition: the pipeline from a partner sheet to signed-ready documents.

    load → validate → select clauses → assemble → check → render DOCX → convert PDF → package

Everything that can fail on bad input (the sheet, the clauses, references, the rules, the check)
is resolved in memory first; files are written to a temporary folder beside the output and moved
into place only when the whole build succeeded, so an existing output folder is never left
half-written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from deedgen import __version__
from deedgen.assemble import assemble_documents
from deedgen.clauses.library import ClauseLibrary, load_library
from deedgen.document import DOCUMENT_ORDER, DOCUMENT_SLUGS
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
    review: bool = False  # also write the mentors' review annex (przeglad-klauzul.md)
    template_dir: Path = TEMPLATE_DIR

    def fingerprint(self) -> dict:
        """The options that change the output (recorded in the manifest, part of the digest)."""
        return {
            "formats": list(self.formats),
            "langs": list(self.langs),
            "draft": self.draft,
            "pdfa": self.pdfa,
            "bundle": self.bundle,
        }


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
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:limit].rstrip("-") or "koalicja"


def build(
    sheet_path: str | Path,
    outdir: str | Path | None,
    options: BuildOptions = BuildOptions(),
    *,
    library: ClauseLibrary | None = None,
    converter=None,
) -> BuildResult:
    """Build every document of one coalition from its partner sheet into *outdir* (default:
    ``out/<TERC>-<gmina>``, named the way a batch names its folders)."""
    sheet = read_sheet(sheet_path)
    if outdir is None:
        from deedgen.batch import folder_name

        outdir = Path("out") / folder_name(sheet.data["gmina"]["terc"], sheet.data["gmina"]["name"])
    library = library or load_library(options.libraries)
    return build_sheet(sheet, outdir, options, library=library, converter=converter)


def build_sheet(
    sheet: Sheet,
    outdir: str | Path,
    options: BuildOptions,
    *,
    library: ClauseLibrary,
    converter=None,
    rules=None,
) -> BuildResult:
    """The whole pipeline for one sheet; LibreOffice is started once for all its documents
    (or the batch's *converter* is used)."""
    staged = stage(sheet, outdir, options, library=library, rules=rules)
    try:
        if "pdf" in options.formats:
            if converter is None:
                from deedgen.render.pdf import PdfConverter

                with PdfConverter(pdfa=options.pdfa) as own:
                    results = own.convert(staged.docx_paths, staged.staging)
            else:
                results = converter.convert(staged.docx_paths, staged.staging)
            staged.accept_pdfs(results)
        return finish(staged, library)
    finally:
        staged.discard()


@dataclass
class Staged:
    """A coalition assembled, checked and rendered to DOCX in a private folder beside its output,
    waiting for its PDFs; :func:`finish` packages it and moves it into place."""

    sheet: Sheet
    outdir: Path
    options: BuildOptions
    staging: Path
    assembled: dict
    report: object | None
    documents: list[dict]
    docx_paths: list[Path]
    pdfs: dict = field(default_factory=dict)  # docx path → pdf path

    @property
    def draft(self) -> bool:
        return self.report is not None and not self.report.compliant

    def accept_pdfs(self, results) -> None:
        """Take the converter's results; a document without a PDF fails the build."""
        from deedgen.render.pdf import raise_for_failures

        raise_for_failures(results)
        self.pdfs = {Path(r.source): Path(r.pdf) for r in results}

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def stage(
    sheet: Sheet, outdir: str | Path, options: BuildOptions, *, library: ClauseLibrary, rules=None
) -> Staged:
    """Assemble every document in every language, check the funding conditions, write the DOCX
    files into a staging folder. Nothing in *outdir* is touched."""
    outdir = Path(outdir).absolute()
    assembled = {lang: assemble_documents(sheet, library, lang) for lang in options.langs}
    report = None
    if options.check:
        from deedgen.compliance.check import run_check
        from deedgen.compliance.rules import RuleSet

        polish = assembled["pl"] if "pl" in assembled else assemble_documents(sheet, library, "pl")
        if isinstance(rules, RuleSet):  # loaded once by the caller (a batch worker), not per sheet
            report = run_check(sheet, polish, library=library, rules=rules)
        else:
            report = run_check(sheet, polish, rules or options.rules, library=library)
        if not report.compliant and not options.draft:
            raise NotCompliant(report.to_text("pl"))
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"output path exists and is not a folder: {outdir}")
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    staged = Staged(
        sheet=sheet,
        outdir=outdir,
        options=options,
        staging=staging,
        assembled=assembled,
        report=report,
        documents=[],
        docx_paths=[],
    )
    try:
        for lang, docs in assembled.items():
            # A draft: built although the funding conditions fail; every page is marked, findings appended.
            findings = [f.message(lang) for f in report.failures()] if staged.draft else []
            for kind in DOCUMENT_ORDER:
                document = docs[kind]
                data = render_docx(
                    document,
                    draft=staged.draft,
                    findings=findings,
                    template_dir=options.template_dir,
                )
                name = output_name(kind, lang, "docx")
                (staging / name).write_bytes(data)
                staged.docx_paths.append(staging / name)
                staged.documents.append(
                    {
                        "kind": kind,
                        "lang": lang,
                        "title": document.title,
                        "docx": name,
                        "docx_sha256": sha256_bytes(data),
                        "clauses": [_clause_entry(c, library) for c in document.clauses],
                    }
                )
    except BaseException:
        staged.discard()
        raise
    return staged


REVIEW_NAME = "przeglad-klauzul.md"


def review_text(staged: Staged, library: ClauseLibrary) -> str:
    """The review annex for mentors: for every document, each clause's §, layer, file, version
    and what it replaces. A working file beside the documents — never part of them."""
    from deedgen.clauses.annex import review_annex

    parts = [
        review_annex(docs[kind], library).markdown()
        for docs in staged.assembled.values()
        for kind in DOCUMENT_ORDER
    ]
    title = f"# Przegląd klauzul — {staged.sheet.data['coalition']['name']}"
    return "\n\n".join([title, *parts]) + "\n"


def _clause_entry(used, library: ClauseLibrary) -> dict:
    """A clause's provenance for the manifest: id, version, layer, file, hash, what it replaces."""
    entry = {
        "id": used.id,
        "version": used.version,
        "layer": used.layer,
        "source": used.source,
        "sha256": used.sha256,
    }
    below = library.replaced.get(used.id)
    if below:
        entry["replaces"] = {
            "layer": below[0].layer,
            "version": below[0].version,
            "source": below[0].source,
        }
    return entry


def finish(
    staged: Staged,
    library: ClauseLibrary,
    *,
    overrides: dict | None = None,
    summary: dict | None = None,
) -> BuildResult:
    """Package the PDFs (metadata, text check, bundle), write the reports and the manifest, and
    move everything into the output folder.

    A batch passes *overrides* — what its cohort workbook set in the sheet (recorded with the
    input, and part of the inputs digest) — and *summary*, the facts of its report row (recorded
    as ``summary``, so that a later batch that skips the coalition can still report them)."""
    from deedgen.render.package import package_language

    options, sheet, staging = staged.options, staged.sheet, staged.staging
    bundles = []
    if "pdf" in options.formats:
        slug = safe_slug(sheet.data["gmina"]["name"])
        for lang, docs in staged.assembled.items():
            pdfs = {}
            for entry in staged.documents:
                if entry["lang"] == lang:
                    pdf = staged.pdfs[staging / entry["docx"]]
                    pdfs[entry["kind"]] = pdf
            bundle_name = f"{slug}-pakiet{'' if lang == 'pl' else '.' + lang}.pdf"
            bundle = package_language(docs, pdfs, staging / bundle_name, pdfa=options.pdfa)
            bundle["lang"] = lang
            bundles.append(bundle)
            for entry in staged.documents:
                if entry["lang"] == lang:
                    pdf = pdfs[entry["kind"]]
                    entry["pdf"], entry["pdf_sha256"] = pdf.name, sha256_file(pdf)
    if "docx" not in options.formats:
        for entry in staged.documents:
            (staging / entry.pop("docx")).unlink()
            entry.pop("docx_sha256")
    if options.review:
        (staging / REVIEW_NAME).write_text(review_text(staged, library), encoding="utf-8")
    report = staged.report
    rules_info = None
    if report is not None:
        (staging / "zgodnosc.json").write_text(report.to_json(), encoding="utf-8")
        (staging / "zgodnosc.md").write_text(report.to_markdown("pl"), encoding="utf-8")
        rules_info = {
            "path": report.ruleset_path,
            "version": report.ruleset_version,
            "sha256": report.ruleset_sha256,
            "compliant": report.compliant,
        }
    sheet_sha = sha256_file(sheet.source)
    lib_digest = library_digest(library)
    tpl_digest = templates_digest(options.template_dir)
    manifest = {
        "deedgen_version": __version__,
        "coalition": sheet.data["coalition"]["name"],
        "terc": sheet.data["gmina"]["terc"],
        "input": {
            "path": str(sheet.source),
            "sha256": sheet_sha,
            **({"overrides": overrides} if overrides else {}),
        },
        "options": options.fingerprint(),
        "library": {
            "layers": [{"name": layer.name, "path": str(layer.path)} for layer in library.layers],
            "removed": sorted(library.removed),
            "sha256": lib_digest,
        },
        "templates_sha256": tpl_digest,
        "compliance": rules_info,
        "inputs_digest": inputs_digest(
            sheet_sha256=sheet_inputs_sha256(sheet_sha, overrides),
            library=lib_digest,
            rules=rules_info["sha256"] if rules_info else None,
            templates=tpl_digest,
            options=options.fingerprint(),
        ),
        "draft": staged.draft,
        "documents": staged.documents,
        "bundles": bundles,
    }
    if summary is not None:
        manifest["summary"] = summary
    files = _move_into_place(staging, staged.outdir, manifest)
    return BuildResult(
        outdir=staged.outdir,
        files=files,
        manifest=manifest,
        compliance=report,
        documents=staged.assembled,
        warnings=sheet.warnings,
    )


def sheet_inputs_sha256(sheet_sha256: str, overrides: dict | None = None) -> str:
    """The sheet's part of the inputs digest: its file's hash, combined with the values a cohort
    workbook set in it (the file's hash alone when there are none)."""
    if not overrides:
        return sheet_sha256
    payload = json.dumps(
        {"sheet": sheet_sha256, "overrides": overrides}, sort_keys=True, ensure_ascii=False
    )
    return sha256_bytes(payload.encode())


def _move_into_place(staging: Path, outdir: Path, manifest: dict) -> list[Path]:
    """Move the staged files into *outdir* (each move atomic; the manifest last). Files an earlier
    build wrote there (listed in its manifest) that this build no longer makes are removed."""
    from deedgen.manifest import read_manifest

    names = sorted(p.name for p in staging.iterdir()) + [MANIFEST_NAME]
    manifest["files"] = names
    write_manifest(staging / MANIFEST_NAME, manifest)
    if not os.path.lexists(outdir):  # a first build: the folder moves into place in one rename
        os.chmod(staging, 0o777 & ~_umask())
        try:
            os.rename(staging, outdir)
        except OSError:  # made meanwhile by someone else: move file by file, as below
            pass
        else:
            return [outdir / name for name in names]
    outdir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(outdir)
    moved = []
    for name in names:
        os.replace(staging / name, outdir / name)
        moved.append(outdir / name)
    for stale in set(previous.get("files", [])) - set(names) if previous else ():
        if "/" not in stale and (outdir / stale).is_file():
            (outdir / stale).unlink()
    return moved


def _umask() -> int:
    """The process's umask, read without changing it (Linux), else by setting and restoring it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def with_options(options: BuildOptions, **changes) -> BuildOptions:
    return replace(options, **changes)
