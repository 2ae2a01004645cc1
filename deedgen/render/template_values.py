"""The flat values a docxtpl template loops over, made from an assembled document: the § body as
blocks, the slots, the signature block, and the tables of the action plan and the evaluation forms
(with the labels of the document's language)."""

from __future__ import annotations

from markupsafe import Markup

from deedgen.document import ANNEXES, AssembledDocument
from deedgen.polish import format_date, format_money, format_quarter, month_name, short_quarter
from deedgen.render.labels import LABELS
from deedgen.render.references import (
    bookmark,
    bookmark_name,
    referenced,
    unit_addresses,
    with_fields,
)


def unit_blocks(section, with_heading: bool, bookmarks: dict | None = None) -> list[dict]:
    """The blocks of one section. A numbered §'s units are items of Word's list (``listed``:
    their labels come from numbering.xml). ``text`` is the unit's text; ``runs`` the same as the
    DOCX's run XML: a bookmark from *bookmarks* (address → (name, id)) when a reference names the
    unit, REF fields for its references (``mark``: the § heading's bookmark)."""
    bookmarks = bookmarks or {}
    numbered = section.number is not None

    def mark(address) -> str:
        return bookmark(*bookmarks[address]) if address in bookmarks else ""

    blocks = []
    if with_heading and numbered:
        blocks.append(
            {
                "kind": "section",
                "heading": section.heading,
                "mark": Markup(mark((section.number,))),
                "title": section.title,
                "label": "",
                "text": "",
            }
        )
    addresses = unit_addresses(section) if numbered else [None] * len(section.units)
    for unit, address in zip(section.units, addresses, strict=True):
        kind = unit.kind if unit.label or unit.kind == "wsp" else "text"
        blocks.append(
            {
                "kind": kind,
                "label": unit.label,
                "text": unit.text,
                "runs": with_fields(unit.text, unit.references, mark(address)),
                "listed": numbered and kind in ("ust", "pkt", "lit", "tir"),
            }
        )
    return blocks


def document_bookmarks(document: AssembledDocument) -> dict:
    """address → (bookmark name, id) for every address a reference of the document shows."""
    wanted = sorted(referenced(document.sections), key=lambda a: [str(p) for p in a])
    return {address: (bookmark_name(address), i) for i, address in enumerate(wanted, 1)}


def signature_parties(document: AssembledDocument) -> list[dict]:
    """One entry per signing Party with its representatives' lines; the countersignature (the
    Treasurer's kontrasygnata) goes with the Party it countersigns, under its signatures."""
    parties: dict[str, dict] = {}
    for signatory in document.signatories:
        party = parties.setdefault(
            signatory.party_id,
            {"party_name": signatory.party_name, "lines": [], "countersignature": None},
        )
        line = {"person": signatory.person, "function": signatory.function}
        if signatory.role == "signature":
            party["lines"].append(line)
        else:
            party["countersignature"] = line
    return list(parties.values())


# The line a signature goes on; the English rendering is a translation, signed on the Polish text.
SIGNATURE_DOTS = {"pl": "…" * 15, "en": "[signed on the Polish original]"}
DATE_DOTS = "…" * 5  # the date line beside each signature (the last signature's date decides)


def template_values(document: AssembledDocument, *, draft: bool = False, findings=()) -> dict:
    ctx, lang = document.context, document.lang
    labels = LABELS[lang]
    coalition = ctx["coalition"]
    bookmarks = document_bookmarks(document)
    blocks = [
        block
        for section in document.sections
        for block in unit_blocks(section, with_heading=True, bookmarks=bookmarks)
    ]
    slots: dict[str, list] = {}
    for section in document.sections:
        if section.slot:
            slots.setdefault(section.slot, []).extend(unit_blocks(section, with_heading=False))
    values = {
        "L": labels,
        "title": document.title,
        "title_upper": document.title.upper(),
        "coalition_name": coalition["name"],
        "draft": draft,
        "findings": list(findings),
        "blocks": blocks,
        "slots": _SlotMap(slots),
        "signature_parties": signature_parties(document),
        "signatures_heading": _signatures_heading(document, labels),
        "signature_dots": SIGNATURE_DOTS[lang],
        "date_dots": DATE_DOTS,
        "translation_notice": document.translation_notice,
        "place_and_date": f"{coalition['place']}, {'dnia ' if lang == 'pl' else ''}{format_date(coalition['preliminary_declaration_date'], lang)}",
        "annex_line": "",
    }
    if document.kind in ANNEXES:
        number = ctx["annex"][document.kind]
        values["annex_line"] = labels["annex_of"].format(
            n=number, date=format_date(coalition["declaration_date"], lang)
        )
    if document.kind == "action_plan":
        values.update(action_plan_values(ctx, labels, lang))
    if document.kind == "evaluation_forms":
        values.update(evaluation_form_values(ctx, labels, lang))
    return values


