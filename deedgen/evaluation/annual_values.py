"""The figures and tables of a coalition's annual evaluation report, as the template's values:
the year's micro-successes by quarter, social actions against the minimum, goals, the parties'
contributions, the sustainability checks, conclusions and the plan changes for the next year."""

from __future__ import annotations

from deedgen.context import RESOURCE_LABELS_EN
from deedgen.evaluation import layout as lay
from deedgen.evaluation.facts import CoalitionEvaluation
from deedgen.polish import format_date
from deedgen.sheet.enumerations import RESOURCE_LABELS_PL

LABELS = {
    "pl": {
        "year_line": "Rok {year} · {gmina} (TERC {terc})",
        "s_results": "1. Realizacja działań i mikrosukcesów",
        "s_social": "2. Działania odpowiadające na problemy społeczne",
        "s_goals": "3. Postęp w realizacji celów",
        "s_sustainability": "4. Trwałość współpracy i wkład Stron",
        "s_changes": "5. Wnioski i zmiany Planu działań na kolejny rok",
        "s_recipients": "6. Przekazanie raportu",
        "quarter": "Kwartał",
        "action": "Działanie",
        "planned": "Zaplanowany mikrosukces",
        "status": "Status",
        "outcome": "Co osiągnięto",
        "goal": "Cel",
        "progress": "Postęp",
        "evidence": "Co na to wskazuje",
        "party": "Strona",
        "resource": "Zasób",
        "declared": "Zadeklarowany wkład",
        "delivered": "Wniesiono?",
        "change": "Rodzaj zmiany",
        "description": "Opis zmiany",
        "from_quarter": "Od kwartału",
        "totals": "Zaplanowane: {planned}; zrealizowane: {achieved}; częściowo: {partial}; przesunięte: {moved}; niezrealizowane: {not_done}; nowe, spoza planu: {new}.",
        "social_line": "Działania społeczne zrealizowane w {year} r.: {count} ({ids}); minimum warunku finansowania: {minimum}.",
        "meetings": "Posiedzenia Zespołu w roku: {value}",
        "authorities": "Zmiana władz gminy w roku: {value}",
        "kept": "Zobowiązania dotrzymane po zmianie władz: {value}",
        "briefed": "Nowe władze poinformowane o Deklaracji: {value}",
        "conclusions": "Wnioski Zespołu: {value}",
        "recommendations": "Rekomendacje: {value}",
        "no_changes": "Zespół nie zaproponował zmian Planu działań.",
        # § 8: the Team adopts the report and the Coordinator signs it on the Team's behalf
        "prepared": "Projekt raportu przygotował(a): {who}, dnia {date}; raport przyjęty przez "
        "Zespół na posiedzeniu w dniu ……… . W imieniu Zespołu: ……… (podpis Koordynatora)",
        "none": "—",
        "new_mark": " (nowy)",
    },
    "en": {
        "year_line": "Year {year} · {gmina} (TERC {terc})",
        "s_results": "1. Actions and micro-successes",
        "s_social": "2. Actions addressing social problems",
        "s_goals": "3. Progress towards the goals",
        "s_sustainability": "4. Sustainability of the cooperation and the Parties' contributions",
        "s_changes": "5. Conclusions and changes to the Action plan for the next year",
        "s_recipients": "6. Sending the report",
        "quarter": "Quarter",
        "action": "Action",
        "planned": "Planned micro-success",
        "status": "Status",
        "outcome": "Outcome",
        "goal": "Goal",
        "progress": "Progress",
        "evidence": "Evidence",
        "party": "Party",
        "resource": "Resource",
        "declared": "Declared contribution",
        "delivered": "Delivered?",
        "change": "Kind of change",
        "description": "Change",
        "from_quarter": "From quarter",
        "totals": "Planned: {planned}; achieved: {achieved}; partly: {partial}; postponed: {moved}; not achieved: {not_done}; new, outside the plan: {new}.",
        "social_line": "Actions addressing social problems delivered in {year}: {count} ({ids}); minimum of the funding condition: {minimum}.",
        "meetings": "Team meetings in the year: {value}",
        "authorities": "Change of the gmina's authorities in the year: {value}",
        "kept": "Commitments kept after the change of authorities: {value}",
        "briefed": "New authorities briefed on the Declaration: {value}",
        "conclusions": "The Team's conclusions: {value}",
        "recommendations": "Recommendations: {value}",
        "no_changes": "The Team proposed no changes to the Action plan.",
        "prepared": "Draft report prepared by: {who}, on {date}; report adopted by the Team at "
        "its meeting on ……… . On behalf of the Team: ……… (signature of the Coordinator)",
        "none": "—",
        "new_mark": " (new)",
    },
}
WORDS_EN = {
    "zrealizowane": "achieved",
    "częściowo": "partly",
    "nie": "not achieved",
    "przesunięte": "postponed",
    "osiągnięty": "achieved",
    "w toku": "in progress",
    "zagrożony": "at risk",
    "nierozpoczęty": "not started",
    "tak": "yes",
    "TAK": "yes",
    "NIE": "no",
    "nie dotyczy": "not applicable",
    **dict(zip(lay.CHANGE_KINDS, ("new action", "new micro-success", "change of dates",
                                   "change of partners", "withdrawal", "other"), strict=True)),
    **{RESOURCE_LABELS_PL[key]: RESOURCE_LABELS_EN[key] for key in RESOURCE_LABELS_PL},
}  # fmt: skip


