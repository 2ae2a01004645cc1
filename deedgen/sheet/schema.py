"""The partner sheet: one marshmallow schema per table, one documented field per line.

:class:`SheetSchema` is the single source of truth for the sheet: the YAML/JSON structure, the
XLSX workbook's sheets and Polish column headers (``label``), the column help (``help``, Polish),
the JSON Schema (``description``, English) and the drop-downs (``Choice``) all come from it.
This module holds the sheet itself and its one-record sections (coalition, gmina, treasurer,
mentor); the parties are in :mod:`.schema_parties`, the plan in :mod:`.schema_plan`, the allowed
values in :mod:`.enumerations`.
"""

from __future__ import annotations

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import EXECUTIVE_TITLES, GMINA_KINDS, LANGUAGES
from deedgen.sheet.schema_base import Strict, doc
from deedgen.sheet.schema_parties import ContributionSchema, PartySchema, TeamMemberSchema
from deedgen.sheet.schema_plan import ActionSchema, EvaluationSchema, GoalsSchema, PromotionSchema


class CoalitionSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=300,
        metadata=doc(
            "Nazwa koalicji",
            "pełna nazwa koalicji, np. Koalicja „Razem dla Wiślicy”",
            "Name of the coalition",
        ),
    )
    edition = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc(
            "Edycja programu", "np. 2026", "Program edition (selects the funding rule set)"
        ),
    )
    place = sheet_fields.Text(
        required=True,
        max_length=100,
        metadata=doc(
            "Miejsce zawarcia",
            "miejscowość, w której podpisuje się deklarację",
            "Place where the declaration is signed",
        ),
    )
    declaration_date = sheet_fields.Date(
        required=True,
        metadata=doc(
            "Data deklaracji partnerstwa",
            "data zawarcia, np. 2026-03-15",
            "Date of the partnership declaration",
        ),
    )
    period_start = sheet_fields.Date(
        required=True,
        metadata=doc(
            "Początek okresu programu",
            "pierwszy dzień realizacji",
            "First day of the program period",
        ),
    )
    period_end = sheet_fields.Date(
        required=True,
        metadata=doc(
            "Koniec okresu programu", "ostatni dzień realizacji", "Last day of the program period"
        ),
    )
    preliminary_declaration_date = sheet_fields.Date(
        required=True,
        metadata=doc(
            "Data wstępnej deklaracji JST",
            "data wstępnej deklaracji współpracy gminy (etap 2)",
            "Date of the JST's preliminary cooperation declaration (stage 2)",
        ),
    )
    language = sheet_fields.Choice(
        LANGUAGES,
        load_default="pl",
        metadata=doc("Język", "pl albo en", "Language of the documents (Polish is authoritative)"),
    )
    continuity = sheet_fields.Boolean(
        load_default=True,
        metadata=doc(
            "Klauzula ciągłości",
            "TAK: zobowiązania obowiązują mimo zmiany władz",
            "Include the continuity clause (commitments survive a change of authorities)",
        ),
    )
    term_years = sheet_fields.Integer(
        load_default=3,
        metadata=doc(
            "Okres obowiązywania (lata)",
            "liczba lat, po której deklaracja przedłuża się automatycznie",
            "Term in years, renewed automatically",
        ),
    )
    notice_months = sheet_fields.Integer(
        load_default=3,
        metadata=doc(
            "Okres wypowiedzenia (miesiące)", "liczba miesięcy", "Notice period in months"
        ),
    )
    jrwa = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=20,
        metadata=doc("Symbol JRWA", "opcjonalnie", "Optional JRWA filing symbol"),
    )


class GminaSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=150,
        metadata=doc("Nazwa gminy", "np. Gmina Wiślica", "Official name of the gmina"),
    )
    name_genitive = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=150,
        metadata=doc(
            "Nazwa gminy w dopełniaczu",
            "np. Gminy Wiślica",
            "The gmina's name in the genitive (optional)",
        ),
    )
    terc = sheet_fields.Terc(
        required=True, metadata=doc("Kod TERC", "7 cyfr, np. 2604082", "TERYT TERC code (7 digits)")
    )
    kind = sheet_fields.Choice(
        GMINA_KINDS,
        required=True,
        metadata=doc("Rodzaj gminy", "miejska, wiejska albo miejsko-wiejska", "Kind of gmina"),
    )
    powiat = sheet_fields.Text(
        required=True, max_length=100, metadata=doc("Powiat", "np. buski", "Powiat")
    )
    voivodeship = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Województwo", "np. świętokrzyskie", "Voivodeship"),
    )
    executive_title = sheet_fields.Choice(
        EXECUTIVE_TITLES,
        required=True,
        metadata=doc(
            "Organ wykonawczy", "wójt, burmistrz albo prezydent miasta", "Title of the executive"
        ),
    )
    executive_name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Imię i nazwisko wójta/burmistrza", "", "Name of the executive"),
    )
    # New fields go last, so the rows of existing workbooks keep their numbers.
    name_locative = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=160,
        metadata=doc(
            "Nazwa gminy w miejscowniku (z „w”)",
            "np. w Gminie Lipowiec, w Grabowej Woli Małej; puste: Gmina X → w Gminie X",
            "The gmina's name in the locative with its preposition, e.g. 'w Gminie Lipowiec'",
        ),
    )


class TreasurerSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc(
            "Skarbnik — imię i nazwisko",
            "wymagany, gdy gmina wnosi środki finansowe",
            "Name of the gmina's treasurer (skarbnik)",
        ),
    )
    function = sheet_fields.Text(
        load_default="Skarbnik Gminy",
        max_length=120,
        metadata=doc("Skarbnik — funkcja", "", "Function of the treasurer"),
    )
    name_genitive = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=120,
        metadata=doc(
            "Skarbnik — imię i nazwisko w dopełniaczu",
            "do „przy kontrasygnacie Skarbnika Gminy X …”, np. Jolanty Pietrzak",
            "The treasurer's name in the genitive, for the countersignature",
        ),
    )


class MentorSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc(
            "Mentor — imię i nazwisko", "mentor z biblioteki wojewódzkiej", "Name of the BW mentor"
        ),
    )
    library = sheet_fields.Text(
        required=True,
        max_length=200,
        metadata=doc(
            "Mentor — biblioteka wojewódzka",
            "np. Wojewódzka Biblioteka Publiczna w Kielcach",
            "The voivodeship library (BW)",
        ),
    )
    email = sheet_fields.Email(
        load_default=None, allow_none=True, metadata=doc("Mentor — e-mail", "", "Mentor's e-mail")
    )


class SheetSchema(Strict):
    coalition = sheet_fields.Nested(
        CoalitionSchema, required=True, metadata=doc("Koalicja", "", "The coalition")
    )
    gmina = sheet_fields.Nested(
        GminaSchema, required=True, metadata=doc("Gmina", "", "The gmina (JST)")
    )
    parties = sheet_fields.List(
        sheet_fields.Nested(PartySchema),
        required=True,
        metadata=doc("Strony", "", "Signatory parties"),
    )
    treasurer = sheet_fields.Nested(
        TreasurerSchema,
        load_default=None,
        allow_none=True,
        metadata=doc("Skarbnik", "", "The gmina's treasurer (skarbnik)"),
    )
    mentor = sheet_fields.Nested(
        MentorSchema,
        load_default=None,
        allow_none=True,
        metadata=doc("Mentor", "", "The BW mentor"),
    )
    contributions = sheet_fields.List(
        sheet_fields.Nested(ContributionSchema),
        load_default=list,
        metadata=doc("Wkłady", "", "Contributions of the parties"),
    )
    team = sheet_fields.List(
        sheet_fields.Nested(TeamMemberSchema),
        load_default=list,
        metadata=doc("Zespół", "", "The project team"),
    )
    goals = sheet_fields.Nested(
        GoalsSchema,
        load_default=lambda: {"chosen": [], "own": []},
        metadata=doc("Cele", "", "Goals"),
    )
    actions = sheet_fields.List(
        sheet_fields.Nested(ActionSchema),
        load_default=list,
        metadata=doc("Działania", "", "Actions"),
    )
    promotion = sheet_fields.List(
        sheet_fields.Nested(PromotionSchema),
        load_default=list,
        metadata=doc("Promocja", "", "Promotion events"),
    )
    evaluation = sheet_fields.Nested(
        EvaluationSchema,
        load_default=None,
        allow_none=True,
        metadata=doc("Ewaluacja", "", "The annual evaluation"),
    )
