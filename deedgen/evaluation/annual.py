"""The annual evaluation report of a coalition — „Raport z corocznej ewaluacji koalicji” — for the
team and the rada gminy, as DOCX (and PDF through LibreOffice).

Its prose is the ``evaluation`` category of the clause library (``documents: [evaluation_report]``,
one slot each, layered like every clause: a regional overlay may reword it); the figures and
tables come from the year's reports. The document is an :class:`AssembledDocument` rendered by
the DOCX renderer's prepared template, with a template built once from the renderer's own
building blocks (styles, tables, slot loops).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from deedgen.assemble.documents import render_clause, select_clauses, used
from deedgen.assemble.numbering import flatten
from deedgen.assemble.references import resolve_references
from deedgen.assemble.units import parse_units
from deedgen.document import AssembledDocument, Section
from deedgen.evaluation.annual_values import report_values
from deedgen.evaluation.facts import INVALID, CoalitionEvaluation

KIND = "evaluation_report"
TITLES = {
    "pl": "Raport z corocznej ewaluacji koalicji",
    "en": "Annual evaluation report of the coalition",
}


def assemble_report(library, context: dict, lang: str) -> AssembledDocument:
    """The report's clauses (those of ``evaluation_report`` whose condition holds), rendered."""
    clauses = select_clauses(library, KIND, context, lang)
    numbers = {clause.id: None for clause in clauses}
    sections = []
    for clause in clauses:

        def resolve(text, clause=clause):
            return resolve_references(
                text, clause=clause, here=None, sections=numbers, anchors={}, kind=KIND, lang=lang
            )

        units = flatten(parse_units(render_clause(clause, context, lang), clause, lang), resolve)
        sections.append(
            Section(clause.id, clause.text(lang).title, units, number=None, slot=clause.slot)
        )
    return AssembledDocument(
        kind=KIND,
        lang=lang,
        title=TITLES[lang],
        sections=tuple(sections),
        clauses=tuple(used(c, lang) for c in clauses),
        context=context,
    )


@functools.cache
def _template():
    from deedgen.render.docx import PreparedTemplate

    return PreparedTemplate(template_bytes(), "evaluation_report (built in)")


def template_bytes() -> bytes:
    """The DOCX template of the report, built from the renderer's building blocks."""
    from deedgen.evaluation.annual_template import report_template
    from deedgen.render.template_styles import prune_styles
    from deedgen.render.templates import normalize_zip

    doc = report_template()
    prune_styles(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue(), drop=("docProps/thumbnail.jpeg",))


def render_report(coalition: CoalitionEvaluation, year: int, library, lang: str) -> bytes:
    """The DOCX bytes of *coalition*'s report for *year* in *lang*."""
    from deedgen.context import build_context
    from deedgen.render.docx import core_properties
    from deedgen.render.template_values import template_values

    context = build_context(coalition.plan.data, lang)
    document = assemble_report(library, context, lang)
    values = template_values(document) | report_values(coalition, year, lang)
    values["E"] = values["labels"]
    declared = context["coalition"]["declaration_date"]
    return _template().render(
        values,
        date_time=(declared.year, declared.month, declared.day, 0, 0, 0),
        lang=lang,
        core=core_properties(document),
    )


def report_name(year: int, lang: str, ext: str) -> str:
    return f"raport-ewaluacji-{year}{'' if lang == 'pl' else '.' + lang}.{ext}"


def write_annual_reports(run, outdir: Path, *, pdf: bool = False, langs=("pl", "en")) -> list[Path]:
    """Each coalition's report for every year with a valid annual report, in its folder."""
    from deedgen.clauses.library import load_library
    from deedgen.fsutil import atomic_write_bytes
    from deedgen.naming import folder_name

    written: list[Path] = []
    library = None
    for coalition in run.coalitions:
        if coalition.status == INVALID and coalition.plan is None:
            continue
        for year in _reported_years(coalition):
            library = library or load_library()
            folder = outdir / folder_name(coalition.terc, coalition.gmina)
            folder.mkdir(parents=True, exist_ok=True)
            for lang in langs:
                path = folder / report_name(year, lang, "docx")
                atomic_write_bytes(path, render_report(coalition, year, library, lang))
                written.append(path)
    if pdf and written:
        written += _convert(written)
    return written


def _reported_years(coalition: CoalitionEvaluation) -> list[int]:
    return sorted(
        year
        for year, facts in coalition.annual.items()
        if facts["status"] not in ("missing", "not_due", INVALID)
    )


def _convert(documents: list[Path]) -> list[Path]:
    """PDFs beside the DOCX files, with one LibreOffice pool for all."""
    from deedgen.render.pdf import PdfConverter, raise_for_failures

    pdfs = []
    with PdfConverter() as converter:
        for folder in sorted({d.parent for d in documents}):
            sources = [d for d in documents if d.parent == folder]
            pdfs += raise_for_failures(converter.convert(sources, folder))
    return pdfs
