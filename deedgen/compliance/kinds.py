"""Rule kinds: each funding condition is implemented once here and parametrised by the rule file.

A rule kind is a function ``(ctx, params) -> list[Issue]`` registered with :func:`rule_kind`,
which also declares its parameters (types from :mod:`deedgen.compliance.params`). The function
returns the issues that break the condition, each with the places to fix it, or — when the
condition is met — one ``ok`` issue that says why. ``schemas/funding-rules/README.md`` documents
every kind for the operator; keep the two in step.

Checks that concern what the parties will sign (signature lines, clauses) read the **assembled
documents**, not the sheet: a regional overlay or a clause condition can drop a clause even when
the data looks fine, and only the assembled document shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from deedgen.compliance import params as p
from deedgen.compliance.messages import (
    L,
    date_label,
    document_label,
    kind_label,
    kind_labels,
    money_label,
    promotion_label,
    resource_labels,
)
from deedgen.compliance.model import Issue, Place
from deedgen.document import AssembledDocument
from deedgen.sheet.enumerations import RESOURCES
from deedgen.sheet.quarters import quarter_index, quarter_name, quarter_of, quarters_between
from deedgen.sheet.validate import Sheet


@dataclass(frozen=True)
class RuleKind:
    """A registered rule kind: its name, its check and its declared parameters."""

    name: str
    check: Callable[[Context, dict], list[Issue]]
    params: dict[str, p.Param]
    summary: str  # the first line of the function's docstring


KINDS: dict[str, RuleKind] = {}


def rule_kind(name: str, **params: p.Param):
    """Register a rule kind under *name* with the parameters it requires."""

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        KINDS[name] = RuleKind(name=name, check=func, params=params, summary=summary)
        return func

    return register


@dataclass(frozen=True)
class Context:
    """What every rule kind reads: the validated sheet, the assembled documents, the library."""

    sheet: Sheet
    documents: Mapping[str, AssembledDocument]
    library: object | None = None  # deedgen.clauses.library.ClauseLibrary, when known

    @property
    def data(self) -> dict:
        return self.sheet.data

    def place(self, path: str | None = None, **ids) -> Place:
        """A place in the sheet: the data path, its location, and ids (party, action, clause…)."""
        location = self.sheet.locate(path) if path else None
        if location is not None and self.absent(path) and location == self.sheet.locate(()):
            # a missing section falls back to the file's first line, which would mislead: keep
            # the file only (a missing value inside a row keeps its row's line)
            location = type(location)(file=location.file, sheet=location.sheet)
        return Place(path=path, location=location, **ids)

    def absent(self, path: str) -> bool:
        """True when the sheet has no value (or null) at *path*."""
        from deedgen.sheet.validate import parse_path

        node = self.data
        for part in parse_path(path):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return True
        return node is None

    def parties(self):
        """(index, party) for every party, in sheet order."""
        return list(enumerate(self.data.get("parties") or []))

    def party_kind(self, party_id: str) -> str | None:
        return next(
            (party["kind"] for party in self.data["parties"] if party["id"] == party_id), None
        )

    def program_quarters(self) -> list[int]:
        coalition = self.data["coalition"]
        return list(
            range(quarter_of(coalition["period_start"]), quarter_of(coalition["period_end"]) + 1)
        )


def ok(code: str, **params) -> Issue:
    """The condition is met; *code* says how (message code, see compliance.messages)."""
    return Issue(True, code, params)


def fail(code: str, *places: Place, **params) -> Issue:
    """The condition is not met: what was found (*code*, *params*) and where to fix it."""
    return Issue(False, code, params, places)


def _document(ctx: Context, kind: str) -> tuple[AssembledDocument | None, list[Issue]]:
    """The assembled document of *kind*, or the issue saying it was not assembled."""
    document = ctx.documents.get(kind)
    if document is None:
        return None, [fail("document_missing", Place(document=kind), document=document_label(kind))]
    return document, []


def _signers(document: AssembledDocument, role: str = "signature") -> dict[str, int]:
    counts: dict[str, int] = {}
    for signatory in document.signatories:
        if signatory.role == role:
            counts[signatory.party_id] = counts.get(signatory.party_id, 0) + 1
    return counts


def _ids(items) -> str:
    return ", ".join(items)


# --- parties and signatures ----------------------------------------------------------------


@rule_kind(
    "required_parties",
    initiator=p.PartyKind("kind of the party that initiates the coalition (the municipal library)"),
    required=p.PartyKinds("other party kinds that must be parties (e.g. the gmina)"),
    document=p.DocumentKind("the document whose signature block is checked"),
)
def required_parties(ctx: Context, params: dict) -> list[Issue]:
    """The initiating library and the required parties (the gmina) are parties, and each has a
    signature line in the assembled document."""
    document, missing = _document(ctx, params["document"])
    if missing:
        return missing
    issues = []
    parties = ctx.parties()
    initiators = [(i, party) for i, party in parties if party["kind"] == params["initiator"]]
    if len(initiators) != 1:
        issues.append(
            fail(
                "initiator_count",
                ctx.place("parties"),
                kind=kind_label(params["initiator"]),
                found=len(initiators),
            )
        )
    for kind in params["required"]:
        if not any(party["kind"] == kind for _, party in parties):
            issues.append(fail("party_kind_missing", ctx.place("parties"), kind=kind_label(kind)))
    signers = _signers(document)
    checked = [
        (i, party)
        for i, party in parties
        if party["kind"] in (params["initiator"], *params["required"])
    ]
    for i, party in checked:
        if not signers.get(party["id"]):
            place = ctx.place(
                f"parties[{i}].representatives", party=party["id"], document=params["document"]
            )
            issues.append(
                fail(
                    "party_not_signing",
                    place,
                    party=party["id"],
                    name=party["name"],
                    document=document_label(params["document"]),
                )
            )
    if issues:
        return issues
    names = [party["name"] for _, party in checked]
    return [
        ok("required_parties_ok", names=_ids(names), document=document_label(params["document"]))
    ]


@rule_kind(
    "countersignature",
    money_kinds=p.PartyKinds(
        "party kinds whose financial contribution needs a countersignature", min_items=1
    ),
    document=p.DocumentKind("the document whose signature block is checked"),
)
def countersignature(ctx: Context, params: dict) -> list[Issue]:
    """When a party of ``money_kinds`` (the gmina) contributes money, the assembled document has
    a countersignature line (kontrasygnata of the skarbnik) for that party."""
    payers: dict[str, list[int]] = {}
    for i, contribution in enumerate(ctx.data.get("contributions") or []):
        money = contribution["resource"] == "finances" and contribution.get("amount") != 0
        if money and ctx.party_kind(contribution["party"]) in params["money_kinds"]:
            payers.setdefault(contribution["party"], []).append(i)
    if not payers:
        return [ok("countersignature_not_needed", kinds=kind_labels(params["money_kinds"]))]
    document, missing = _document(ctx, params["document"])
    if missing:
        return missing
    countersigned = _signers(document, role="countersignature")
    issues = []
    for party_id, indexes in payers.items():
        if countersigned.get(party_id):
            continue
        amount = sum((ctx.data["contributions"][i].get("amount") or Decimal(0)) for i in indexes)
        places = (
            ctx.place("treasurer", party=party_id, document=params["document"]),
            *(ctx.place(f"contributions[{i}]") for i in indexes),
        )
        issues.append(
            fail("countersignature_missing", *places, party=party_id, amount=money_label(amount))
        )
    if issues:
        return issues
    return [ok("countersignature_ok", parties=_ids(payers))]


@rule_kind(
    "representatives",
    min_by_kind=p.KindCounts(
        help="least number of signature lines per party kind (0 exempts a kind)"
    ),
    default=p.Int(help="least number for kinds not listed in min_by_kind"),
    document=p.DocumentKind("the document whose signature block is checked"),
)
def representatives(ctx: Context, params: dict) -> list[Issue]:
    """Every party has as many signature lines as its kind requires (a powiat: two members of the
    zarząd; a registered association: as its statute says)."""
    document, missing = _document(ctx, params["document"])
    if missing:
        return missing
    signers = _signers(document)
    issues = []
    for i, party in ctx.parties():
        need = params["min_by_kind"].get(party["kind"], params["default"])
        found = signers.get(party["id"], 0)
        if found < need:
            place = ctx.place(f"parties[{i}].representatives", party=party["id"])
            params_ = {
                "party": party["id"],
                "name": party["name"],
                "kind": kind_label(party["kind"]),
                "expected": need,
                "found": found,
            }
            issues.append(fail("representatives_too_few", place, **params_))
    return issues or [ok("representatives_ok")]


# --- actions ---------------------------------------------------------------------------------


@rule_kind(
    "social_actions", min=p.Int(help="least number of actions that address a social problem")
)
def social_actions(ctx: Context, params: dict) -> list[Issue]:
    """At least ``min`` actions address a social problem (their ``problem`` is filled in)."""
    actions = ctx.data.get("actions") or []
    social = [a["id"] for a in actions if (a.get("problem") or "").strip()]
    if len(social) >= params["min"]:
        return [
            ok("social_actions_ok", found=len(social), min=params["min"], ids=_ids(social) or "—")
        ]
    others = [(i, a) for i, a in enumerate(actions) if a["id"] not in social]
    places = [ctx.place(f"actions[{i}].problem", action=a["id"]) for i, a in others]
    found = {"found": len(social), "min": params["min"], "ids": _ids(social) or "—"}
    return [fail("social_actions_too_few", ctx.place("actions"), *places, **found)]


@rule_kind(
    "micro_successes",
    within_period=p.Bool(
        help="also require every action's quarters to lie within the program period"
    ),
)
def micro_successes(ctx: Context, params: dict) -> list[Issue]:
    """Every action has a micro-success in every quarter it runs (and, with ``within_period``,
    runs only within the program period)."""
    issues = []
    program = ctx.program_quarters()
    for i, action in enumerate(ctx.data.get("actions") or []):
        running = quarters_between(action["start_quarter"], action["end_quarter"])
        have = {m["quarter"] for m in action.get("micro_successes") or []}
        gaps = [q for q in running if q not in have]
        if gaps:
            place = ctx.place(f"actions[{i}].micro_successes", action=action["id"])
            issues.append(
                fail("micro_success_missing", place, action=action["id"], quarters=_ids(gaps))
            )
        if params["within_period"]:
            for key in ("start_quarter", "end_quarter"):
                if quarter_index(action[key]) not in program:
                    period = f"{quarter_name(program[0])} – {quarter_name(program[-1])}"
                    place = ctx.place(f"actions[{i}].{key}", action=action["id"])
                    issues.append(
                        fail(
                            "action_outside_period",
                            place,
                            action=action["id"],
                            quarter=action[key],
                            period=period,
                        )
                    )
    count = len(ctx.data.get("actions") or [])
    return issues or [ok("micro_successes_ok", count=count)]


# --- the project team and the mentor ---------------------------------------------------------


@rule_kind(
    "project_team",
    exempt_kinds=p.PartyKinds("party kinds that need not delegate a team member (e.g. resident)"),
    coordinator=p.Bool(help="require a coordinator in the team"),
)
def project_team(ctx: Context, params: dict) -> list[Issue]:
    """The project team has a representative of every party (except ``exempt_kinds``) and, with
    ``coordinator``, a coordinator."""
    team = ctx.data.get("team") or []
    represented = {member["party"] for member in team}
    issues = []
    for i, party in ctx.parties():
        if party["kind"] in params["exempt_kinds"] or party["id"] in represented:
            continue
        places = (ctx.place(f"parties[{i}]", party=party["id"]), ctx.place("team"))
        issues.append(fail("team_party_missing", *places, party=party["id"], name=party["name"]))
    if params["coordinator"] and not any(member["role"] == "coordinator" for member in team):
        issues.append(fail("team_no_coordinator", ctx.place("team")))
    return issues or [ok("project_team_ok", count=len(team))]


@rule_kind(
    "mentor",
    clause=p.ClauseId(
        help="clause that must be in the document (the mentor clause), or null", nullable=True
    ),
    document=p.DocumentKind("the document that must contain the clause"),
)
def mentor(ctx: Context, params: dict) -> list[Issue]:
    """A mentor from the voivodeship library (BW) is named in the sheet and, when ``clause`` is
    given, the mentor clause is in the assembled document."""
    data = ctx.data.get("mentor")
    if not data or not data.get("name"):
        return [fail("mentor_missing", ctx.place("mentor"))]
    if params["clause"]:
        document, missing = _document(ctx, params["document"])
        if missing:
            return missing
        if params["clause"] not in document.clause_ids:
            why, places = _why_clause_missing(ctx, params["clause"], params["document"])
            params_ = {
                "clause": params["clause"],
                "document": document_label(params["document"]),
                "why": why,
            }
            place = Place(clause=params["clause"], document=params["document"])
            return [fail("clause_missing", place, *places, **params_)]
    return [ok("mentor_ok", name=data["name"], library=data.get("library") or "—")]


# --- clauses of the declaration --------------------------------------------------------------


@rule_kind(
    "clauses_present",
    clauses=p.ClauseIds(help="ids of the clauses that must be in the document"),
    document=p.DocumentKind("the document that must contain them"),
)
def clauses_present(ctx: Context, params: dict) -> list[Issue]:
    """Every clause in ``clauses`` is in the assembled document — whatever dropped it (a clause
    condition on the data, a regional overlay, a missing clause file)."""
    document, missing = _document(ctx, params["document"])
    if missing:
        return missing
    issues = []
    for clause_id in params["clauses"]:
        if clause_id in document.clause_ids:
            continue
        why, places = _why_clause_missing(ctx, clause_id, params["document"])
        params_ = {"clause": clause_id, "document": document_label(params["document"]), "why": why}
        issues.append(
            fail(
                "clause_missing",
                Place(clause=clause_id, document=params["document"]),
                *places,
                **params_,
            )
        )
    if issues:
        return issues
    numbers = []
    for clause_id in params["clauses"]:
        section = document.section(clause_id)
        numbers.append(
            f"{clause_id} (§\u00a0{section.number})" if section and section.number else clause_id
        )
    return [
        ok("clauses_present_ok", clauses=_ids(numbers), document=document_label(params["document"]))
    ]


def _why_clause_missing(ctx: Context, clause_id: str, document: str):
    """Explain, from the clause library, why a clause is not in the document; point at the data
    its condition reads when that is a plain data path (``coalition.continuity``)."""
    library = ctx.library
    clauses = getattr(library, "clauses", None)
    if clauses is None:
        return "", ()
    clause = clauses.get(clause_id)
    if clause is None:
        return L(
            " (brak tej klauzuli w bibliotece klauzul)", " (the clause library has no such clause)"
        ), ()
    if document not in clause.documents:
        return L(
            f" (warstwa „{clause.layer}” przypisała ją do innych dokumentów: {clause.source})",
            f" (layer '{clause.layer}' assigns it to other documents: {clause.source})",
        ), ()
    condition = (clause.condition or "").strip()
    if condition and _is_data_path(condition) and not ctx.absent(condition):
        value = _value(ctx.data, condition)
        if not value:
            return L(
                f" (warunek klauzuli „{condition}” ma w arkuszu wartość {_yes_no(value, 'pl')})",
                f" (its condition '{condition}' is {_yes_no(value, 'en')} in the sheet)",
            ), (ctx.place(condition),)
    if condition:
        return L(
            f" (warunek klauzuli „{condition}” nie jest spełniony)",
            f" (its condition '{condition}' is not met)",
        ), ()
    return L(
        f" (warstwa „{clause.layer}”: {clause.source})",
        f" (layer '{clause.layer}': {clause.source})",
    ), ()


def _is_data_path(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _value(data: dict, path: str):
    node = data
    for part in path.split("."):
        node = node[part]
    return node


def _yes_no(value, lang: str) -> str:
    if isinstance(value, bool):
        return ("NIE" if not value else "TAK") if lang == "pl" else str(value).lower()
    return repr(value)


# --- promotion -------------------------------------------------------------------------------


@rule_kind(
    "promotion_yearly",
    min_per_year=p.Int(min=1, help="least number of events in each year"),
    kinds=p.PromotionKinds("event kinds that count"),
    levels=p.PromotionLevels("levels that count (local, regional)"),
    years=p.Choice(
        values=("program", "calendar"),
        help="program: 12-month years from period_start; calendar: calendar years",
    ),
    min_partial_months=p.Int(
        min=1, max=12, help="a first or last year shorter than this many months joins its neighbour"
    ),
)
def promotion_yearly(ctx: Context, params: dict) -> list[Issue]:
    """In every year of the program period at least ``min_per_year`` promotion events of the
    given kinds and levels are planned. An event counts for every year its quarter overlaps."""
    events = [
        quarter_index(e["quarter"])
        for e in ctx.data.get("promotion") or []
        if e["kind"] in params["kinds"] and e["level"] in params["levels"]
    ]
    years = program_years(ctx.data["coalition"], params["years"], params["min_partial_months"])
    issues = []
    for number, (first, last) in enumerate(years, start=1):
        # quarter q covers the month indexes 3q … 3q + 2
        found = sum(1 for q in events if 3 * q <= last and 3 * q + 2 >= first)
        if found < params["min_per_year"]:
            if params["years"] == "calendar":
                label = L(f"rok {first // 12}", f"year {first // 12}")
            else:
                label = L(f"{number}. rok programu", f"program year {number}")
            params_ = {
                "year": label,
                "span": f"{_month(first)} – {_month(last)}",
                "found": found,
                "min": params["min_per_year"],
            }
            issues.append(fail("promotion_year_missing", ctx.place("promotion"), **params_))
    return issues or [ok("promotion_yearly_ok", years=len(years), count=len(events))]


def program_years(coalition: dict, mode: str, min_partial_months: int) -> list[tuple[int, int]]:
    """The years of the program period as (first, last) month indexes (year * 12 + month - 1).

    ``program`` years run 12 months from ``period_start``; ``calendar`` years are cut at
    1 January. A first or last year shorter than *min_partial_months* joins its neighbour, so a
    program ending two months into a new year does not need an event in those two months.
    """
    start, end = coalition["period_start"], coalition["period_end"]
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    if mode == "program":
        bounds = [(m, min(m + 11, last)) for m in range(first, last + 1, 12)]
    else:
        bounds = [
            (max(first, y * 12), min(last, y * 12 + 11)) for y in range(first // 12, last // 12 + 1)
        ]
    if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] + 1 < min_partial_months:
        bounds[-2:] = [(bounds[-2][0], bounds[-1][1])]
    if len(bounds) > 1 and bounds[0][1] - bounds[0][0] + 1 < min_partial_months:
        bounds[:2] = [(bounds[0][0], bounds[1][1])]
    return bounds


def _month(index: int) -> str:
    return f"{index % 12 + 1:02d}.{index // 12}"


@rule_kind(
    "quarterly_presentation",
    event_kind=p.Choice(
        values=("seminar", "conference", "quarterly_presentation", "other"),
        help="the kind of event that presents micro-successes",
    ),
    covered_by_clause=p.AlternativeClause(
        help="a clause that commits the team to quarterly presentations, or null"
    ),
    document=p.DocumentKind("the document that may contain that clause"),
)
def quarterly_presentation(ctx: Context, params: dict) -> list[Issue]:
    """Micro-successes are presented every quarter in which actions run: a planned event of
    ``event_kind`` in each such quarter, or the ``covered_by_clause`` clause in the document."""
    active = sorted(
        {
            q
            for a in ctx.data.get("actions") or []
            for q in range(quarter_index(a["start_quarter"]), quarter_index(a["end_quarter"]) + 1)
        }
    )
    planned = {
        quarter_index(e["quarter"])
        for e in ctx.data.get("promotion") or []
        if e["kind"] == params["event_kind"]
    }
    gaps = [quarter_name(q) for q in active if q not in planned]
    if not gaps:
        return [ok("quarterly_presentation_ok", count=len(active))]
    clause = params["covered_by_clause"]
    document = ctx.documents.get(params["document"])
    if clause and document is not None and clause in document.clause_ids:
        section = document.section(clause)
        where = f"§\u00a0{section.number}" if section and section.number else clause
        return [
            ok("quarterly_presentation_by_clause", clause=clause, where=where, quarters=_ids(gaps))
        ]
    return [
        fail(
            "quarterly_presentation_missing",
            ctx.place("promotion"),
            quarters=_ids(gaps),
            kind=promotion_label(params["event_kind"]),
        )
    ]


# --- contributions ---------------------------------------------------------------------------


@rule_kind(
    "contributions",
    min_resource_kinds=p.Int(
        min=0,
        max=len(RESOURCES),
        help="least number of the four resource kinds (people, space, finances, knowledge) the coalition pools",
    ),
    every_party=p.Bool(help="require a contribution from every party"),
    exempt_kinds=p.PartyKinds("party kinds exempt from contributing (with every_party)"),
)
def contributions(ctx: Context, params: dict) -> list[Issue]:
    """The contributions cover at least ``min_resource_kinds`` resource kinds and, with
    ``every_party``, every party (except ``exempt_kinds``) contributes something."""
    items = ctx.data.get("contributions") or []
    kinds = [r for r in RESOURCES if any(c["resource"] == r for c in items)]
    issues = []
    if len(kinds) < params["min_resource_kinds"]:
        missing = [r for r in RESOURCES if r not in kinds]
        params_ = {
            "found": len(kinds),
            "min": params["min_resource_kinds"],
            "have": resource_labels(kinds),
            "missing": resource_labels(missing),
        }
        issues.append(fail("resources_too_few", ctx.place("contributions"), **params_))
    if params["every_party"]:
        givers = {c["party"] for c in items}
        for i, party in ctx.parties():
            if party["id"] not in givers and party["kind"] not in params["exempt_kinds"]:
                places = (ctx.place(f"parties[{i}]", party=party["id"]), ctx.place("contributions"))
                issues.append(
                    fail("party_no_contribution", *places, party=party["id"], name=party["name"])
                )
    return issues or [ok("contributions_ok", found=len(kinds), have=resource_labels(kinds))]


# --- dates -----------------------------------------------------------------------------------


@rule_kind(
    "preliminary_declaration",
    min_days_before=p.Int(
        min=0,
        help="least number of days between the preliminary declaration and the partnership declaration",
    ),
    document=p.DocumentKind(
        "the preliminary declaration document that must be assembled, or null", nullable=True
    ),
)
def preliminary_declaration(ctx: Context, params: dict) -> list[Issue]:
    """The JST's preliminary declaration (stage 2) is dated at least ``min_days_before`` days
    before the partnership declaration, and, when ``document`` is given, it is assembled."""
    coalition = ctx.data["coalition"]
    preliminary, declared = coalition["preliminary_declaration_date"], coalition["declaration_date"]
    issues = []
    if (declared - preliminary).days < params["min_days_before"]:
        params_ = {
            "preliminary": date_label(preliminary),
            "declared": date_label(declared),
            "days": params["min_days_before"],
        }
        issues.append(
            fail(
                "preliminary_too_late",
                ctx.place("coalition.preliminary_declaration_date"),
                **params_,
            )
        )
    if params["document"]:
        _, missing = _document(ctx, params["document"])
        issues.extend(missing)
    return issues or [
        ok("preliminary_ok", preliminary=date_label(preliminary), declared=date_label(declared))
    ]


@rule_kind(
    "program_period",
    min_months=p.Int(min=1, help="least length of the program period in whole months"),
)
def program_period(ctx: Context, params: dict) -> list[Issue]:
    """The program period (``period_start`` – ``period_end``) lasts at least ``min_months``."""
    coalition = ctx.data["coalition"]
    months = whole_months(coalition["period_start"], coalition["period_end"])
    params_ = {
        "found": months,
        "min": params["min_months"],
        "start": date_label(coalition["period_start"]),
        "end": date_label(coalition["period_end"]),
    }
    if months < params["min_months"]:
        return [fail("period_too_short", ctx.place("coalition.period_end"), **params_)]
    return [ok("period_ok", **params_)]


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from *start* to *end* inclusive: 2026-04-01 – 2027-12-31 is 21."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if months > 0 and add_months(start, months) > after:
        months -= 1
    return max(months, 0)


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by *months*, clamped to the month's last day (31 January + 1 → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
