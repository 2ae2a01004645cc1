"""Each rule kind: a coalition that meets it, and one that does not (with the place to fix it)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from deedgen.compliance.kinds import KINDS, Context
from deedgen.compliance.kinds.dates import add_months, whole_months
from deedgen.compliance.model import Place
from deedgen.exceptions import Location
from deedgen.sheet.validate import Sheet
from tests.compliance.factory import documents_for, fixture_sheet, sheet_from


def check(kind: str, params: dict, sheet, documents=None, library=None):
    """Run one kind with *params* checked as the rule loader checks them; return the issues."""
    spec = KINDS[kind].params
    assert set(params) == set(spec), f"test params of {kind} must name every parameter"
    checked = {name: spec[name].check(value) for name, value in params.items()}
    context = Context(
        sheet=sheet,
        documents=documents if documents is not None else documents_for(sheet),
        library=library,
    )
    return KINDS[kind].check(context, checked)


def failures(issues):
    return [issue for issue in issues if not issue.ok]


def passes(issues) -> bool:
    return bool(issues) and not failures(issues)


def unvalidated(sheet: Sheet, change) -> Sheet:
    """A sheet changed after validation: for defensive checks that validation already covers."""
    data = copy.deepcopy(sheet.data)
    change(data)
    return Sheet(data=data, source=sheet.source)


@pytest.fixture
def lipowiec(tmp_path):
    return sheet_from(tmp_path)


def with_gmina_money(data, treasurer=True):
    data["contributions"].append(
        {
            "party": "gmina",
            "resource": "finances",
            "description": "dotacja na materiały",
            "amount": "5000,00",
        }
    )
    if treasurer:
        data["treasurer"] = {"name": "Maria Skarbek", "function": "Skarbnik Gminy"}


# --- required_parties ----------------------------------------------------------------------

PARTIES = {"initiator": "library", "required": ["gmina"], "document": "declaration"}


def test_required_parties_met(lipowiec):
    issues = check("required_parties", PARTIES, lipowiec)
    assert passes(issues)
    assert "Gmina Lipowiec" in issues[0].params["names"]


def test_required_parties_gmina_without_signature_line(lipowiec):
    issues = failures(
        check(
            "required_parties",
            PARTIES,
            lipowiec,
            documents_for(lipowiec, without_signatures_of=("gmina",)),
        )
    )
    assert [i.code for i in issues] == ["party_not_signing"]
    place = issues[0].places[0]
    assert (place.party, place.path) == ("gmina", "parties[1].representatives")
    assert place.location == lipowiec.locate("parties[1].representatives") and place.location.line


def test_required_parties_missing_kind_and_initiator(lipowiec):
    issues = failures(
        check(
            "required_parties",
            {**PARTIES, "initiator": "county_library", "required": ["gmina", "powiat"]},
            lipowiec,
        )
    )
    assert [i.code for i in issues] == ["initiator_count", "party_kind_missing"]
    assert issues[1].params["kind"].pl == "powiat"


# --- countersignature ------------------------------------------------------------------------

COUNTERSIGNATURE = {"money_kinds": ["gmina"], "document": "declaration"}


def test_countersignature_not_needed_without_money(lipowiec):
    issues = check("countersignature", COUNTERSIGNATURE, lipowiec)
    assert passes(issues) and issues[0].code == "countersignature_not_needed"


def test_countersignature_present_when_gmina_pays(tmp_path):
    sheet = sheet_from(tmp_path, with_gmina_money)
    issues = check("countersignature", COUNTERSIGNATURE, sheet)
    assert passes(issues) and issues[0].code == "countersignature_ok"


def test_countersignature_missing_on_the_assembled_document(tmp_path):
    sheet = sheet_from(tmp_path, with_gmina_money)
    issues = failures(
        check("countersignature", COUNTERSIGNATURE, sheet, documents_for(sheet, countersign=False))
    )
    assert [i.code for i in issues] == ["countersignature_missing"]
    assert issues[0].params["amount"].pl == "5\u00a0000,00\u00a0zł"
    assert [p.path for p in issues[0].places] == ["treasurer", "contributions[6]"]


# --- representatives -------------------------------------------------------------------------

REPRESENTATIVES = {
    "min_by_kind": {"powiat": 2, "informal_group": 0},
    "default": 1,
    "document": "declaration",
}


def test_representatives_met(lipowiec):
    assert passes(check("representatives", REPRESENTATIVES, lipowiec))


def test_representatives_party_without_signature_line(lipowiec):
    issues = failures(
        check(
            "representatives",
            REPRESENTATIVES,
            lipowiec,
            documents_for(lipowiec, without_signatures_of=("szkola",)),
        )
    )
    assert [(i.code, i.params["party"], i.params["found"]) for i in issues] == [
        ("representatives_too_few", "szkola", 0)
    ]


def test_representatives_count_per_kind_is_a_parameter(lipowiec):
    params = {**REPRESENTATIVES, "min_by_kind": {"association": 3}, "default": 0}
    issues = failures(check("representatives", params, lipowiec))
    assert [(i.params["party"], i.params["expected"], i.params["found"]) for i in issues] == [
        ("razem", 3, 2)
    ]
    assert issues[0].places[0].path == "parties[2].representatives"


# --- social_actions --------------------------------------------------------------------------


def test_social_actions_met(lipowiec):
    issues = check("social_actions", {"min": 2}, lipowiec)
    assert passes(issues) and issues[0].params["ids"] == "d1, d2"


def test_social_actions_too_few_points_at_the_actions_without_a_problem():
    sheet = fixture_sheet("niezgodna")
    issues = failures(check("social_actions", {"min": 2}, sheet))
    assert [i.code for i in issues] == ["social_actions_too_few"]
    places = issues[0].places
    assert places[0].path == "actions"
    assert (places[1].path, places[1].action) == ("actions[1].problem", "d2")
    assert places[1].location.line is not None  # the row of d2, although its problem is empty


def test_social_actions_minimum_is_a_parameter(lipowiec):
    assert failures(check("social_actions", {"min": 3}, lipowiec))


# --- micro_successes -------------------------------------------------------------------------


def test_micro_successes_met(lipowiec):
    assert passes(check("micro_successes", {"within_period": True}, lipowiec))


def test_micro_success_missing_in_a_quarter(tmp_path):
    def drop(data):
        data["actions"][1]["micro_successes"] = [
            m for m in data["actions"][1]["micro_successes"] if m["quarter"] != "2027-Q1"
        ]

    issues = failures(check("micro_successes", {"within_period": True}, sheet_from(tmp_path, drop)))
    assert [(i.code, i.params["action"], i.params["quarters"]) for i in issues] == [
        ("micro_success_missing", "d2", "2027-Q1")
    ]
    assert issues[0].places[0].path == "actions[1].micro_successes"


def test_micro_successes_action_outside_the_program_period(lipowiec):
    # validation refuses this sheet; the rule still guards rule sets used without it
    sheet = unvalidated(lipowiec, lambda d: d["coalition"].update(period_end=dt.date(2027, 3, 31)))
    issues = failures(check("micro_successes", {"within_period": True}, sheet))
    assert [(i.code, i.params["quarter"]) for i in issues] == [("action_outside_period", "2027-Q2")]
    assert passes(check("micro_successes", {"within_period": False}, sheet))


# --- project_team ----------------------------------------------------------------------------

TEAM = {"exempt_kinds": ["resident", "informal_group"], "coordinator": True}


def test_project_team_met(lipowiec):
    assert passes(check("project_team", TEAM, lipowiec))


def test_project_team_missing_a_party_and_a_coordinator(tmp_path):
    def change(data):
        data["team"] = [m for m in data["team"] if m["party"] != "szkola"]
        data["team"][0]["role"] = "member"

    sheet = sheet_from(tmp_path, change)
    issues = failures(check("project_team", TEAM, sheet))
    assert [i.code for i in issues] == ["team_party_missing", "team_no_coordinator"]
    assert issues[0].places[0].party == "szkola"
    exempt = failures(
        check("project_team", {"exempt_kinds": ["school"], "coordinator": False}, sheet)
    )
    assert exempt == []


# --- mentor ----------------------------------------------------------------------------------

MENTOR = {"clause": "mentoring.bw", "document": "declaration"}


def test_mentor_met(lipowiec):
    issues = check("mentor", MENTOR, lipowiec)
    assert passes(issues) and issues[0].params["name"] == "Magdalena Lis"


def test_mentor_missing_in_the_sheet():
    issues = failures(check("mentor", MENTOR, fixture_sheet("niezgodna")))
    assert [i.code for i in issues] == ["mentor_missing"]
    place = issues[0].places[0]
    assert (
        place.path == "mentor" and place.location.line is None
    )  # a missing section: the file only


def test_mentor_named_but_clause_dropped_from_the_declaration(lipowiec):
    issues = failures(
        check("mentor", MENTOR, lipowiec, documents_for(lipowiec, drop=("mentoring.bw",)))
    )
    assert [(i.code, i.params["clause"]) for i in issues] == [("clause_missing", "mentoring.bw")]
    assert passes(
        check(
            "mentor",
            {**MENTOR, "clause": None},
            lipowiec,
            documents_for(lipowiec, drop=("mentoring.bw",)),
        )
    )


# --- clauses_present -------------------------------------------------------------------------

SUSTAINABILITY = {
    "clauses": ["sustainability.evaluation", "sustainability.continuity"],
    "document": "declaration",
}


def fake_library(**clauses):
    """A stand-in for the clause library: {id: clause-like object}."""
    return SimpleNamespace(
        clauses={cid.replace("__", "."): SimpleNamespace(**attrs) for cid, attrs in clauses.items()}
    )


def test_clauses_present_met_names_their_paragraphs(lipowiec):
    issues = check("clauses_present", SUSTAINABILITY, lipowiec)
    assert passes(issues)
    assert "sustainability.continuity (§\u00a05)" in issues[0].params["clauses"]


def test_clause_dropped_by_an_overlay_fails_although_the_data_are_fine(lipowiec):
    assert lipowiec.data["coalition"]["continuity"] is True
    documents = documents_for(lipowiec, drop=("sustainability.continuity",))
    issues = failures(check("clauses_present", SUSTAINABILITY, lipowiec, documents))
    assert [(i.code, i.params["clause"]) for i in issues] == [
        ("clause_missing", "sustainability.continuity")
    ]
    library = fake_library(
        sustainability__continuity={
            "documents": ("action_plan",),
            "layer": "wbp-kielce",
            "source": "wbp/continuity.pl.txt",
            "condition": None,
        }
    )
    issues = failures(check("clauses_present", SUSTAINABILITY, lipowiec, documents, library))
    assert "wbp-kielce" in issues[0].params["why"].pl


def test_clause_dropped_by_its_condition_points_at_the_data():
    sheet = fixture_sheet("niezgodna")
    library = fake_library(
        sustainability__continuity={
            "documents": ("declaration",),
            "layer": "central",
            "source": "c.pl.txt",
            "condition": "coalition.continuity",
        }
    )
    issues = failures(check("clauses_present", SUSTAINABILITY, sheet, library=library))
    assert len(issues) == 1
    clause_place, data_place = issues[0].places
    assert clause_place.clause == "sustainability.continuity"
    assert data_place.path == "coalition.continuity" and data_place.location.line == 14
    assert "coalition.continuity" in issues[0].params["why"].pl


def test_clause_missing_from_the_library(lipowiec):
    documents = documents_for(lipowiec, drop=("sustainability.evaluation",))
    issues = failures(check("clauses_present", SUSTAINABILITY, lipowiec, documents, fake_library()))
    assert "brak tej klauzuli" in issues[0].params["why"].pl


def test_clauses_present_without_the_document(lipowiec):
    issues = failures(
        check(
            "clauses_present",
            SUSTAINABILITY,
            lipowiec,
            documents_for(lipowiec, omit=("declaration",)),
        )
    )
    assert [i.code for i in issues] == ["document_missing"]


# --- promotion_yearly ------------------------------------------------------------------------

PROMOTION = {
    "min_per_year": 1,
    "kinds": ["seminar", "conference", "quarterly_presentation", "other"],
    "levels": ["local", "regional"],
    "years": "program",
    "min_partial_months": 6,
}


def test_promotion_yearly_met(lipowiec):
    assert passes(check("promotion_yearly", PROMOTION, lipowiec))


def test_promotion_missing_in_the_second_program_year(tmp_path):
    sheet = sheet_from(
        tmp_path,
        lambda d: d.update(promotion=[e for e in d["promotion"] if e["kind"] != "seminar"]),
    )
    issues = failures(check("promotion_yearly", PROMOTION, sheet))
    assert [(i.params["year"].en, i.params["span"]) for i in issues] == [
        ("program year 2", "04.2027 – 12.2027")
    ]
    assert issues[0].places[0].path == "promotion"


def test_promotion_program_or_calendar_years(tmp_path):
    def change(data):
        data["promotion"] = [
            {"kind": "seminar", "quarter": "2026-Q3", "level": "local", "audience": "mieszkańcy"},
            {"kind": "seminar", "quarter": "2027-Q1", "level": "local", "audience": "mieszkańcy"},
        ]

    sheet = sheet_from(tmp_path, change)
    assert failures(check("promotion_yearly", PROMOTION, sheet))
    assert passes(check("promotion_yearly", {**PROMOTION, "years": "calendar"}, sheet))
    assert failures(
        check("promotion_yearly", {**PROMOTION, "years": "calendar", "levels": ["regional"]}, sheet)
    )


def test_promotion_short_last_year_joins_the_previous_one(tmp_path):
    # 1 May 2026 – 30 June 2027: 14 months; the last two are not a year of their own
    def change(data):
        data["coalition"]["period_start"] = dt.date(2026, 5, 1)
        data["coalition"]["period_end"] = dt.date(2027, 6, 30)
        data["actions"] = data["actions"][:1]
        data["promotion"] = [
            {"kind": "seminar", "quarter": "2026-Q4", "level": "local", "audience": "mieszkańcy"}
        ]

    sheet = sheet_from(tmp_path, change)
    assert passes(check("promotion_yearly", PROMOTION, sheet))
    issues = failures(check("promotion_yearly", {**PROMOTION, "min_partial_months": 1}, sheet))
    assert [i.params["span"] for i in issues] == ["05.2027 – 06.2027"]


@pytest.mark.parametrize(
    ("mode", "start", "end", "years"),
    [
        ("program", "2026-04-01", "2027-12-31", [("04.2026", "03.2027"), ("04.2027", "12.2027")]),
        ("program", "2026-05-01", "2027-06-30", [("05.2026", "06.2027")]),
        ("calendar", "2026-11-01", "2027-12-31", [("11.2026", "12.2027")]),
        ("calendar", "2026-04-01", "2027-12-31", [("04.2026", "12.2026"), ("01.2027", "12.2027")]),
    ],
)
def test_program_years(mode, start, end, years):
    from deedgen.compliance.kinds.promotion import _month, program_years

    coalition = {
        "period_start": dt.date.fromisoformat(start),
        "period_end": dt.date.fromisoformat(end),
    }
    assert [(_month(a), _month(b)) for a, b in program_years(coalition, mode, 6)] == years


# --- quarterly_presentation ------------------------------------------------------------------

QUARTERLY = {
    "event_kind": "quarterly_presentation",
    "covered_by_clause": "monitoring.cycle",
    "document": "declaration",
}


def test_quarterly_presentation_covered_by_the_monitoring_clause(lipowiec):
    issues = check("quarterly_presentation", QUARTERLY, lipowiec)
    assert passes(issues) and issues[0].code == "quarterly_presentation_by_clause"
    assert issues[0].params["quarters"] == "2026-Q2, 2027-Q1, 2027-Q2"


def test_quarterly_presentation_missing_without_the_clause(lipowiec):
    issues = failures(
        check(
            "quarterly_presentation",
            QUARTERLY,
            lipowiec,
            documents_for(lipowiec, drop=("monitoring.cycle",)),
        )
    )
    assert [(i.code, i.params["quarters"]) for i in issues] == [
        ("quarterly_presentation_missing", "2026-Q2, 2027-Q1, 2027-Q2")
    ]
    assert failures(
        check("quarterly_presentation", {**QUARTERLY, "covered_by_clause": None}, lipowiec)
    )


def test_quarterly_presentation_planned_every_quarter(tmp_path):
    def change(data):
        data["promotion"] = [
            {
                "kind": "quarterly_presentation",
                "quarter": q,
                "level": "local",
                "audience": "mieszkańcy",
            }
            for q in ("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2")
        ]

    issues = check(
        "quarterly_presentation",
        {**QUARTERLY, "covered_by_clause": None},
        sheet_from(tmp_path, change),
    )
    assert passes(issues) and issues[0].code == "quarterly_presentation_ok"


# --- contributions ---------------------------------------------------------------------------

CONTRIBUTIONS = {"min_resource_kinds": 2, "every_party": True, "exempt_kinds": []}


def test_contributions_met(lipowiec):
    assert passes(check("contributions", CONTRIBUTIONS, lipowiec))


def test_contributions_too_few_resource_kinds(lipowiec):
    issues = failures(check("contributions", {**CONTRIBUTIONS, "min_resource_kinds": 4}, lipowiec))
    assert [(i.code, i.params["missing"].pl) for i in issues] == [("resources_too_few", "finanse")]


def test_contributions_party_without_one(tmp_path):
    sheet = sheet_from(
        tmp_path,
        lambda d: d.update(contributions=[c for c in d["contributions"] if c["party"] != "szkola"]),
    )
    issues = failures(check("contributions", CONTRIBUTIONS, sheet))
    assert [(i.code, i.params["party"]) for i in issues] == [("party_no_contribution", "szkola")]
    assert issues[0].places[0].path == "parties[3]"
    assert passes(check("contributions", {**CONTRIBUTIONS, "exempt_kinds": ["school"]}, sheet))


# --- preliminary_declaration -----------------------------------------------------------------


def test_preliminary_declaration_met(lipowiec):
    assert passes(
        check(
            "preliminary_declaration", {"min_days_before": 1, "document": "preliminary"}, lipowiec
        )
    )


def test_preliminary_declaration_too_late(lipowiec):
    # 10 February → 15 April is 64 days
    issues = failures(
        check("preliminary_declaration", {"min_days_before": 65, "document": None}, lipowiec)
    )
    assert [i.code for i in issues] == ["preliminary_too_late"]
    assert issues[0].places[0].path == "coalition.preliminary_declaration_date"
    assert passes(
        check("preliminary_declaration", {"min_days_before": 64, "document": None}, lipowiec)
    )


def test_preliminary_declaration_document_not_assembled(lipowiec):
    documents = documents_for(lipowiec, omit=("preliminary",))
    issues = failures(
        check(
            "preliminary_declaration",
            {"min_days_before": 1, "document": "preliminary"},
            lipowiec,
            documents,
        )
    )
    assert [i.code for i in issues] == ["document_missing"]


# --- program_period --------------------------------------------------------------------------


def test_program_period(lipowiec):
    assert passes(check("program_period", {"min_months": 21}, lipowiec))
    issues = failures(check("program_period", {"min_months": 22}, lipowiec))
    assert [(i.code, i.params["found"]) for i in issues] == [("period_too_short", 21)]
    assert issues[0].places[0].path == "coalition.period_end"


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2026-04-01", "2027-12-31", 21),
        ("2026-04-15", "2027-04-14", 12),
        ("2026-04-15", "2027-04-13", 11),
        ("2026-01-31", "2026-02-26", 0),
        ("2026-01-31", "2026-02-28", 1),
        ("2026-03-01", "2026-03-31", 1),
    ],
)
def test_whole_months(start, end, months):
    assert whole_months(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == months


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 2) == dt.date(2027, 1, 30)


# --- places ----------------------------------------------------------------------------------


def test_place_in_a_workbook_reads_as_sheet_and_cell():
    place = Place(
        path="actions[0].problem",
        location=Location(file="lipowiec.xlsx", sheet="Działania", cell="C5"),
        action="d1",
    )
    # the row and the column's label, as the librarian sees the sheet; no data path (issue 14)
    assert (
        place.describe("pl")
        == "Działania!C5 — wiersz 5, kolumna „Problem społeczny”, działanie „d1”"
    )
    assert place.describe("en") == "Działania!C5 — row 5, column \"Problem społeczny\", action 'd1'"


def test_place_of_a_clause_names_the_document():
    place = Place(clause="mentoring.bw", document="declaration")
    assert place.describe("pl") == "klauzula mentoring.bw (w dokumencie: Deklaracja partnerstwa)"


def test_money_in_polish_and_english():
    from deedgen.compliance.messages import money_label

    label = money_label(Decimal("1234567.5"))
    assert (label.pl, label.en) == ("1\u00a0234\u00a0567,50\u00a0zł", "PLN 1,234,567.50")
