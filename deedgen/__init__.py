"""deedgen — assembles the documents of coalitions built around Polish public libraries.

The pipeline, one module per stage:
load (sheet.load, sheet.xlsx) → validate (sheet.validate) → select clauses (clauses) →
assemble (assemble) → check (compliance) → render DOCX (render.docx) — all in memory in
:func:`plan` — then convert PDF (render.pdf) → package (render.package, render.bundle) →
manifest (manifest) in :func:`write`. :func:`build` is the two; a cohort is ``deedgen.batch``.

As a library::

    import deedgen

    sheet = deedgen.read_sheet("samples/lipowiec.yaml")
    planned = deedgen.plan(sheet, deedgen.BuildOptions(formats=("docx",)))
    print(planned.report.summary("pl"))
    deedgen.write(planned, "out/lipowiec")

The names below are imported on first use, so ``deedgen --help`` stays instant.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "read_sheet": "deedgen.sheet.validate",
    "Sheet": "deedgen.sheet.validate",
    "load_library": "deedgen.clauses.library",
    "ClauseLibrary": "deedgen.clauses.library",
    "LibrarySelection": "deedgen.config",
    "assemble_documents": "deedgen.assemble",
    "run_check": "deedgen.compliance.check",
    "ComplianceReport": "deedgen.compliance.check",
    "BuildOptions": "deedgen.options",
    "plan": "deedgen.pipeline.plan",
    "BuildPlan": "deedgen.pipeline.plan",
    "write": "deedgen.pipeline.write",
    "BuildResult": "deedgen.pipeline.write",
    "build": "deedgen.pipeline.build",
    "Manifest": "deedgen.manifest",
    "DeedgenError": "deedgen.exceptions",
    "Problem": "deedgen.exceptions",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'deedgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
