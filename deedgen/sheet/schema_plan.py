"""The coalition's plan in the sheet: its goals, its actions with their quarterly micro-successes,
its promotion events and its yearly evaluation.
"""

from __future__ import annotations

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import PROBLEM_CATEGORIES, PROMOTION_KINDS, PROMOTION_LEVELS
from deedgen.sheet.schema_base import Strict, doc


class GoalsSchema(Strict):
    chosen = sheet_fields.List(
        sheet_fields.Text(max_length=80),
        load_default=list,
        metadata=doc(
            "Cele z biblioteki klauzul",
            "identyfikatory celów, np. goal_menu.reading",
            "Ids of goals chosen from the clause library",
        ),
    )
    own = sheet_fields.List(
        sheet_fields.Text(max_length=600),
        load_default=list,
        metadata=doc("Cele własne", "cel własny koalicji (zdanie)", "Own goals in free text"),
    )


class MicroSuccessSchema(Strict):
    action = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Działanie (id)", "identyfikator działania", "Id of the action"),
    )
    quarter = sheet_fields.Quarter(required=True, metadata=doc("Kwartał", "np. 2026-Q2", "Quarter"))
    description = sheet_fields.Text(
        required=True,
        max_length=600,
        metadata=doc("Mikrosukces", "mierzalny efekt kwartału", "The quarter's micro-success"),
    )


class ActionSchema(Strict):
    id = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Id", "krótki klucz, np. d1", "Short key of the action"),
    )
    title = sheet_fields.Text(
        required=True, max_length=300, metadata=doc("Tytuł", "", "Title of the action")
    )
    problem = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=600,
        metadata=doc(
            "Problem społeczny",
            "na jaki problem odpowiada (puste: brak)",
            "The social problem the action addresses",
        ),
    )
    problem_category = sheet_fields.Choice(
        PROBLEM_CATEGORIES,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Kategoria problemu", "kategoria problemu społecznego", "Category of the social problem"
        ),
    )
    lead = sheet_fields.Text(
        required=True, max_length=40, metadata=doc("Lider (id strony)", "", "Id of the lead party")
    )
    partners = sheet_fields.List(
        sheet_fields.Text(max_length=40),
        load_default=list,
        metadata=doc(
            "Partnerzy (id)", "identyfikatory stron, po przecinku", "Ids of partner parties"
        ),
    )
    start_quarter = sheet_fields.Quarter(
        required=True, metadata=doc("Kwartał rozpoczęcia", "np. 2026-Q2", "First quarter")
    )
    end_quarter = sheet_fields.Quarter(
        required=True, metadata=doc("Kwartał zakończenia", "np. 2027-Q1", "Last quarter")
    )
    budget = sheet_fields.Amount(
        load_default=None,
        allow_none=True,
        metadata=doc("Budżet (zł)", "opcjonalnie", "Budget in PLN (optional)"),
    )
    micro_successes = sheet_fields.List(
        sheet_fields.Nested(MicroSuccessSchema(exclude=("action",))),
        load_default=list,
        metadata=doc("Mikrosukcesy", "", "Micro-success per quarter"),
    )


class PromotionSchema(Strict):
    kind = sheet_fields.Choice(
        PROMOTION_KINDS,
        required=True,
        metadata=doc(
            "Rodzaj",
            "seminar, conference, quarterly_presentation, other",
            "Kind of promotion event",
        ),
    )
    quarter = sheet_fields.Quarter(required=True, metadata=doc("Kwartał", "np. 2026-Q4", "Quarter"))
    level = sheet_fields.Choice(
        PROMOTION_LEVELS,
        load_default="local",
        metadata=doc("Zasięg", "local albo regional", "Local or regional"),
    )
    audience = sheet_fields.Text(
        required=True, max_length=300, metadata=doc("Odbiorcy", "do kogo kierowane", "Audience")
    )
    description = sheet_fields.Text(
        load_default=None, allow_none=True, max_length=600, metadata=doc("Opis", "", "Description")
    )


class EvaluationSchema(Strict):
    month = sheet_fields.Integer(
        required=True,
        metadata=doc("Miesiąc ewaluacji", "1–12", "Month of the annual evaluation (1–12)"),
    )
    method = sheet_fields.Text(
        required=True,
        max_length=600,
        metadata=doc(
            "Metoda ewaluacji",
            "np. ankieta i spotkanie podsumowujące",
            "Method of the annual evaluation",
        ),
    )
    recipients = sheet_fields.List(
        sheet_fields.Text(max_length=200),
        load_default=list,
        metadata=doc(
            "Odbiorcy raportu", "np. Wójt Gminy, Rada Gminy", "Who receives the evaluation report"
        ),
    )
