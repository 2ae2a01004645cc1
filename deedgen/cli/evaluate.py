"""``deedgen evaluate``: read the filled report workbooks back into a cohort evaluation (the
Polish help texts are in :mod:`deedgen.cli.help_pl`, under ``evaluate``)."""

from __future__ import annotations

import click

from deedgen.cli.options import lang_option


@click.command()
@click.argument("reports", type=click.Path())  # a folder, or a cohort workbook (XLSX)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False))
@click.option(
    "--cohort",
    type=click.Path(),
    default=None,
    help="The cohort (a folder of partner sheets or a cohort workbook): coalitions without a "
    "report count as late. Default: the cohort workbook given as REPORTS, else the partner "
    "sheets the reports name.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the evaluation (YYYY-MM-DD); which reports are due. Default: today.",
)
@click.option(
    "--rules",
    type=click.Path(dir_okay=False),
    default=None,
    help="Funding rule set (YAML). Default: schemas/funding-rules/<edition>.yaml of each sheet.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes.")
@click.option("--no-documents", is_flag=True, help="Skip the annual evaluation reports (DOCX).")
@click.option("--pdf", is_flag=True, help="Also convert the annual reports to PDF (LibreOffice).")
@lang_option
def evaluate(reports, outdir, cohort, as_of, rules, jobs, no_documents, pdf, lang) -> None:
    """Validate every filled report (workbook or PDF form) in REPORTS, each error with its
    cell, check it against its coalition's partner sheet, and write OUTDIR/ewaluacja.html,
    .xlsx and .json (who reported, who is late, plan against done, coalitions at risk and why)
    and each coalition's annual evaluation report.

    REPORTS is a folder of reports, or a cohort workbook whose sheet Koalicje names each
    coalition's reports in the column Raport (paths relative to the workbook, inside its
    folder; several separated by ";"): a coalition without one counts as late once its report
    is due. Exit 0 all on time, 1 a coalition late or at risk, 2 a report, sheet or cohort row
    invalid."""
    from pathlib import Path

    from deedgen.evaluation.cohort import evaluate_reports
    from deedgen.evaluation.outputs import write_outputs

    run = evaluate_reports(
        reports, cohort=cohort, as_of=as_of.date() if as_of else None, jobs=jobs, rules=rules
    )
    written = write_outputs(run, Path(outdir))
    if not no_documents:
        from deedgen.evaluation.annual import write_annual_reports

        written += write_annual_reports(run, Path(outdir), pdf=pdf)
    _print_summary(run, written, lang)
    raise SystemExit(run.exit_code)


def _print_summary(run, written, lang: str) -> None:
    """One line per coalition (its status and why it is at risk) and its report problems, in
    the message language; the files written last."""
    from deedgen.evaluation.facts import COALITION_LABELS, COALITION_LABELS_EN
    from deedgen.polish import plural

    english = lang == "en"
    labels = COALITION_LABELS_EN if english else COALITION_LABELS
    for coalition in run.coalitions:
        label = labels.get(coalition.status, coalition.status)
        name = coalition.gmina or coalition.sheet
        texts = [r["text_en" if english else "text"] for r in coalition.risks]
        risk = f" — {'at risk' if english else 'zagrożona'}: {'; '.join(texts)}" if texts else ""
        click.echo(f"{name} ({coalition.terc}): {label}{risk}")
        for problem in coalition.problems_en if english else coalition.problems:
            click.echo(f"  {problem}", err=problem.startswith("✗"))
    for item in run.unmatched:
        without = "report without a coalition" if english else "raport bez koalicji"
        click.echo(f"{item['file']}: {without}", err=True)
        for problem in item["problems_en" if english else "problems"]:
            click.echo(f"  {problem}", err=True)
    names = ", ".join(p.name for p in written[:3])
    if english:
        count = len(run.coalitions)
        total = f"{count} coalition{'s' if count != 1 else ''}"
        click.echo(f"Evaluation: {total}; wrote {names} in {written[0].parent}")
    else:
        total = plural(len(run.coalitions), "koalicja", "koalicje", "koalicji")
        click.echo(f"Ewaluacja: {total}; zapisano {names} w {written[0].parent}")


COMMANDS = [evaluate]
