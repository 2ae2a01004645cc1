"""Inline SVG charts of the cohort evaluation (no script, no network, text escaped): micro-
successes planned against done per quarter, coalitions by status, and social actions delivered
against the funding condition's minimum. Each chart has a title and a text alternative."""

from __future__ import annotations

from html import escape

COLOURS = {
    "achieved": "#2e7d32",
    "partial": "#81c784",
    "new": "#1565c0",
    "moved": "#f9a825",
    "not_done": "#c62828",
    "on_time": "#2e7d32",
    "late": "#ef6c00",
    "invalid": "#c62828",
    "not_due": "#9e9e9e",
}
MICRO_LABELS = {
    "achieved": "zrealizowane",
    "partial": "częściowo",
    "new": "nowe",
    "moved": "przesunięte",
    "not_done": "niezrealizowane",
}


def _svg(width: int, height: int, label: str, body: str, chart_id: str) -> str:
    return (
        f'<svg id="{chart_id}" class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def _legend(keys, labels: dict, x: int, y: int) -> str:
    parts = []
    for key in keys:
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLOURS[key]}"/>'
            f'<text x="{x + 14}" y="{y}" font-size="11">{escape(labels[key])}</text>'
        )
        x += 24 + 7 * len(labels[key])
    return "".join(parts)


def quarter_chart(totals: list[dict]) -> str:
    """Stacked bars per quarter (done, partly, new, moved, not done) with the plan as a line."""
    keys = ("achieved", "partial", "new", "moved", "not_done")
    width, height, left, top, bottom = max(560, 90 * len(totals) + 60), 240, 40, 30, 40
    peak = max([t["planned"] for t in totals] + [sum(t[k] for k in keys) for t in totals] + [1])
    scale = (height - top - bottom) / peak
    body = [_legend(keys, MICRO_LABELS, left, 14)]
    base = height - bottom
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#555"/>')
    for i, t in enumerate(totals):
        x, y = left + 10 + i * 90, base
        for key in keys:
            h = t[key] * scale
            if h:
                y -= h
                tip = f"{t['quarter']}: {MICRO_LABELS[key]} {t[key]}"
                body.append(
                    f'<rect class="bar" data-key="{key}" data-value="{t[key]}" x="{x}" y="{y:.1f}" '
                    f'width="50" height="{h:.1f}" fill="{COLOURS[key]}"><title>{escape(tip)}</title></rect>'
                )
        plan_y = base - t["planned"] * scale
        body.append(
            f'<line class="plan" data-value="{t["planned"]}" x1="{x - 6}" x2="{x + 56}" '
            f'y1="{plan_y:.1f}" y2="{plan_y:.1f}" stroke="#000" stroke-dasharray="4 2">'
            f"<title>{escape(t['quarter'])}: zaplanowane {t['planned']}</title></line>"
        )
        body.append(
            f'<text x="{x + 25}" y="{base + 16}" font-size="12" text-anchor="middle">{escape(t["quarter"])}</text>'
        )
    label = "Mikrosukcesy kohorty w kwartałach: zaplanowane (linia) i zrealizowane (słupki)"
    return _svg(width, height, label, "".join(body), "chart-quarters")


def status_chart(counts: dict, labels: dict) -> str:
    """One horizontal bar split by the coalitions' statuses."""
    keys = [k for k in ("on_time", "late", "invalid", "not_due") if counts.get(k)]
    total = sum(counts.get(k, 0) for k in keys) or 1
    width, x = 560, 10
    body = [_legend(keys, labels, 10, 14)]
    for key in keys:
        w = (width - 20) * counts[key] / total
        tip = f"{labels[key]}: {counts[key]}"
        body.append(
            f'<rect class="bar" data-key="{key}" data-value="{counts[key]}" x="{x:.1f}" y="24" '
            f'width="{w:.1f}" height="26" fill="{COLOURS[key]}"><title>{escape(tip)}</title></rect>'
        )
        if w > 24:
            body.append(
                f'<text x="{x + w / 2:.1f}" y="42" font-size="12" fill="#fff" text-anchor="middle">{counts[key]}</text>'
            )
        x += w
    return _svg(width, 60, "Koalicje według statusu raportowania", "".join(body), "chart-status")


def social_chart(coalitions: list[tuple[int, int]], minimum: int) -> str:
    """Coalitions by the number of social actions delivered, one bar per number: green the
    coalitions that delivered what their year required of them, red those behind. A coalition's
    requirement is the funding condition's minimum, or fewer when fewer social actions run that
    year, so a bar left of the dashed minimum line may still be green."""
    width, height, left, base = 420, 210, 40, 160
    met: dict[int, int] = {}
    behind: dict[int, int] = {}
    for delivered, required in coalitions:
        tally = met if delivered >= required else behind
        tally[delivered] = tally.get(delivered, 0) + 1
    counts = sorted(set(met) | set(behind))
    top_count = max([met.get(n, 0) + behind.get(n, 0) for n in counts] + [1])
    body = [
        _legend(
            ("achieved", "not_done"),
            {"achieved": "wymóg roku spełniony", "not_done": "poniżej wymogu"},
            left,
            14,
        )
    ]
    for i, delivered in enumerate(counts):
        x, y = left + i * 70, float(base)
        for key, tally in (("met", met), ("behind", behind)):
            value = tally.get(delivered, 0)
            if not value:
                continue
            h = (base - 30) * value / top_count
            y -= h
            state = "spełnia wymóg" if key == "met" else "poniżej wymogu"
            tip = f"{delivered} działań społecznych: {value} koalicji ({state})"
            colour = COLOURS["achieved"] if key == "met" else COLOURS["not_done"]
            body.append(
                f'<rect class="bar {key}" data-key="{delivered}" data-value="{value}" x="{x}" '
                f'y="{y:.1f}" width="46" height="{h:.1f}" fill="{colour}"><title>{escape(tip)}</title></rect>'
            )
        total = met.get(delivered, 0) + behind.get(delivered, 0)
        body.append(
            f'<text x="{x + 23}" y="{base + 16}" font-size="12" text-anchor="middle">{delivered}</text>'
            f'<text x="{x + 23}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">{total}</text>'
        )
    if counts:
        position = counts.index(minimum) if minimum in counts else sum(n < minimum for n in counts)
        x = left + position * 70 - 12
        body.append(
            f'<line class="minimum" x1="{x}" x2="{x}" y1="20" y2="{base}" stroke="#000" stroke-dasharray="4 2"/>'
            f'<text x="{x + 4}" y="{base + 32}" font-size="11">minimum: {minimum}</text>'
        )
    body.append(f'<line x1="{left - 6}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#555"/>')
    label = (
        f"Koalicje według liczby zrealizowanych działań społecznych (minimum {minimum}; "
        "zielone: wymóg roku spełniony, czerwone: poniżej wymogu)"
    )
    return _svg(width, height, label, "".join(body), "chart-social")
