"""Render a compliance report as text (for a librarian), Markdown (for a mentor's review) or JSON.

The text report reads top down: the verdict first (SPEŁNIA / NIE SPEŁNIA warunków
finansowania), then every condition not met with what to do and where, then the warnings, then
the conditions met, one line each. It is plain text, readable in a terminal, a file or an e-mail.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from pathlib import Path

from deedgen.compliance.model import Finding

WIDTH = 100

_T = {
    # key: (Polish, English)
    "yes": ("SPEŁNIA warunki finansowania", "MEETS the funding conditions"),
    "no": ("NIE SPEŁNIA warunków finansowania", "DOES NOT MEET the funding conditions"),
    "failed": ("Niespełnione warunki", "Conditions not met"),
    "warnings": ("Ostrzeżenia", "Warnings"),
    "passed": ("Spełnione warunki", "Conditions met"),
    "coalition": ("Koalicja", "Coalition"),
    "edition": ("edycja", "edition"),
    "sheet": ("Arkusz", "Sheet"),
    "rules": ("Reguły", "Rules"),
    "version": ("wersja", "version"),
    "found": ("Stwierdzono", "Found"),
    "todo": ("Co zrobić", "What to do"),
    "where": ("Gdzie", "Where"),
    "rule": ("Reguła", "Rule"),
    "result": ("Wynik", "Result"),
    "count_failed": ("niespełnione warunki: {n}", "conditions not met: {n}"),
    "count_warnings": ("ostrzeżenia: {n}", "warnings: {n}"),
    "count_passed": ("spełnione warunki: {n}", "conditions met: {n}"),
    "sheet_warnings": (
        "Arkusz ma ostrzeżenia walidacji: {n} — pokaże je polecenie „deedgen validate”.",
        "The sheet has validation warnings: {n} — `deedgen validate` lists them.",
    ),
}


def t(key: str, lang: str, **params) -> str:
    pl, en = _T[key]
    return (pl if lang == "pl" else en).format(**params)


def verdict_line(report, lang: str = "pl", ids: bool = True) -> str:
    """ "NIE SPEŁNIA warunków finansowania — niespełnione warunki: 3 (social-actions, …); …"."""
    head = t("yes" if report.compliant else "no", lang)
    parts = []
    if report.failed_rules:
        listed = f" ({', '.join(report.failed_rules)})" if ids else ""
        parts.append(t("count_failed", lang, n=len(report.failed_rules)) + listed)
    if report.warned_rules:
        parts.append(t("count_warnings", lang, n=len(report.warned_rules)))
    parts.append(t("count_passed", lang, n=len(report.passed_rules)))
    return f"{head} — {'; '.join(parts)}"


def _display_path(path: str) -> str:
    """A path relative to the working folder when it lies inside it (shorter to read)."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    except ValueError:  # another drive on Windows
        return path


def _by_rule(findings: Iterable[Finding]) -> list[list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.rule_id, []).append(finding)
    return list(groups.values())


def _header(report, lang: str) -> list[str]:
    ruleset = report.ruleset
    return [
        f"{t('coalition', lang)}: {report.coalition} ({t('edition', lang)} {report.edition})",
        f"{t('sheet', lang)}: {_display_path(report.source)}",
        f"{t('rules', lang)}: {_display_path(ruleset.path)}, {t('version', lang)} {ruleset.version} "
        f"(sha256 {ruleset.sha256[:12]}…)",
    ]


# --- text ------------------------------------------------------------------------------------


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first]


def _labelled(label: str, text: str, lang: str) -> list[str]:
    """ "    Co zrobić:   text…" with the texts of a finding aligned under each other."""
    width = max(len(t(key, lang)) for key in ("found", "todo", "where")) + 1
    head = "    " + (f"{label}:" if label else "").ljust(width) + " "
    return _wrap(text, head, " " * len(head))


