"""The sheet's rules that span tables (each party's kind and representatives, references by id,
dates and quarters, the treasurer for the gmina's money), checked after the schema's own.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from deedgen import party_model
from deedgen.sheet.cross_checks_drafting import check_drafting
from deedgen.sheet.cross_checks_parties import check_parties
from deedgen.sheet.fields import TERC_KINDS
from deedgen.sheet.private_scan import check_private_data
from deedgen.sheet.quarters import quarter_index, quarter_name, quarter_of

# Minimum number of signing representatives by party kind (DOMAIN.md 1.2). Registered NGOs are
# usually represented by two board members jointly, but statutes differ: a warning, not an error.
MIN_REPRESENTATIVES = {"powiat": 2, "voivodeship": 2}
USUAL_REPRESENTATIVES = {"association": 2, "foundation": 2}
KRS_KINDS = ("association", "foundation")  # company and kgw: cross_checks_parties
MAX_PERIOD_YEARS = 10  # a program period in months would fill a plan of 40 quarters
# Public bodies must appoint a data protection officer (art. 37 RODO); the RODO clause names them.
PUBLIC_KINDS = (
    "library",
    "gmina",
    "school",
    "cultural_institution",
    "county_library",
    "powiat",
    "voivodeship",
    "other_jst",
)
# A "financial" contribution that names a service or a thing (printing, a room, equipment) is
# usually a wkład rzeczowy with a value: printed as money, it would be counted as money.
IN_KIND_WORDS = re.compile(
    r"(?i)\b(druk\w*|wydruk\w*|usług\w*|sal[aięąe]|udostępni\w*|sprzęt\w*|wynaj\w*|"
    r"wypożycz\w*|nieodpłatn\w*|transport\w*|catering\w*|poczęstun\w*)\b"
)


def cross_check(data: dict):
    """Yield (path, code, params, severity) for every rule broken across tables."""
    parties = data.get("parties") or []
    ids: dict[str, int] = {}
    yield from _check_party_ids(parties, ids)
    yield from _check_party_kinds(data, parties)
    yield from _check_dates(data)
    reference = functools.partial(_party_reference, ids, ", ".join(ids) or "—")
    yield from _check_contributions_and_team(data, reference)
    yield from check_private_data(data)
    yield from _check_actions(data, reference)
    yield from _check_treasurer(data, parties)
    yield from _check_ranges(data)
    yield from check_parties(data)
    yield from check_drafting(data)


def _check_party_ids(parties, ids: dict[str, int]):
    """Fill *ids* (party id → its index); a repeated id is an error."""
    for i, party in enumerate(parties):
        pid = party.get("id")
        if pid is None:
            continue
        if pid in ids:
            yield (
                ("parties", i, "id"),
                "duplicate_id",
                {"found": pid, "first": f"parties[{ids[pid]}]"},
                "error",
            )
        else:
            ids[pid] = i


def _party_reference(ids: dict[str, int], known: str, path, value) -> list:
    """A reference by party id at *path* must name a party (when the sheet has any)."""
    if value is not None and ids and value not in ids:
        return [(path, "unknown_party", {"found": value, "expected": known}, "error")]
    return []


def _check_contributions_and_team(data, reference):
    for i, rep in enumerate(data.get("contributions") or []):
        yield from reference(("contributions", i, "party"), rep.get("party"))
        yield from _check_contribution(i, rep)
    for i, member in enumerate(data.get("team") or []):
        yield from reference(("team", i, "party"), member.get("party"))
    coordinators = sum(1 for m in data.get("team") or [] if m.get("role") == "coordinator")
    if coordinators > 1:
        yield ("team",), "coordinator_count", {"found": coordinators}, "warning"


def _check_actions(data, reference):
    action_ids: dict[str, int] = {}
    for i, action in enumerate(data.get("actions") or []):
        aid = action.get("id")
        if aid in action_ids:
            yield (
                ("actions", i, "id"),
                "duplicate_id",
                {"found": aid, "first": f"actions[{action_ids[aid]}]"},
                "error",
            )
        elif aid is not None:
            action_ids[aid] = i
        yield from reference(("actions", i, "lead"), action.get("lead"))
        for j, partner in enumerate(action.get("partners") or []):
            yield from reference(("actions", i, "partners", j), partner)
        yield from _check_action_quarters(data, i, action)


def _check_treasurer(data, parties):
    """The skarbnik of each JST countersigns its money (its schools' included): the gmina's is the
    sheet's treasurer, any other JST's the party's own."""
    for party_id, amount in party_model.jst_money(data).items():
        i, party = next((i, p) for i, p in enumerate(parties) if p.get("id") == party_id)
        if party.get("kind") == "gmina":
            if not data.get("treasurer"):
                yield ("treasurer",), "treasurer_required", {"amount": f"{amount:.2f}"}, "error"
        elif not party.get("treasurer"):
            params = {"party": party_id, "amount": f"{amount:.2f}"}
            yield ("parties", i, "treasurer"), "jst_treasurer_required", params, "error"


def _check_ranges(data):
    evaluation = data.get("evaluation") or {}
    if "month" in evaluation and not 1 <= evaluation["month"] <= 12:
        yield ("evaluation", "month"), "evaluation_month", {"found": evaluation["month"]}, "error"
    coalition = data.get("coalition") or {}
    for key, low, high in (("term_years", 1, 20), ("notice_months", 1, 24)):
        if key in coalition and not low <= coalition[key] <= high:
            params = {"found": coalition[key], "min": low, "max": high}
            yield ("coalition", key), "positive_integer", params, "error"


def _kind_of(parties, pid):
    for party in parties:
        if party.get("id") == pid:
            return party.get("kind")
    return None


def _check_party_kinds(data, parties):
    if not parties and "parties" in data:
        yield ("parties",), "no_parties", {}, "error"
        return
    if not parties:
        return
    kinds = Counter(p.get("kind") for p in parties)
    libraries = sum(1 for p in parties if party_model.is_library(p))
    if libraries != 1:
        yield ("parties",), "library_count", {"found": libraries}, "error"
    if kinds["gmina"] != 1:
        yield ("parties",), "gmina_party_count", {"found": kinds["gmina"]}, "error"
    gmina = data.get("gmina") or {}
    if gmina.get("terc") and gmina.get("kind"):
        expected = TERC_KINDS[gmina["terc"][-1]]
        if expected != gmina["kind"]:
            params = {"kind": gmina["kind"], "terc": gmina["terc"], "expected": expected}
            yield ("gmina", "kind"), "terc_kind_mismatch", params, "error"
    for i, party in enumerate(parties):
        if party.get("kind") == "gmina":
            yield from _check_gmina_party(i, party, gmina)
        yield from _check_representatives(i, party)
        yield from _check_party_documents(i, party)


def _check_gmina_party(i: int, party, gmina):
    """The gmina as a party: its own name (not its office's) and its executive as signatory."""
    name = party.get("name") or ""
    reps = party.get("representatives") or []
    if re.search(r"\burz[ąa]d\b", name, re.IGNORECASE):
        suggestion = gmina.get("name") or re.sub(r"(?i)urz[ąa]d\s+", "", name)
        yield ("parties", i, "name"), "urzad_gminy", {"suggestion": suggestion}, "warning"
    elif gmina.get("name") and name != gmina["name"]:
        yield (
            ("parties", i, "name"),
            "gmina_name_mismatch",
            {"found": name, "expected": gmina["name"]},
            "warning",
        )
    exec_name = gmina.get("executive_name")
    # a deputy (zastępca) or the secretary acts only under the executive's authorisation
    # (art. 46 ust. 1 u.s.g.), whose number and date the comparition and signature print
    deputy = exec_name and reps and all(r.get("name") != exec_name for r in reps)
    if deputy and not party.get("power_of_attorney"):
        params = {
            "found": reps[0].get("name"),
            "expected": exec_name,
            "title": gmina.get("executive_title", "wójt"),
        }
        yield ("parties", i, "power_of_attorney"), "deputy_authorisation", params, "error"


def _check_representatives(i: int, party):
    kind = party.get("kind")
    reps = party.get("representatives") or []
    path = ("parties", i, "representatives")
    if "representatives" in party and not reps and kind not in ("informal_group",):
        yield path, "no_representatives", {"party": party.get("id")}, "error"
    need = MIN_REPRESENTATIVES.get(kind)
    if need and reps and len(reps) < need:
        params = {"kind": kind, "expected": need, "found": len(reps)}
        yield path, "representatives_count", params, "error"
    usual = USUAL_REPRESENTATIVES.get(kind)
    if usual and reps and len(reps) < usual:
        params = {"kind": kind, "expected": usual, "found": len(reps)}
        yield path, "representatives_count", params, "warning"


def _check_party_documents(i: int, party):
    """What a party of its kind must show: a school's power of attorney, a public body's data
    protection officer, an NGO's KRS number."""
    kind = party.get("kind")
    if kind == "school" and not party.get("power_of_attorney"):
        yield ("parties", i, "power_of_attorney"), "power_of_attorney", {}, "error"
    if kind in PUBLIC_KINDS and not party.get("iod_email"):
        yield ("parties", i, "iod_email"), "iod_missing", {"kind": kind}, "warning"
    if kind in KRS_KINDS and not party.get("krs"):
        yield ("parties", i, "krs"), "krs_required", {"kind": kind}, "warning"


def _check_dates(data):
    coalition = data.get("coalition") or {}
    declared, preliminary = (
        coalition.get("declaration_date"),
        coalition.get("preliminary_declaration_date"),
    )
    if declared and preliminary and preliminary >= declared:
        params = {"found": preliminary.isoformat(), "expected": declared.isoformat()}
        yield (
            ("coalition", "preliminary_declaration_date"),
            "preliminary_after_declaration",
            params,
            "error",
        )
    start, end = coalition.get("period_start"), coalition.get("period_end")
    if start and end and end < start:
        yield (
            ("coalition", "period_end"),
            "period_order",
            {"found": end.isoformat(), "expected": start.isoformat()},
            "error",
        )
    months = (end.year - start.year) * 12 + end.month - start.month + 1 if start and end else 0
    if months > MAX_PERIOD_YEARS * 12:  # a period 2026–9998 built for 56 s into 20 MB
        yield (
            ("coalition", "period_end"),
            "period_too_long",
            {"found": start.isoformat(), "expected": end.isoformat(), "limit": MAX_PERIOD_YEARS},
            "error",
        )


def _check_contribution(i, contribution):
    resource, amount = contribution.get("resource"), contribution.get("amount")
    if amount is not None and resource and resource != "finances":
        yield ("contributions", i, "amount"), "amount_not_finances", {"found": resource}, "error"
    if resource == "finances" and amount is None:
        yield ("contributions", i, "amount"), "finances_without_amount", {}, "warning"
    if resource == "finances" and contribution.get("value") is not None:
        yield ("contributions", i, "value"), "value_on_finances", {}, "error"
    if resource == "finances" and IN_KIND_WORDS.search(contribution.get("description") or ""):
        yield ("contributions", i, "resource"), "finances_looks_in_kind", {}, "warning"


def _check_action_quarters(data, i, action):
    coalition = data.get("coalition") or {}
    start, end = action.get("start_quarter"), action.get("end_quarter")
    p_start, p_end = coalition.get("period_start"), coalition.get("period_end")
    period = None
    if p_start and p_end:
        period = f"{quarter_name(quarter_of(p_start))} – {quarter_name(quarter_of(p_end))}"
        for key in ("start_quarter", "end_quarter"):
            q = action.get(key)
            if q and not quarter_of(p_start) <= quarter_index(q) <= quarter_of(p_end):
                yield (
                    ("actions", i, key),
                    "quarter_outside",
                    {"found": q, "expected": period},
                    "error",
                )
    if start and end and quarter_index(end) < quarter_index(start):
        yield (
            ("actions", i, "end_quarter"),
            "quarter_order",
            {"found": end, "expected": start},
            "error",
        )
    seen = set()
    for j, micro in enumerate(action.get("micro_successes") or []):
        q = micro.get("quarter")
        if not q:
            continue
        path = ("actions", i, "micro_successes", j, "quarter")
        if q in seen:
            yield path, "micro_duplicate", {"found": q}, "error"
        seen.add(q)
        if start and end and not quarter_index(start) <= quarter_index(q) <= quarter_index(end):
            yield (
                path,
                "micro_outside_action",
                {"found": q, "expected": f"{start} – {end}"},
                "error",
            )
