"""What ``deedgen clause list/lint/preview`` print (kept out of the CLI module so it stays thin)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from deedgen.clauses.findings import as_dict as finding_dict
from deedgen.clauses.findings import describe
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.messages import Said, said
from deedgen.document import DOCUMENT_ORDER, DOCUMENT_TITLES, Section
from deedgen.exceptions import EXIT_INVALID_INPUT, EXIT_OK


def clause_rows(
    library: ClauseLibrary,
    *,
    category: str | None = None,
    layer: str | None = None,
    document: str | None = None,
) -> list[dict]:
    """The rows of ``clause list`` as plain data, sorted by category, order and id."""
    if layer is not None:
        library.layer(layer)  # an unknown layer name is an error, not an empty list
    rows = []
    for clause in sorted(library.clauses.values(), key=lambda c: (c.category, c.order, c.id)):
        if category and clause.category != category:
            continue
        if layer and clause.layer != layer:
            continue
        if document and document not in clause.documents:
            continue
        rows.append(
            {
                "id": clause.id,
                "title": clause.title,
                "version": clause.version,
                "layer": clause.layer,
                "locked": clause.locked,
                "replaces": library.provenance(clause.id).replaced_label,  # "central v3"
                "documents": list(clause.documents),
                "languages": sorted(clause.texts),
            }
        )
    return rows


# clause list's column titles and words: (Polish, English)
TABLE_WORDS = {
    "title": ("tytuł", "title"),
    "v": ("w.", "v"),
    "layer": ("warstwa", "layer"),
    "locked": ("blokada", "locked"),
    "replaces": ("zastępuje", "replaces"),
    "yes": ("zablokowana", "locked"),
}


def print_clause_table(library: ClauseLibrary, lang: str = "pl", **filters) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    rows = clause_rows(library, **filters)
    word = {key: pair[lang == "en"] for key, pair in TABLE_WORDS.items()}
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # piped: full width, no box drawing, nothing cut
        console = Console(highlight=False, width=250, no_color=True)
    table = Table(
        box=box.SIMPLE_HEAD if console.is_terminal else None, pad_edge=False, show_edge=False
    )
    for name, style in (
        ("id", "bold"),
        ("title", ""),
        ("v", ""),
        ("layer", ""),
        ("locked", ""),
        ("replaces", ""),
    ):
        title = word.get(name, name)
        table.add_column(title, style=style or None, no_wrap=name != "title", overflow="fold")
    for row in rows:
        table.add_row(
            row["id"],
            row["title"],
            str(row["version"]),
            row["layer"],
            word["yes"] if row["locked"] else "",
            row["replaces"],
        )
    console.print(table)
    removed = [
        (i, m)
        for i, m in sorted(library.removed.items())
        if not filters.get("category") or i.startswith(f"{filters['category']}.")
    ]
    for clause_id, marker in removed:
        below = library.replaced[clause_id][0]
        was, by = f"{clause_id} ({below.layer} v{below.version})", f"{marker.layer}: {marker.path}"
        console.print(f"usunięta: {was} przez {by}" if lang == "pl" else f"removed: {was} by {by}")
    layers = " → ".join(x.name for x in library.layers)
    summary = ("klauzule: {n} · warstwy: {layers}", "{n} clause(s) · layers: {layers}")
    console.print(summary[lang == "en"].format(n=len(rows), layers=layers))


def lint_model(sheets, cohort):
    """The data model ``clause lint`` checks against: the --sheet files and the cohort's sheets
    (with what its workbook sets in them), else the samples; the cohort's clause layers; notes
    on the sheets left out."""
    from deedgen.clauses.data_model import data_model

    if cohort is None:
        model = data_model(list(sheets) if sheets else None)
        return model, (), _skipped(sheets, model)
    from deedgen.clauses.lint_sheets import cohort_samples
    from deedgen.cohort import read_cohort

    read = read_cohort(cohort)
    own = data_model(list(sheets))
    samples, notes = cohort_samples(read)
    model = replace(own, samples=own.samples + tuple(samples))
    return model, read.settings.layers, _skipped(sheets, own) + notes


def _skipped(sheets, model) -> list[Said]:
    used = {Path(s).resolve() for s, _, _ in model.samples}
    return [  # the samples' own invalid sheet (bledy.yaml) is invalid on purpose: no note
        said("lint_skipped_sheet", sheet=Path(p).name, path=p)
        for p in sheets or ()
        if Path(p).resolve() not in used
    ]


def print_lint(
    overlays, central, sheets, fmt: str, strict: bool, cohort=None, lang: str = "pl"
) -> int:
    """Lint the library, print the findings in *lang*, return the exit code (2, invalid input,
    on errors; else 0)."""
    from deedgen.clauses.lint import lint_library

    model, cohort_layers, notes = lint_model(sheets, cohort)
    report = lint_library([*overlays, *cohort_layers], central, model=model)
    findings = report.sorted()
    failing = report.errors + (report.warnings if strict else [])
    if fmt == "json":
        click.echo(
            json.dumps(_lint_json(report, findings, notes, lang), ensure_ascii=False, indent=2)
        )
    else:
        _print_lint_text(report, findings, notes, lang)
    return EXIT_INVALID_INPUT if failing else EXIT_OK


def _print_lint_text(report, findings, notes: list[Said], lang: str) -> None:
    for finding in findings:
        click.echo(describe(finding, lang))
    for note in notes:
        click.echo(note.get(lang), err=True)
    if report.never_rendered:
        ids = ", ".join(report.never_rendered)
        click.echo(said("never_rendered", ids=ids).get(lang), err=True)
    if report.untested_branches:
        click.echo(said("untested_heading").get(lang), err=True)
        for branch in report.untested_branches:
            click.echo(f"  {branch.describe(lang)}", err=True)
    summary = said(
        "lint_summary",
        clauses=report.clauses,
        count=len(report.layers),
        layers=" → ".join(x.name for x in report.layers),
        samples=", ".join(Path(s).name for s in report.samples) or said("none"),
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    click.echo(summary.get(lang))


def _lint_json(report, findings, notes: list[Said], lang: str) -> dict:
    return {
        "layers": [{"name": x.name, "path": str(x.path)} for x in report.layers],
        "clauses": report.clauses,
        "samples": list(report.samples),
        "never_rendered": list(report.never_rendered),
        "untested_branches": [b.describe(lang) for b in report.untested_branches],
        "notes": [note.get(lang) for note in notes],
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [finding_dict(f, lang) for f in findings],
    }


def clean_rejected(
    library: ClauseLibrary, *, yes: bool, allow_central: bool, lang: str = "pl"
) -> None:
    """``clause clean --rejected``: list the drafts, confirm, remove them and say so (in *lang*,
    the message language)."""
    from deedgen.clauses.authoring import rejected_drafts, remove_rejected

    def say(key: str, **params) -> str:
        return said(key, **params).get(lang)

    layers = [x for x in library.layers if allow_central or not x.central]
    drafts = rejected_drafts(layers)
    if not drafts:
        click.echo(say("clean_none", layers=", ".join(x.name for x in layers)))
        return
    click.echo(say("clean_listed", count=len(drafts)))
    for path in drafts:
        click.echo(f"  {path}")
    if not yes:
        try:
            answer = click.prompt(say("clean_ask"), default="n", show_default=False)
        except click.Abort:  # no answer (end of input): nothing is removed
            raise click.UsageError(say("clean_unconfirmed")) from None
        if answer.strip().lower() not in ("t", "tak", "y", "yes"):
            click.echo(say("clean_kept"))
            return
    removed = remove_rejected(drafts)
    click.echo(say("clean_removed", count=len(removed)))


def format_section(section: Section) -> str:
    lines = []
    if section.number is not None:
        lines.append(f"§ {section.number}. {section.title}")
    else:
        lines.append(f"[{section.slot or '—'}] {section.title}")
    for unit in section.units:
        indent = "  " * (unit.level + 1)
        lines.append(
            f"{indent}{unit.label} {unit.text}".rstrip() if unit.label else f"{indent}{unit.text}"
        )
    return "\n".join(lines)


def preview_clause(
    library: ClauseLibrary, clause_id: str, sheet_path: str, lang: str = "pl", words: str = "pl"
) -> str:
    """The clause as it is printed for the sheet, in each document it belongs to (in *lang*;
    what is said about it in *words*, the message language)."""
    from deedgen.assemble import assemble_documents, render_goals
    from deedgen.context import build_context
    from deedgen.sheet.validate import read_sheet

    def say(key: str, **params) -> str:
        return said(key, **params).get(words)

    clause = library.get(clause_id)
    sheet = read_sheet(sheet_path)
    out = []
    if "goal_menu" in clause.documents:
        context = build_context(sheet.data, lang)
        texts, used = render_goals(sheet, library, context, lang)
        chosen = [u.id for u in used]
        if clause_id in chosen:
            out.append(say("preview_goal", text=texts[chosen.index(clause_id)]))
        else:
            out.append(say("preview_not_chosen", id=clause_id))
    kinds = [k for k in DOCUMENT_ORDER if k in clause.documents]
    if kinds:
        documents = assemble_documents(sheet, library, lang, kinds=kinds)
        for kind in kinds:
            document = documents[kind]
            out.append(f"== {DOCUMENT_TITLES[kind][lang]} ({clause.layer} v{clause.version}) ==")
            section = document.section(clause_id)
            if section is not None:
                out.append(format_section(section))
                continue
            why = (
                said("preview_condition_false", condition=clause.condition)
                if clause.condition
                else said("preview_not_selected")
            )
            stand_in = document.section(clause.fallback) if clause.fallback else None
            out.append(say("preview_absent", id=clause_id, why=why))
            if stand_in is not None:
                out.append(say("preview_fallback", fallback=clause.fallback))
                out.append(format_section(stand_in))
    return "\n".join(out)
