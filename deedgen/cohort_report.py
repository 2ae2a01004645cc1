"""The cohort report: ``summary.json``, ``summary.html`` and ``summary.xlsx`` in the batch's
output folder, one row per coalition.

A row says what happened to the coalition (``built``, ``draft``, ``skipped-unchanged``,
``failed``, or ``pending`` when an interrupted batch did not reach it), its compliance with each
funding rule (a column per rule: pass / fail / warning), its number of parties, actions and
social actions, the money its parties declare, links (relative to the report) to its documents
and bundle, and the errors of a failed one. A last part lists the clause changes since the
previous batch — the effect of a regional overlay — and which coalitions they reached.

The rows are streamed from the batch's spool (never all in memory) and every file is written
to a temporary name beside its place and renamed over it, so a reader never sees half a report.

The HTML page is self-contained (inline CSS and script, no external assets, a Content Security
Policy that forbids loading any) and every value is HTML-escaped. Text cells of the XLSX that a
spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) are prefixed with an apostrophe and stored as text.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

REPORT_NAMES = ("summary.json", "summary.html", "summary.xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0 (nor in XLSX)
STATUS_LABELS = {
    "built": "zbudowana",
    "draft": "projekt",
    "skipped-unchanged": "bez zmian",
    "failed": "błąd",
    "pending": "nieprzetworzona",
}
COLUMNS = (
    # key, Polish header, English meaning (HTML tooltip)
    ("status", "Status", "built / draft / skipped-unchanged / failed / pending"),
    ("terc", "TERC", "TERYT code of the gmina; links to the coalition's folder"),
    ("gmina", "Gmina", "gmina"),
    ("coalition", "Koalicja", "coalition"),
    ("parties", "Strony", "parties"),
    ("actions", "Działania", "actions"),
    ("social_actions", "Społeczne", "actions addressing a social problem"),
    ("money", "Środki (zł)", "money declared by the parties (PLN)"),
    ("sheet", "Arkusz", "partner sheet"),
    ("folder", "Folder", "the coalition's folder"),
)
HTML_COLUMNS = (
    "status",
    "terc",
    "gmina",
    "coalition",
    "parties",
    "actions",
    "social_actions",
    "money",
)
DOCUMENT_SHORT = {
    "preliminary": "wstępna",
    "declaration": "deklaracja",
    "action_plan": "plan",
    "evaluation_forms": "ewaluacja",
}
NUMERIC = ("parties", "actions", "social_actions", "money")


def write_reports(outdir: Path, header: dict, spool) -> list[Path]:
    """Write the three reports from the rows of *spool* (a :class:`deedgen.batch.RowSpool`)."""
    rules, counts = _rule_columns_and_counts(spool.rows())
    changes = [
        {**c, "folders": sorted(f for f in c["folders"] if f)}
        for c in spool.clause_changes.values()
    ]
    changes.sort(key=lambda c: (c["clause"], c["change"]))
    context = {"header": header, "rules": rules, "counts": counts, "changes": changes}
    writers = (
        ("summary.json", lambda f: write_json(f, context, spool.rows())),
        ("summary.html", lambda f: write_html(f, context, spool.rows())),
        ("summary.xlsx", lambda f: write_xlsx(f, context, spool.rows())),
    )
    return [_atomically(outdir / name, writer) for name, writer in writers]


def _rule_columns_and_counts(rows: Iterable[dict]) -> tuple[list[str], dict[str, int]]:
    rules: dict[str, None] = {}
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        rules.update(dict.fromkeys(row.get("rules") or {}))
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return list(rules), counts


def _atomically(path: Path, write: Callable[[Path], None]) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


# --- JSON ---------------------------------------------------------------------------------------


def write_json(path: Path, context: dict, rows: Iterator[dict]) -> None:
    head = {
        **context["header"],
        "counts": context["counts"],
        "rules": context["rules"],
        "clause_changes": [_change_summary(c) for c in context["changes"]],
    }
    with open(path, "w", encoding="utf-8") as out:
        text = json.dumps(head, ensure_ascii=False, indent=1)
        out.write(text[:-2] + ',\n "rows": [\n')  # the header object stays open for the rows
        for number, row in enumerate(rows):
            out.write(
                ("" if number == 0 else ",\n") + json.dumps(row, ensure_ascii=False, default=str)
            )
        out.write("\n ]\n}\n")


def _change_summary(change: dict) -> dict:
    return {
        "clause": change["clause"],
        "change": change["change"],
        "coalitions": len(change["folders"]),
        "folders": change["folders"],
    }


# --- HTML ---------------------------------------------------------------------------------------


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
        out.write(_HTML_HEAD.replace("@TITLE@", e(f"Kohorta — {Path(header['cohort']).name}")))
        out.write(_html_summary(header, counts))
        heads = [f'<th title="{e(tip)}">{e(label)}</th>' for _key, label, tip in columns]
        heads += ['<th data-nosort="1">Dokumenty</th>', '<th class="notes">Błędy i uwagi</th>']
        heads += [
            f'<th class="rule" title="{e(rule)}"><span>{e(rule)}</span></th>' for rule in rules
        ]
        heads += ['<th title="partner sheet">Arkusz</th>']
        out.write(
            '<div class="scroll"><table id="cohort"><thead><tr>'
            + "".join(heads)
            + "</tr></thead><tbody>\n"
        )
        for row in rows:
            out.write(_html_row(row, columns, rules))
        out.write("</tbody></table></div>\n")
        out.write(_html_changes(context["changes"]))
        out.write(_HTML_TAIL)


def _html_summary(header: dict, counts: dict) -> str:
    chips = " ".join(
        f'<span class="chip s-{e(status)}">{e(STATUS_LABELS.get(status, status))} ({e(status)}): <b>{n}</b></span>'
        for status, n in counts.items()
        if n
    )
    options = header.get("options") or {}
    layers = " → ".join(layer["name"] for layer in (header.get("library") or {}).get("layers", []))
    interrupted = (
        '<p class="warn">Partia przerwana — uruchom ją ponownie, aby dokończyć.</p>'
        if header.get("interrupted")
        else ""
    )
    return (
        f"<header><h1>{e(Path(header['cohort']).name)}: {e(header['coalitions'])} koalicji</h1>{interrupted}"
        f"<p>{chips}</p>"
        f'<p class="meta">deedgen {e(header["deedgen_version"])} · {e(header["generated"])} · formaty: {e(", ".join(options.get("formats", [])))}'
        f" · języki: {e(', '.join(options.get('langs', [])))} · warstwy klauzul: {e(layers)}</p>"
        '<p class="tools"><label>Szukaj <input id="filter" type="search" placeholder="gmina, TERC, błąd, reguła…" autocomplete="off"></label> '
        '<label>Status <select id="status"><option value="">wszystkie</option>'
        + "".join(
            f'<option value="{e(s)}">{e(STATUS_LABELS[s])} ({e(s)})</option>' for s in STATUS_LABELS
        )
        + '</select></label> <span id="shown"></span></p></header>\n'
    )


def _html_row(row: dict, columns, rules: list[str]) -> str:
    status = row.get("status", "")
    folder = row.get("folder")
    cells = []
    for key, _label, _tip in columns:
        value = row.get(key)
        if key == "terc" and folder and status != "failed":
            cells.append(f'<td><a href="{href(folder)}/" title="{e(folder)}">{e(value)}</a></td>')
        elif key == "status":
            draft = " (projekt)" if row.get("draft") and status != "draft" else ""
            shown = STATUS_LABELS.get(status, status)
            cells.append(f'<td class="s-{e(status)}" title="{e(status)}">{e(shown)}{e(draft)}</td>')
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
        cells.append(
            f'<td class="r r-{e(verdict)}" title="{e(rule)}: {e(verdict or "—")}">{e(verdict or "—")}</td>'
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
    if row.get("reason") and row.get("status") in ("built", "draft", "skipped-unchanged"):
        parts.append(f'<span class="reason">{e(row["reason"])}</span>')
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
            f"<li><b>{e(change['clause'])}</b>: {e(change['change'])} — {len(change['folders'])} koalicji: {folders}</li>"
        )
    return f'<section id="changes">{title}<ul>{"".join(items)}</ul></section>\n'


_HTML_HEAD = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 1rem 2rem;color:#1d1d1f}
h1{font-size:1.3rem;margin:.8rem 0 .3rem} h2{font-size:1.1rem;margin-top:1.5rem}
header{position:sticky;left:0}
.meta{color:#555;font-size:12px;margin:.2rem 0}
.chip{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eee;margin-right:.3rem}
.tools input,.tools select{font:inherit;padding:.2rem .4rem} #shown{color:#555;margin-left:.5rem}
.scroll{overflow:auto;max-height:76vh;border:1px solid #ddd}
table{border-collapse:collapse;min-width:100%}
th,td{padding:.25rem .45rem;border-bottom:1px solid #e5e5e5;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f4f4f6;cursor:pointer;white-space:nowrap;z-index:1}
thead th[data-nosort]{cursor:default}
th.rule{font-weight:normal;font-size:11px;vertical-align:bottom}
th.rule span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:10rem}
td.r{font-size:11px} td.notes{min-width:18rem;max-width:34rem} td.docs{white-space:nowrap;font-size:12px}
td:nth-child(4){min-width:12rem;max-width:20rem} td.sheet{font-size:12px;color:#555}
th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
tbody tr:hover{background:#f7f9ff}
td.num{text-align:right;white-space:nowrap} tbody td:first-child{white-space:nowrap}
td a{margin-right:.35rem;white-space:nowrap}
.s-built,.r-pass{color:#11683a} .s-draft,.r-warning{color:#8a5a00} .s-failed,.r-fail{color:#b00020;font-weight:600}
.s-skipped-unchanged{color:#555} .s-pending{color:#6b3fa0}
.chip.s-failed{background:#fde7ea} .chip.s-built{background:#e6f4ea} .chip.s-draft{background:#fff4d6}
.errors summary,.error{cursor:pointer;color:#b00020} .errors ul{margin:.2rem 0 .2rem 1rem;padding:0}
.reason,.changes{color:#555;font-size:12px;display:block}
.warn{color:#b00020;font-weight:600}
</style></head><body>
"""

