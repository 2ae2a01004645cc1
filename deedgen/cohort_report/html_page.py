"""``summary.html``: a self-contained page (inline CSS and script, no external assets, a
Content Security Policy that forbids loading any), every value HTML-escaped; the rows can be
filtered and sorted in the browser."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from deedgen.cohort_report.columns import (
    COLUMNS,
    CONTROL,
    DOCUMENT_SHORT,
    HTML_COLUMNS,
    NUMERIC,
    STATUS_LABELS,
    VERDICT_LABELS,
    count_of,
    status_text,
)
from deedgen.cohort_report.page_assets import HTML_HEAD, HTML_TAIL
from deedgen.compliance.messages import rule_title


def e(value) -> str:
    """HTML-escaped text of any value (None → empty; control characters dropped)."""
    return "" if value is None else html.escape(CONTROL.sub("", str(value)), quote=True)


def href(relative: str) -> str:
    """A relative link, each path segment URL-quoted, then escaped for an attribute."""
    return e("/".join(quote(part) for part in relative.split("/")))


def write_html(path: Path, context: dict, rows: Iterator[dict]) -> None:
    header, rules, counts = context["header"], context["rules"], context["counts"]
    columns = [c for c in COLUMNS if c[0] in HTML_COLUMNS]
    with open(path, "w", encoding="utf-8") as out:
        out.write(HTML_HEAD.replace("@TITLE@", e(f"Kohorta — {Path(header['cohort']).name}")))
        out.write(_html_summary(header, counts, context.get("duplicates") or {}))
        descriptions = context.get("descriptions") or {}
        heads = [f'<th title="{e(tip)}">{e(label)}</th>' for _key, label, tip in columns]
        heads += ['<th data-nosort="1">Dokumenty</th>', '<th class="notes">Błędy i uwagi</th>']
        heads += [
            f'<th class="rule" title="{e(descriptions.get(rule, rule))}">{e(rule_title(rule))}</th>'
            for rule in rules
        ]
        heads += ['<th title="arkusz partnerów">Arkusz</th>']
        out.write(
            '<div class="scroll"><table id="cohort"><thead><tr>'
            + "".join(heads)
            + "</tr></thead><tbody>\n"
        )
        for row in rows:
            out.write(_html_row(row, columns, rules))
        out.write("</tbody></table></div>\n")
        out.write(_html_changes(context["changes"]))
        out.write(HTML_TAIL)


def _html_summary(header: dict, counts: dict, duplicates: dict) -> str:
    chips = " ".join(
        f'<span class="chip s-{e(status)}">{e(STATUS_LABELS.get(status, status))}: <b>{n}</b></span>'
        for status, n in counts.items()
        if n
    )
    options = header.get("options") or {}
    layers = " → ".join(layer["name"] for layer in (header.get("library") or {}).get("layers", []))
    legend = " · ".join(f"{mark} {word}" for mark, word in VERDICT_LABELS.values())
    return (
        f"<header><h1>{e(Path(header['cohort']).name)}: {e(count_of(header['coalitions']))}</h1>"
        f"{_html_warnings(header, counts, duplicates)}"
        f"<p>{chips}</p>"
        f'<p class="meta">deedgen {e(header["deedgen_version"])} · {e(header["generated"])} · formaty: {e(", ".join(options.get("formats", [])))}'
        f" · języki: {e(', '.join(options.get('langs', [])))} · warstwy klauzul: {e(layers)}</p>"
        f'<p class="meta">Warunki finansowania: {e(legend)}; opis warunku w podpowiedzi nagłówka.</p>'
        '<p class="tools"><label>Szukaj <input id="filter" type="search" placeholder="gmina, TERC, mentor, błąd…" autocomplete="off"></label> '
        '<label>Status <select id="status" data-row-attr="data-status"><option value="">wszystkie</option>'
        + "".join(f'<option value="{e(s)}">{e(STATUS_LABELS[s])}</option>' for s in STATUS_LABELS)
        + '</select></label> <span id="shown"></span></p></header>\n'
    )


def _html_warnings(header: dict, counts: dict, duplicates: dict) -> str:
    """What the librarian must act on: failed coalitions (exit code 1), an interrupted batch,
    a TERC code listed twice."""
    lines = [
        f"TERC {terc} powtarza się w kohorcie ({', '.join(sheets)}) — każda gmina ma jedną "
        "koalicję; sprawdź kod w arkuszach."
        for terc, sheets in duplicates.items()
    ]
    if counts.get("failed"):
        lines.append(
            f"Nie zbudowano {counts['failed']} z {header['coalitions']} koalicji (kod wyjścia 1): "
            "ich błędy są w kolumnie „Błędy i uwagi”; po poprawkach uruchom partię ponownie."
        )
    if header.get("interrupted"):
        lines.append("Partia przerwana — uruchom ją ponownie, aby dokończyć.")
    return "".join(f'<p class="warn">{e(line)}</p>' for line in lines)


def _html_row(row: dict, columns, rules: list[str]) -> str:
    status = row.get("status", "")
    folder = row.get("folder")
    cells = []
    for key, _label, _tip in columns:
        value = row.get(key)
        if key == "terc" and folder and status != "failed":
            cells.append(f'<td><a href="{href(folder)}/" title="{e(folder)}">{e(value)}</a></td>')
        elif key == "status":
            cells.append(f'<td class="s-{e(status)}">{e(status_text(row))}</td>')
        elif key == "mentor":
            email = row.get("mentor_email")
            mail = f'<br><a class="mail" href="mailto:{e(email)}">{e(email)}</a>' if email else ""
            cells.append(f'<td class="mentor">{e(value)}{mail}</td>')
        elif key in NUMERIC:
            shown = "—" if value is None else _polish_amount(value) if key == "money" else value
            cells.append(
                f'<td class="num" data-sort="{e(value if value is not None else -1)}">{e(shown)}</td>'
            )
        elif key == "gmina" and not value:
            cells.append(f'<td class="sheet">{e(row.get("sheet"))}</td>')
        else:
            cells.append(f"<td>{e(value)}</td>")
    cells.append(f'<td class="docs">{_html_links(row)}</td>')
    cells.append(f'<td class="notes">{_html_notes(row)}</td>')
    statuses = row.get("rules") or {}
    for rule in rules:
        verdict = statuses.get(rule)
        mark, word = VERDICT_LABELS.get(verdict, ("—", "nie sprawdzono"))
        cells.append(
            f'<td class="r r-{e(verdict)}" title="{e(rule_title(rule))}: {e(word)}">{e(mark)}</td>'
        )
    cells.append(f'<td class="sheet">{e(row.get("sheet"))}</td>')
    return f'<tr data-status="{e(status)}">' + "".join(cells) + "</tr>\n"


def _polish_amount(value) -> str:
    """17250.00 → 17 250,00 (a narrow no-break space between thousands)."""
    whole, _, cents = f"{float(value):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", "\u202f")
    return f"{groups},{cents}"


def _html_links(row: dict) -> str:
    lines = []
    for bundle in row.get("bundles") or []:
        lang = "" if bundle["lang"] == "pl" else f" ({bundle['lang']})"
        lines.append(
            f'<a class="bundle" href="{href(bundle["file"])}">pakiet do podpisu{e(lang)}</a>'
        )
    for document in row.get("documents") or []:
        lang = "" if document["lang"] == "pl" else f" ({document['lang']})"
        files = " ".join(
            f'<a href="{href(document[ext])}">{ext}</a>'
            for ext in ("pdf", "docx")
            if document.get(ext)
        )
        name = DOCUMENT_SHORT.get(document["kind"], document["kind"])
        lines.append(f'<span title="{e(document.get("title"))}">{e(name)}{e(lang)}: {files}</span>')
    return "<br>".join(lines)


def _html_notes(row: dict) -> str:
    parts = []
    errors = row.get("errors") or []
    if errors:
        items = "".join(f"<li>{e(line)}</li>" for line in errors[1:])
        more = f"<ul>{items}</ul>" if items else ""
        parts.append(
            f'<details class="errors"><summary>{e(errors[0])}</summary>{more}</details>'
            if more
            else f'<span class="error">{e(errors[0])}</span>'
        )
    if row.get("duplicate_terc"):
        parts.append(f'<span class="error">{e(row["duplicate_terc"])}</span>')
    if row.get("reason") and row.get("status") in ("built", "draft", "skipped-unchanged"):
        parts.append(f'<span class="reason">{e(row["reason"])}</span>')
    if row.get("mentor_replaced"):
        parts.append(f'<span class="notice">{e(row["mentor_replaced"])}</span>')
    if row.get("remarks"):
        parts.append(f'<span class="remarks">Uwagi: {e(row["remarks"])}</span>')
    notices = row.get("notices") or []
    if notices:
        items = "".join(f"<li>{e(line)}</li>" for line in notices)
        parts.append(
            f'<details class="notices"><summary>ostrzeżenia arkusza: {len(notices)}</summary>'
            f"<ul>{items}</ul></details>"
        )
    changes = row.get("clause_changes") or []
    if changes:
        parts.append(
            '<span class="changes">'
            + "; ".join(f"{e(c['clause'])}: {e(c['change'])}" for c in changes)
            + "</span>"
        )
    return " ".join(parts)


def _html_changes(changes: list[dict]) -> str:
    title = "<h2>Zmiany klauzul od poprzedniej partii</h2>"
    if not changes:
        return f'<section id="changes">{title}<p>Żadna przebudowana koalicja nie zmieniła klauzul.</p></section>\n'
    items = []
    for change in changes:
        folders = ", ".join(
            f'<a href="{href(folder)}/">{e(folder)}</a>' for folder in change["folders"] if folder
        )
        items.append(
            f"<li><b>{e(change['clause'])}</b>: {e(change['change'])} — {e(count_of(len(change['folders'])))}: {folders}</li>"
        )
    return f'<section id="changes">{title}<ul>{"".join(items)}</ul></section>\n'
