"""Human and machine reports about a partner sheet (``deedgen validate``)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import click

from deedgen import party_model
from deedgen.exceptions import DeedgenError, SheetInvalid
from deedgen.polish import format_money
from deedgen.sheet.enumerations import PARTY_KIND_LABELS_PL, RESOURCE_LABELS_PL
from deedgen.sheet.refusals import find_all
from deedgen.sheet.validate import Sheet
from deedgen.social import is_social_action


def summarize(sheet: Sheet) -> dict:
    """The short summary of a valid sheet, as plain data."""
    data = sheet.data
    actions = data.get("actions") or []
    money = sum((c.get("amount") or Decimal(0)) for c in data.get("contributions") or [])
    # a group that only declares its support is no Party (annex 3)
    parties = [p for p in data["parties"] if not party_model.is_supporter(p)]
    ids = {p["id"] for p in parties}
    contributions = data.get("contributions") or []
    return {
        "coalition": data["coalition"]["name"],
        "gmina": f"{data['gmina']['name']} (TERC {data['gmina']['terc']}, {data['gmina']['kind']})",
        "edition": data["coalition"]["edition"],
        "parties": len(parties),
        "parties_by_kind": dict(Counter(p["kind"] for p in parties)),
        "supporters": len(data["parties"]) - len(parties),
        "contributions_by_resource": dict(
            Counter(c["resource"] for c in contributions if c.get("party") in ids)
        ),
        "declared_money": f"{money:.2f}",
        "actions": len(actions),
        "social_actions": sum(1 for a in actions if is_social_action(a)),
        "warnings": len(sheet.warnings),
    }


def print_validation(
    path: str, *, fmt: str = "text", lang: str = "pl", library=None, mark: bool = False
) -> int:
    """Validate *path* — everything ``check`` and ``build`` would refuse about it — print the
    result, and return the exit code (0 valid, 2 invalid). With *mark*, also write a copy of the
    workbook with each problem marked (:mod:`.mark`)."""
    try:
        findings = find_all(path, library)
        if mark:
            _mark(path, findings, lang)
    except DeedgenError as err:
        if fmt == "json":
            click.echo(
                json.dumps(
                    {"valid": False, "source": path, "error": err.format_message()},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return err.exit_code
        raise
    if findings.errors:
        _print_problems(path, findings.problems, fmt, lang)
        return SheetInvalid.exit_code
    summary = summarize(findings.sheet)
    if fmt == "json":
        summary["warnings"] = [p.as_dict(lang) for p in findings.problems]
        click.echo(
            json.dumps(
                {"valid": True, "source": path, "summary": summary}, ensure_ascii=False, indent=2
            )
        )
        return 0
    click.echo(_summary_text(summary, lang))
    for problem in findings.problems:
        click.echo(f"  ! {problem.describe(lang)}")
    return 0


def _mark(path: str, findings, lang: str) -> None:
    from deedgen.sheet.mark import mark_copy

    copy = mark_copy(path, findings.problems, lang)
    if lang == "pl":
        note = "błędy na czerwono, ostrzeżenia na żółto, opis w komentarzu komórki"
        click.echo(f"Zapisano oznaczoną kopię: {copy} ({note})", err=True)
    else:
        note = "errors in red, warnings in yellow, each message in the cell's comment"
        click.echo(f"Wrote a marked copy: {copy} ({note})", err=True)


def _print_problems(path: str, problems, fmt: str, lang: str) -> None:
    if fmt == "json":
        click.echo(
            json.dumps(
                {"valid": False, "source": path, "problems": [p.as_dict(lang) for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    # the report goes to stdout: `deedgen validate koalicja.xlsx > bledy.txt` keeps it
    errors = [p for p in problems if p.severity == "error"]
    head = "BŁĘDY" if lang == "pl" else "ERRORS"
    click.echo(f"{path}: {head} ({len(errors)})")
    for problem in problems:
        mark = "✗" if problem.severity == "error" else "!"
        click.echo(f"  {mark} {problem.describe(lang)}")


def _summary_text(summary: dict, lang: str) -> str:
    pl = lang == "pl"
    kinds = ", ".join(
        f"{PARTY_KIND_LABELS_PL.get(k, k) if pl else k}: {n}"
        for k, n in summary["parties_by_kind"].items()
    )
    resources = ", ".join(
        f"{RESOURCE_LABELS_PL.get(k, k) if pl else k}: {n}"
        for k, n in summary["contributions_by_resource"].items()
    )
    rows = [
        ("Arkusz poprawny" if pl else "Sheet is valid", ""),
        ("Koalicja" if pl else "Coalition", summary["coalition"]),
        ("Gmina", summary["gmina"]),
        ("Edycja programu" if pl else "Program edition", summary["edition"]),
        ("Strony" if pl else "Parties", f"{summary['parties']} ({kinds})"),
        *(
            [
                (
                    "Grupy z deklaracją poparcia" if pl else "Groups declaring support",
                    str(summary["supporters"]),
                )
            ]
            if summary["supporters"]
            else []
        ),
        ("Wkłady" if pl else "Contributions", resources or "—"),
        (
            "Zadeklarowane środki" if pl else "Declared money",
            format_money(Decimal(summary["declared_money"]), lang),
        ),
        (
            "Działania" if pl else "Actions",
            f"{summary['actions']} (w tym społeczne: {summary['social_actions']})"
            if pl
            else f"{summary['actions']} (social: {summary['social_actions']})",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}".rstrip() if v else k for k, v in rows)