_HTML_TAIL = """<script>
(function(){
  var table=document.getElementById("cohort"), body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows), filter=document.getElementById("filter");
  var status=document.getElementById("status"), shown=document.getElementById("shown");
  function apply(){
    var words=filter.value.toLowerCase().split(/\\s+/).filter(Boolean), wanted=status.value, n=0;
    rows.forEach(function(row){
      var text=row.textContent.toLowerCase();
      var ok=(!wanted||row.getAttribute("data-status")===wanted)&&words.every(function(w){return text.indexOf(w)>=0;});
      row.hidden=!ok; if(ok){n++;}
    });
    shown.textContent=n+" z "+rows.length;
  }
  function key(row,i){
    var cell=row.cells[i], v=cell.getAttribute("data-sort");
    if(v===null){v=cell.textContent;}
    var x=parseFloat(v);
    return (v!==""&&!isNaN(x)&&isFinite(v))?[0,x]:[1,v.toLowerCase()];
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    if(th.hasAttribute("data-nosort")){return;}
    th.addEventListener("click",function(){
      var asc=!th.classList.contains("asc");
      Array.prototype.forEach.call(th.parentNode.cells,function(c){c.classList.remove("asc","desc");});
      th.classList.add(asc?"asc":"desc");
      rows.sort(function(a,b){
        var p=key(a,i), q=key(b,i), r=p[0]-q[0];
        if(!r){r=p[1]<q[1]?-1:p[1]>q[1]?1:0;}
        return asc?r:-r;
      });
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
  filter.addEventListener("input",apply); status.addEventListener("change",apply); apply();
})();
</script>
</body></html>
"""