def to_text(report, lang: str = "pl") -> str:
    lines = [verdict_line(report, lang, ids=False), *_header(report, lang)]
    lines += [note.get(lang) for note in report.notes]
    for status, mark, title in (("fail", "✗", "failed"), ("warning", "!", "warnings")):
        groups = _by_rule(report.by_status(status))
        if not groups:
            continue
        lines += ["", f"{t(title, lang).upper()} ({len(groups)})"]
        for group in groups:
            lines += [""] + _wrap(
                f"{group[0].rule_id} — {group[0].description[lang]}", f"{mark} ", "  "
            )
            last_fix = None
            for finding in group:
                lines += _labelled(t("found", lang), finding.message(lang), lang)
                fix = finding.fix(lang)
                if fix and fix != last_fix:
                    lines += _labelled(t("todo", lang), fix, lang)
                    last_fix = fix
                places = [place.describe(lang) for place in finding.places if place.describe(lang)]
                for index, place in enumerate(places):
                    lines += _labelled(t("where", lang) if index == 0 else "", place, lang)
    passed = _by_rule(report.by_status("pass"))
    if passed:
        lines += ["", f"{t('passed', lang).upper()} ({len(passed)})"]
        for group in passed:
            lines += _wrap(f"{group[0].rule_id} — {group[0].message(lang)}", "✓ ", "  ")
    if report.sheet_warnings:
        lines += ["", t("sheet_warnings", lang, n=report.sheet_warnings)]
    return "\n".join(lines) + "\n"


# --- markdown --------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("\n", " ")
    )


def to_markdown(report, lang: str = "pl") -> str:
    ruleset = report.ruleset
    out = [
        f"# {t('yes' if report.compliant else 'no', lang)}",
        "",
        f"{verdict_line(report, lang)}",
        "",
        f"| {t('coalition', lang)} | {_md(report.coalition)} |",
        "|---|---|",
        f"| {t('edition', lang).capitalize()} | {_md(report.edition)} |",
        f"| {t('sheet', lang)} | `{Path(report.source).name}` |",
        f"| {t('rules', lang)} | `{Path(ruleset.path).name}`, {t('version', lang)} {ruleset.version}, sha256 `{ruleset.sha256[:12]}` |",
    ]
    for note in report.notes:
        out += ["", f"> {_md(note.get(lang))}"]
    for status, mark, title in (("fail", "✗", "failed"), ("warning", "⚠", "warnings")):
        groups = _by_rule(report.by_status(status))
        if not groups:
            continue
        out += ["", f"## {t(title, lang)} ({len(groups)})"]
        for group in groups:
            out += ["", f"### {mark} `{group[0].rule_id}` — {_md(group[0].description[lang])}", ""]
            for finding in group:
                out.append(f"- **{t('found', lang)}:** {_md(finding.message(lang))}")
                fix = finding.fix(lang)
                if fix:
                    out.append(f"  - **{t('todo', lang)}:** {_md(fix)}")
                places = [
                    _md(place.describe(lang)) for place in finding.places if place.describe(lang)
                ]
                if places:
                    out.append(f"  - **{t('where', lang)}:** " + "; ".join(places))
    passed = _by_rule(report.by_status("pass"))
    if passed:
        out += [
            "",
            f"## {t('passed', lang)} ({len(passed)})",
            "",
            f"| {t('rule', lang)} | {t('result', lang)} |",
            "|---|---|",
        ]
        for group in passed:
            out.append(f"| ✓ `{group[0].rule_id}` | {_md(group[0].message(lang))} |")
    if report.sheet_warnings:
        out += ["", _md(t("sheet_warnings", lang, n=report.sheet_warnings))]
    return "\n".join(out) + "\n"


# --- JSON ------------------------------------------------------------------------------------


def as_dict(report) -> dict:
    """The report as plain data: both languages for every text, every place with its location."""
    ruleset = report.ruleset
    return {
        "compliant": report.compliant,
        "verdict": {lang: t("yes" if report.compliant else "no", lang) for lang in ("pl", "en")},
        "coalition": report.coalition,
        "edition": report.edition,
        "sheet": report.source,
        "ruleset": {
            "path": ruleset.path,
            "edition": ruleset.edition,
            "version": ruleset.version,
            "sha256": ruleset.sha256,
        },
        "failed": report.failed_rules,
        "warnings": report.warned_rules,
        "passed": report.passed_rules,
        "findings": [finding.as_dict() for finding in report.findings],
        "notes": [{"pl": note.pl, "en": note.en} for note in report.notes],
        "sheet_warnings": report.sheet_warnings,
    }
