"""``ewaluacja.html``: the cohort evaluation on one self-contained page for the mentor and the
operator — who reported and who is late, plan against done per quarter, social actions against
the funding condition's minimum, the coalitions at risk with their reasons; inline SVG charts,
a sortable and filterable table (Polish order), no external asset (a Content Security Policy
forbids loading any) and every value HTML-escaped."""

from __future__ import annotations

import html
import re

from deedgen.evaluation import charts
from deedgen.evaluation.facts import COALITION_LABELS
from deedgen.polish import plural
from deedgen.render.table_script import table_script

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def e(value) -> str:
    return "" if value is None else html.escape(CONTROL.sub("", str(value)), quote=True)


def render_page(head: dict, rows: list[dict], totals: list[dict], counts: dict) -> str:
    parts = [
        _HEAD.replace("@TITLE@", e(f"Ewaluacja kohorty — {head['source']}")),
        _summary(head, counts),
        _charts(rows, totals, counts),
        _coalition_table(rows),
        _quarter_table(totals),
        _risks(rows),
        _unmatched(head.get("unmatched") or []),
        _TAIL,
    ]
    return "".join(parts)


def _summary(head: dict, counts: dict) -> str:
    total = sum(counts.get(k, 0) for k in COALITION_LABELS)
    chips = "".join(
        f'<span class="chip s-{e(k)}">{e(label)}: <b>{counts.get(k, 0)}</b></span>'
        for k, label in COALITION_LABELS.items()
    )
    chips += f'<span class="chip risk">zagrożone: <b>{counts["at_risk"]}</b></span>'
    options = "".join(
        f'<option value="{e(k)}">{e(v)}</option>' for k, v in COALITION_LABELS.items()
    )
    return (
        f"<header><h1>Ewaluacja kohorty: {e(plural(total, 'koalicja', 'koalicje', 'koalicji'))}</h1>"
        f'<p class="meta">raporty: {e(head["source"])} · stan na {e(head["as_of"])} · '
        f"deedgen {e(head['deedgen_version'])} · {e(head['generated'])}</p>"
        f'<p id="counts">{chips}</p>'
        '<p class="tools"><label>Szukaj <input id="filter" type="search" '
        'placeholder="gmina, TERC, powód…" autocomplete="off"></label> '
        f'<label>Status <select id="status" data-row-attr="data-status"><option value="">wszystkie</option>{options}</select></label> '
        '<label><input id="risk" type="checkbox" data-row-attr="data-risk"> tylko zagrożone</label> '
        '<span id="shown"></span></p></header>\n'
    )


def _charts(rows: list[dict], totals: list[dict], counts: dict) -> str:
    social = [
        (row["social_delivered"], row["social_required"])
        for row in rows
        if row["social_year"] is not None
    ]
    minimum = max((row["social_min"] for row in rows), default=2)
    figures = [
        ("Koalicje według statusu", charts.status_chart(counts, COALITION_LABELS)),
        ("Mikrosukcesy: plan i wykonanie", charts.quarter_chart(totals)),
        ("Działania społeczne a warunek finansowania", charts.social_chart(social, minimum)),
    ]
    inner = "".join(f"<figure><figcaption>{e(t)}</figcaption>{svg}</figure>" for t, svg in figures)
    return f'<section id="charts">{inner}</section>\n'


COLUMNS = (
    ("status", "Status"),
    ("terc", "TERC"),
    ("gmina", "Gmina"),
    ("coalition", "Koalicja"),
    ("due", "Raporty wymagane"),
    ("missing", "Brak / po terminie"),
    ("planned", "Plan"),
    ("done", "Zrealizowane"),
    ("new", "Nowe"),
    ("social", "Społeczne / wymagane"),
    ("risk", "Zagrożenie"),
    ("notes", "Błędy i uwagi"),
)


def _coalition_table(rows: list[dict]) -> str:
    heads = "".join(
        f'<th data-key="{k}"{" data-nosort=1" if k == "notes" else ""}>{e(label)}</th>'
        for k, label in COLUMNS
    )
    body = "".join(_coalition_row(row) for row in rows)
    return (
        '<h2>Koalicje</h2><div class="scroll"><table id="coalitions">'
        f"<thead><tr>{heads}</tr></thead><tbody>\n{body}</tbody></table></div>\n"
    )


def _num(value, shown=None) -> str:
    return f'<td class="num" data-sort="{e(value)}">{e(value if shown is None else shown)}</td>'