# --- XLSX ---------------------------------------------------------------------------------------


def neutralize(value):
    """A text value a spreadsheet must not evaluate: formulas and DDE tricks start with = + - @
    (or a tab, CR or LF before them); such text gets a leading apostrophe. Control characters
    an XLSX cannot hold are dropped."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_xlsx(path: Path, context: dict, rows: Iterator[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Koalicje")
    rules = context["rules"]
    headers = (
        [label for _key, label, _tip in COLUMNS] + rules + ["Pakiet", "Dokumenty", "Błędy", "Uwagi"]
    )
    widths = [26, 9, 22, 34, 24, 16, 7, 9, 10, 12] + [10] * len(rules) + [26, 30, 60, 40]
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, WriteOnlyCell, h, font=bold) for h in headers])
    count = 0
    for row in rows:
        sheet.append(_xlsx_row(sheet, WriteOnlyCell, row, rules))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    _xlsx_changes(book, WriteOnlyCell, context["changes"])
    _xlsx_header(book, WriteOnlyCell, context)
    book.save(path)


@functools.cache
def _link_font():
    """One Font for every link cell."""
    from openpyxl.styles import Font

    return Font(color="0563C1", underline="single")


def _cell(sheet, cell_class, value, *, link: str | None = None, font=None):
    """A value for ``sheet.append``: plain values as they are (text already neutralised, so
    never taken for a formula), a cell object only where a link or a font is needed."""
    value = neutralize(value)
    if not link and font is None:
        return value
    cell = cell_class(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula
    if link:
        cell.hyperlink = link
        cell.font = _link_font()
    if font is not None:
        cell.font = font
    return cell


def _xlsx_row(sheet, cell_class, row: dict, rules: list[str]) -> list:
    def c(value, link=None):
        return _cell(sheet, cell_class, value, link=link)

    cells = []
    for key, _label, _tip in COLUMNS:
        value = row.get(key)
        if key == "money" and value is not None:
            cells.append(float(value))
        elif key == "folder" and value and row.get("status") != "failed":
            cells.append(c(value, link=f"{value}/"))
        else:
            cells.append(c(value))
    statuses = row.get("rules") or {}
    cells += [statuses.get(rule) for rule in rules]
    bundles = row.get("bundles") or []
    cells.append(c(bundles[0]["file"], link=bundles[0]["file"]) if bundles else None)
    documents = [d.get("pdf") or d.get("docx") for d in row.get("documents") or []]
    cells.append(c("; ".join(documents) if documents else None))
    cells.append(c("\n".join(row.get("errors") or []) or None))
    notes = [row.get("reason") or ""] + [
        f"{x['clause']}: {x['change']}" for x in row.get("clause_changes") or []
    ]
    cells.append(c("; ".join(n for n in notes if n) or None))
    return cells


def _xlsx_changes(book, cell_class, changes: list[dict]) -> None:
    sheet = book.create_sheet("Zmiany klauzul")
    for letter, width in zip("ABCD", (34, 40, 12, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(
        [_cell(sheet, cell_class, h) for h in ("Klauzula", "Zmiana", "Koalicji", "Foldery")]
    )
    for change in changes:
        folders = ", ".join(f for f in change["folders"] if f)
        sheet.append(
            [
                _cell(sheet, cell_class, v)
                for v in (change["clause"], change["change"], len(change["folders"]), folders)
            ]
        )


def _xlsx_header(book, cell_class, context: dict) -> None:
    sheet = book.create_sheet("Partia")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    header = context["header"]
    lines = [
        ("Kohorta", header["cohort"]),
        ("Koalicji", header["coalitions"]),
        ("deedgen", header["deedgen_version"]),
        ("Wygenerowano", header["generated"]),
        ("Opcje", json.dumps(header["options"], ensure_ascii=False)),
        ("Warstwy klauzul", " → ".join(x["name"] for x in header["library"]["layers"])),
        ("Przerwana", "tak" if header.get("interrupted") else "nie"),
    ] + [(f"Status: {status}", n) for status, n in context["counts"].items()]
    for label, value in lines:
        sheet.append([_cell(sheet, cell_class, label), _cell(sheet, cell_class, value)])
