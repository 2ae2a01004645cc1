"""The partner sheet: one marshmallow schema per table, one documented field per line.

This module is the single source of truth for the sheet: the YAML/JSON structure, the XLSX
workbook's sheets and Polish column headers (``label``), the column help (``help``, Polish), the
JSON Schema (``description``, English) and the drop-downs (``Choice``) all come from here.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema

from deedgen.sheet import fields as sheet_fields


def doc(label: str, help: str, description: str) -> dict:
    """Field metadata: Polish column header, Polish help, English description."""
    return {"label": label, "help": help, "description": description}


# --- enumerations -------------------------------------------------------------------------

PARTY_KINDS = (
    "library",  # biblioteka gminna — the initiator, exactly one
    "gmina",  # the JST itself (never "Urząd Gminy")
    "association",  # stowarzyszenie rejestrowe (KRS)
    "foundation",  # fundacja (KRS)
    "ordinary_association",  # stowarzyszenie zwykłe, e.g. Koło Przyjaciół Biblioteki
    "school",  # jednostka budżetowa acting under the wójt's power of attorney
    "cultural_institution",  # samorządowa instytucja kultury (GOK, muzeum…)
    "county_library",  # biblioteka powiatowa
    "powiat",  # powiat: two members of the zarząd sign
    "business",  # przedsiębiorca
    "informal_group",  # grupa nieformalna
    "resident",  # mieszkaniec, in their own name
)
PARTY_KIND_LABELS_PL = {
    "library": "biblioteka gminna",
    "gmina": "gmina (JST)",
    "association": "stowarzyszenie",
    "foundation": "fundacja",
    "ordinary_association": "stowarzyszenie zwykłe",
    "school": "szkoła",
    "cultural_institution": "instytucja kultury",
    "county_library": "biblioteka powiatowa",
    "powiat": "powiat",
    "business": "przedsiębiorca",
    "informal_group": "grupa nieformalna",
    "resident": "mieszkaniec",
}
GMINA_KINDS = ("miejska", "wiejska", "miejsko-wiejska")
EXECUTIVE_TITLES = ("wójt", "burmistrz", "prezydent miasta")
RESOURCES = ("people", "space", "finances", "knowledge")
RESOURCE_LABELS_PL = {
    "people": "ludzie",
    "space": "przestrzeń",
    "finances": "finanse",
    "knowledge": "wiedza",
}
TEAM_ROLES = ("coordinator", "member")
PROBLEM_CATEGORIES = (
    "social_exclusion",  # wykluczenie społeczne
    "digital_exclusion",  # wykluczenie cyfrowe
    "seniors",  # osamotnienie i aktywność seniorów
    "youth",  # dzieci i młodzież
    "education",  # edukacja, kompetencje
    "integration",  # integracja, więzi sąsiedzkie
    "disability",  # niepełnosprawność, dostępność
    "culture_access",  # dostęp do kultury
    "civic_participation",  # partycypacja obywatelska
    "other",  # inny
)
PROMOTION_KINDS = ("seminar", "conference", "quarterly_presentation", "other")
PROMOTION_LEVELS = ("local", "regional")
LANGUAGES = ("pl", "en")


# --- tables -------------------------------------------------------------------------------


class Strict(Schema):
    """Unknown keys are errors: a typo in a YAML key must not be silently ignored."""

    class Meta:
        unknown = RAISE
        ordered = True


class AddressSchema(Strict):
    street = sheet_fields.Text(
        required=True, metadata=doc("Ulica i numer", "np. ul. Rynek 5", "Street and number")
    )
    postal_code = sheet_fields.PostalCode(
        required=True, metadata=doc("Kod pocztowy", "format NN-NNN", "Postal code, NN-NNN")
    )
    city = sheet_fields.Text(
        required=True, metadata=doc("Miejscowość", "poczta", "City (post town)")
    )


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


class RepresentativeSchema(Strict):
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc(
            "Strona (id)", "identyfikator strony z arkusza Strony", "Id of the party represented"
        ),
    )
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Imię i nazwisko", "", "Name of the representative"),
    )
    function = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Funkcja", "np. Dyrektor, Prezes Zarządu", "Function"),
    )


class PowerOfAttorneySchema(Strict):
    number = sheet_fields.Text(
        required=True,
        max_length=60,
        metadata=doc("Nr pełnomocnictwa", "np. OR.0052.3.2026", "Number of the power of attorney"),
    )
    date = sheet_fields.Date(
        required=True, metadata=doc("Data pełnomocnictwa", "", "Date of the power of attorney")
    )


class PartySchema(Strict):
    id = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Id", "krótki klucz, np. gbp, gmina, kgw", "Short key used for references"),
    )
    kind = sheet_fields.Choice(
        PARTY_KINDS, required=True, metadata=doc("Rodzaj", "rodzaj strony", "Kind of party")
    )
    name = sheet_fields.Text(
        required=True,
        max_length=300,
        metadata=doc("Pełna nazwa", "pełna nazwa zgodnie z rejestrem", "Full name"),
    )
    short_name = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=80,
        metadata=doc(
            "Nazwa skrócona",
            "jak Strona będzie nazywana w dokumencie, np. „Biblioteka”",
            "Short name used in the documents (defined term)",
        ),
    )
    address = sheet_fields.Nested(
        AddressSchema, required=True, metadata=doc("Adres", "", "Seat / address")
    )
    nip = sheet_fields.Nip(
        load_default=None,
        allow_none=True,
        metadata=doc("NIP", "10 cyfr, z kreskami lub bez", "NIP tax number"),
    )
    regon = sheet_fields.Regon(
        load_default=None,
        allow_none=True,
        metadata=doc("REGON", "9 lub 14 cyfr", "REGON statistical number"),
    )
    krs = sheet_fields.Krs(
        load_default=None,
        allow_none=True,
        metadata=doc("KRS", "10 cyfr (fundacje, stowarzyszenia)", "KRS register number"),
    )
    email = sheet_fields.Email(
        load_default=None,
        allow_none=True,
        metadata=doc("E-mail", "adres do kontaktu", "Contact e-mail"),
    )
    representation_basis = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=300,
        metadata=doc(
            "Podstawa reprezentacji", "np. statut, odpis z KRS, uchwała", "Basis of representation"
        ),
    )
    organizer = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=150,
        metadata=doc(
            "Organizator",
            "dla instytucji kultury i bibliotek: organizator",
            "Organiser of a cultural institution or library",
        ),
    )
    power_of_attorney = sheet_fields.Nested(
        PowerOfAttorneySchema,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Pełnomocnictwo", "dla szkół: pełnomocnictwo wójta", "Power of attorney (schools)"
        ),
    )
    representatives = sheet_fields.List(
        sheet_fields.Nested(RepresentativeSchema(exclude=("party",))),
        load_default=list,
        metadata=doc("Reprezentanci", "", "Representatives who sign"),
    )
    iod_email = sheet_fields.Email(
        load_default=None,
        allow_none=True,
        metadata=doc("E-mail IOD", "inspektor ochrony danych", "Data protection officer's e-mail"),
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


class ContributionSchema(Strict):
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Strona (id)", "identyfikator strony", "Id of the contributing party"),
    )
    resource = sheet_fields.Choice(
        RESOURCES,
        required=True,
        metadata=doc("Zasób", "people, space, finances albo knowledge", "Resource kind"),
    )
    description = sheet_fields.Text(
        required=True,
        max_length=600,
        metadata=doc("Opis wkładu", "co konkretnie Strona wnosi", "What the party contributes"),
    )
    amount = sheet_fields.Amount(
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Kwota (zł)",
            "tylko dla wkładu finansowego, np. 1000,00",
            "Amount in PLN (exact decimal)",
        ),
    )
    period = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=100,
        metadata=doc("Okres", "np. 2026–2027", "Period of the contribution"),
    )


class TeamMemberSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Imię i nazwisko", "", "Name of the team member"),
    )
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc(
            "Strona (id)", "instytucja, którą reprezentuje", "Id of the party the member represents"
        ),
    )
    role = sheet_fields.Choice(
        TEAM_ROLES,
        load_default="member",
        metadata=doc("Rola", "coordinator albo member", "Role in the project team"),
    )


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
