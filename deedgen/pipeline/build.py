"""Build one coalition: read its partner sheet, :func:`~deedgen.pipeline.plan.plan` the documents in
memory, :func:`~deedgen.pipeline.write.write` them.

    load → validate → select clauses → assemble → check → render DOCX → typeset (or convert) PDF → package
"""

from __future__ import annotations

from pathlib import Path

from deedgen.clauses.library import ClauseLibrary
from deedgen.naming import folder_name
from deedgen.options import BuildOptions
from deedgen.pipeline.plan import plan
from deedgen.pipeline.write import BuildResult, write
from deedgen.sheet.validate import read_sheet


def default_outdir(sheet) -> Path:
    """``out/<TERC>-<gmina>``, named the way a batch names its folders."""
    return Path("out") / folder_name(sheet.data["gmina"]["terc"], sheet.data["gmina"]["name"])


def build(
    sheet_path: str | Path,
    outdir: str | Path | None = None,
    options: BuildOptions | None = None,
    *,
    library: ClauseLibrary | None = None,
    converter=None,
) -> BuildResult:
    """Build every document of one coalition from its partner sheet into *outdir* (default:
    :func:`default_outdir`). With ``pdf_engine="libreoffice"``, LibreOffice is started once for
    all its documents, unless a *converter* is given; Typst (the default) needs none."""
    options = options or BuildOptions()
    sheet = read_sheet(sheet_path)
    planned = plan(sheet, options, library=library)
    return write(
        planned, outdir if outdir is not None else default_outdir(sheet), converter=converter
    )