def _signatures_heading(document: AssembledDocument, labels: dict) -> str:
    """„Podpisy Stron” (one Party: „Podpis”); the declarations of support are signed by the
    groups' members, who are no Parties."""
    if document.kind == "support":
        return labels["supporters_signatures"]
    return labels["signatures"] if len(signature_parties(document)) > 1 else labels["signature"]


class _SlotMap(dict):
    """Slots the template names but no clause fills render as nothing."""

    def __getitem__(self, key):
        return super().get(key, [])

    def __getattr__(self, key):
        return self[key]


def party_in_table(party: dict, lang: str) -> str:
    """A party's name in a table; a unit taking part on a Party's side (a gmina's school) says
    whose side, as the parties' list and the Team list do: it is not a Party of its own."""
    owner = party.get("acts_for")
    if not owner:
        return party["name"]
    side = "po stronie Strony:" if lang == "pl" else "on the side of the Party"
    return f"{party['name']} ({side} {owner['short_name']})"


def action_plan_values(ctx: dict, labels: dict, lang: str) -> dict:
    evaluation = ctx["evaluation"] or {}
    return {
        "contributions": _contribution_rows(ctx, labels, lang),
        "team": [
            {
                "name": member["name"],
                "party": party_in_table(member["party"], lang),
                "role": labels[member["role"]],
            }
            for member in ctx["team"]
        ],
        "actions": _action_rows(ctx, labels, lang),
        "calendar": [
            {
                "quarter": short_quarter(quarter, lang),
                "action": action["title"],
                "micro": action["micro_by_quarter"].get(quarter, labels["none"]),
            }
            for quarter in ctx["quarters"]
            for action in ctx["actions"]
            if quarter in action["quarters"]
        ],
        "promotion": [
            {
                "quarter": short_quarter(event["quarter"], lang),
                "kind": event["kind_label"],
                "level": labels[event["level"]],
                "audience": event["audience"],
            }
            for event in ctx["promotion"]
        ],
        "evaluation_when": labels["every_year"].format(month=month_name(evaluation["month"], lang))
        if evaluation
        else labels["none"],
        "evaluation_method": evaluation.get("method") or labels["none"],
        "evaluation_recipients": ", ".join(evaluation.get("recipients") or []) or labels["none"],
    }


def _contribution_rows(ctx: dict, labels: dict, lang: str) -> list[dict]:
    """One row per contribution of each party; a party that brings none gets one "none" row."""
    rows = []
    for party in ctx["parties"]:
        for contribution in party["contributions"] or [None]:
            if contribution is None:
                rows.append(
                    {
                        "party": party_in_table(party, lang),
                        "resource": labels["none"],
                        "description": labels["none"],
                    }
                )
                continue
            amount = contribution.get("amount")
            money = f" — {format_money(amount, lang)}" if amount is not None else ""
            if contribution.get("value") is not None:  # in kind: an estimate, never money
                estimate = "wartość szacunkowa" if lang == "pl" else "estimated value"
                money = f" — {estimate} {format_money(contribution['value'], lang)}"
            rows.append(
                {
                    "party": party_in_table(party, lang),
                    "resource": contribution["resource_label"],
                    "description": contribution["description"] + money,
                }
            )
    return rows


def _action_rows(ctx: dict, labels: dict, lang: str) -> list[dict]:
    def names(parties):
        return ", ".join(party["short_name"] for party in parties) or labels["none"]

    return [
        {
            "no": number,
            "title": action["title"],
            "problem": action["problem"] or labels["no_social_problem"],
            "lead": action["lead"]["short_name"],
            "partners": names(action["partners"]),
            "period": f"{short_quarter(action['start_quarter'], lang)} – "
            f"{short_quarter(action['end_quarter'], lang)}",
            "budget": format_money(action["budget"], lang)
            if action.get("budget") is not None
            else labels["none"],
        }
        for number, action in enumerate(ctx["actions"], 1)
    ]


def evaluation_form_values(ctx: dict, labels: dict, lang: str) -> dict:
    quarterly = []
    for q in ctx["quarters"]:
        rows = [
            {"action": a["title"], "micro": a["micro_by_quarter"].get(q, labels["none"])}
            for a in ctx["actions"]
            if q in a["quarters"]
        ]
        if rows:
            quarterly.append({"label": format_quarter(q, lang), "rows": rows})
    years = sorted({int(q[:4]) for q in ctx["quarters"]})
    annual = [
        {
            "year": year,
            "actions": [
                {"action": a["title"], "problem": a["problem"] or labels["no_social_problem"]}
                for a in ctx["actions"]
                if any(q.startswith(str(year)) for q in a["quarters"])
            ],
            "parties": [party_in_table(party, lang) for party in ctx["parties"]],
        }
        for year in years
    ]
    return {"quarterly": quarterly, "annual": annual}