def _coalition_row(row: dict) -> str:
    done = row["achieved"] + row["partial"]
    social = f"{row['social_delivered']} / {row['social_required']}" if row["social_year"] else "—"
    risk = "<br>".join(e(text) for text in row["risks"]) or "—"
    notes = "".join(
        f'<p class="rule r-{e(f["status"])}">{e(f["rule"])}: {e(f["message"])}</p>'
        for f in row["funding"]
        if f["status"] != "pass"
    )
    if row["problems"]:
        items = "".join(f"<li>{e(p)}</li>" for p in row["problems"])
        notes += f"<details><summary>{e(plural(len(row['problems']), 'uwaga', 'uwagi', 'uwag'))}</summary><ul>{items}</ul></details>"
    cells = [
        f'<td class="s-{e(row["status"])}">{e(row["status_label"])}</td>',
        f"<td>{e(row['terc'])}</td>",
        f"<td>{e(row['gmina'] or row['sheet'])}</td>",
        f"<td>{e(row['coalition'])}</td>",
        _num(row["due"]),
        f'<td data-sort="{len(row["missing"]) + len(row["late"])}">{e(_gaps(row))}</td>',
        _num(row["planned"]),
        _num(done, f"{done} ({row['partial']} częściowo)" if row["partial"] else done),
        _num(row["new"]),
        f'<td class="num" data-sort="{row["social_delivered"]}">{e(social)}</td>',
        f'<td class="risk" data-sort="{len(row["risks"])}">{risk}</td>',
        f'<td class="notes">{notes}</td>',
    ]
    risk_flag = "1" if row["at_risk"] else "0"
    return (
        f'<tr data-status="{e(row["status"])}" data-risk="{risk_flag}">'
        + "".join(cells)
        + "</tr>\n"
    )


def _gaps(row: dict) -> str:
    """ "2026-Q4 (brak), 2026-Q3 (po terminie)" or a dash."""
    gaps = [f"{q} (brak)" for q in row["missing"]] + [f"{q} (po terminie)" for q in row["late"]]
    return ", ".join(gaps) or "—"


def _quarter_table(totals: list[dict]) -> str:
    heads = "".join(
        f"<th>{h}</th>"
        for h in ("Kwartał", "Złożone", "Po terminie", "Z błędami", "Brak", "Plan", "Zrealizowane",
                  "Częściowo", "Przesunięte", "Nie", "Nowe")
    )  # fmt: skip
    keys = (
        "submitted",
        "late",
        "invalid",
        "missing",
        "planned",
        "achieved",
        "partial",
        "moved",
        "not_done",
        "new",
    )
    body = "".join(
        f"<tr><td>{e(t['quarter'])}</td>" + "".join(_num(t[k]) for k in keys) + "</tr>"
        for t in totals
    )
    return f'<h2>Plan i wykonanie w kwartałach</h2><table id="quarters"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>\n'


def _risks(rows: list[dict]) -> str:
    risky = [row for row in rows if row["at_risk"]]
    if not risky:
        return '<section id="risks"><h2>Koalicje zagrożone</h2><p>Żadna koalicja nie jest zagrożona.</p></section>\n'
    items = "".join(
        f"<li><b>{e(row['gmina'])}</b> ({e(row['terc'])}): {'; '.join(e(t) for t in row['risks'])}</li>"
        for row in risky
    )
    title = f"Koalicje zagrożone ({len(risky)})"
    return f'<section id="risks"><h2>{e(title)}</h2><ul>{items}</ul></section>\n'


def _unmatched(unmatched: list[dict]) -> str:
    if not unmatched:
        return ""
    items = "".join(
        f"<li><b>{e(u['file'])}</b>: {'; '.join(e(p) for p in u['problems']) or 'nie przypisano'}</li>"
        for u in unmatched
    )
    return f'<section id="unmatched"><h2>Raporty bez koalicji lub nieczytelne</h2><ul>{items}</ul></section>\n'


_HEAD = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
body{font:14px/1.4 system-ui,"DejaVu Sans",sans-serif;margin:0 1rem 2rem;color:#1d1d1f}
h1{font-size:1.3rem;margin:.8rem 0 .3rem} h2{font-size:1.1rem;margin-top:1.4rem}
.meta{color:#555;font-size:12px}
.chip{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eee;margin-right:.3rem}
.chip.s-on_time{background:#e6f4ea} .chip.s-late{background:#fff0e0} .chip.s-invalid,.chip.risk{background:#fde7ea}
#charts{display:flex;flex-wrap:wrap;gap:1.5rem} figure{margin:0} figcaption{font-weight:600;margin-bottom:.3rem}
.scroll{overflow:auto;max-height:70vh;border:1px solid #ddd}
table{border-collapse:collapse} #coalitions{min-width:100%}
th,td{padding:.25rem .45rem;border-bottom:1px solid #e5e5e5;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f4f4f6;cursor:pointer;vertical-align:bottom;min-width:4.5rem}
thead th[data-nosort]{cursor:default} th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
td.num{text-align:right;white-space:nowrap} td.risk{color:#b00020;min-width:15rem;max-width:24rem} td.notes{min-width:16rem;font-size:12px}
.s-on_time{color:#11683a} .s-late{color:#8a4b00;font-weight:600} .s-invalid{color:#b00020;font-weight:600} .s-not_due{color:#555}
tbody tr:hover{background:#f7f9ff}
</style></head><body>
"""

_TAIL = table_script("coalitions") + "</body></html>\n"