def word(value, lang: str) -> str:
    """A drop-down value as the reader of *lang* reads it (the team's own text stays as typed)."""
    if value is None:
        return LABELS[lang]["none"]
    if isinstance(value, bool):
        value = "TAK" if value else "NIE"
    text = str(value)
    return WORDS_EN.get(text, text) if lang == "en" else text


def report_values(coalition: CoalitionEvaluation, year: int, lang: str) -> dict:
    labels = LABELS[lang]
    quarters = [q for q in coalition.quarters if q.quarter.startswith(f"{year}-")]
    totals = {
        key: sum(getattr(q, key) for q in quarters)
        for key in ("planned", "achieved", "partial", "moved", "not_done", "new")
    }
    annual = next(r for r in coalition.sources if r.period.annual and r.period.year == year)
    social = coalition.social_by_year.get(year, [])
    prepared = annual.info.get("prepared_on")
    return {
        "labels": labels,
        "year_line": labels["year_line"].format(
            year=year, gmina=coalition.gmina, terc=coalition.terc
        ),
        "micro_rows": _micro_rows(coalition, year, lang),
        "totals_line": labels["totals"].format(**totals),
        "social_line": labels["social_line"].format(
            year=year, count=len(social), ids=", ".join(social) or "—", minimum=coalition.social_min
        ),
        **_annual_tables(annual, lang),
        "change_rows": [
            {
                "action": c["action"] or "—",
                "change": word(c["change"], lang),
                "description": c["description"],
                "from_quarter": c["from_quarter"] or "—",
            }
            for c in coalition.changes
            if c["period"].startswith(str(year))
        ],
        "no_changes": labels["no_changes"],
        "prepared_line": labels["prepared"].format(
            who=annual.info.get("prepared_by") or "—",
            date=format_date(prepared, lang) if prepared else "—",
        ),
    }


def _annual_tables(annual, lang: str) -> dict:
    """The annual report's own tables: goals, contributions, sustainability, conclusions."""
    labels = LABELS[lang]
    sustainability = annual.forms.get(lay.SUSTAINABILITY.name, {})
    conclusions = annual.forms.get(lay.CONCLUSIONS.name, {})
    return {
        "sustainability_lines": [
            labels[key].format(value=word(sustainability.get(field), lang))
            for key, field in (
                ("meetings", "team_meetings"),
                ("authorities", "authorities_changed"),
                ("kept", "commitments_kept"),
                ("briefed", "authorities_briefed"),
            )
        ],
        "conclusion_lines": [
            labels[key].format(value=conclusions[key])
            for key in ("conclusions", "recommendations")
            if conclusions.get(key)
        ],
        "goal_rows": [
            {
                "goal": r.get("goal"),
                "progress": word(r.get("progress"), lang),
                "evidence": r.get("evidence") or "—",
            }
            for r in annual.tables.get(lay.GOALS.name, [])
        ],
        "contribution_rows": [
            {
                "party": r.get("party_name") or r.get("party"),
                "resource": word(r.get("resource"), lang),
                "declared": r.get("declared"),
                "delivered": word(r.get("delivered"), lang),
            }
            for r in annual.tables.get(lay.CONTRIBUTIONS.name, [])
        ],
    }


def _micro_rows(coalition: CoalitionEvaluation, year: int, lang: str) -> list[dict]:
    """The year's micro-successes, from the quarterly reports (the annual one where they lack)."""
    by_quarter = {}
    for report in coalition.sources:
        if report.period.year != year:
            continue
        for row in report.tables.get(lay.MICRO.name, []):
            quarter = row.get("quarter")
            if quarter and (not report.period.annual or quarter not in by_quarter):
                by_quarter.setdefault(quarter, {})[(row.get("action"), bool(row.get("new")))] = row
    rows = []
    plan = coalition.plan
    for quarter in sorted(by_quarter):
        for (action, new), row in by_quarter[quarter].items():
            title = plan.actions[action]["title"] if action in plan.actions else action
            planned = plan.planned(action, quarter) if not new else None
            rows.append(
                {
                    "quarter": quarter,
                    "action": title + (LABELS[lang]["new_mark"] if new else ""),
                    "planned": planned.description if planned else "—",
                    "status": word(row.get("status"), lang),
                    "outcome": row.get("description") or "—",
                }
            )
    return rows
