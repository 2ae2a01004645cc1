"""The report workbook's layout, shared by the writer (:mod:`.workbook`) and the reader
(:mod:`.reader`): its sheets, their Polish headers, help texts, drop-downs and which columns
``deedgen report init`` fills from the partner sheet.

Two shapes of sheet, as in the partner sheet: a **form** (``Raport``, ``Trwałość``, ``Wnioski``:
column A the field, column B its value, column C help) and a **table** (a header row, one record
per row). Columns marked ``plan`` are copied from the partner sheet; the others are the team's.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("zrealizowane", "częściowo", "nie", "przesunięte")
ACHIEVED = ("zrealizowane", "częściowo")
YES_NO = ("TAK", "NIE")
YES_NO_NA = ("TAK", "NIE", "nie dotyczy")
ACTION_STATES = ("zgodnie z planem", "opóźnione", "wstrzymane", "zakończone")
CHANGE_KINDS = (
    "nowe działanie",
    "nowy mikrosukces",
    "zmiana terminu",
    "zmiana partnerów",
    "rezygnacja",
    "inna",
)
GOAL_PROGRESS = ("osiągnięty", "w toku", "zagrożony", "nierozpoczęty")
DELIVERED = ("tak", "częściowo", "nie")
KIND_QUARTERLY = "kwartalny"
KIND_ANNUAL = "roczny"


@dataclass(frozen=True)
class Col:
    """A column of a table, or a row of a form."""

    key: str
    label: str
    help: str
    kind: str = "text"  # text, choice, date, int, quarter, bool, amount
    choices: tuple[str, ...] = ()
    required: bool = False
    plan: bool = False  # filled by report init from the partner sheet
    max_length: int = 600
    width: int = 18

    @property
    def header(self) -> str:
        return self.label + (" *" if self.required else "")

    @property
    def options(self) -> tuple[str, ...]:
        return YES_NO if self.kind == "bool" else self.choices


@dataclass(frozen=True)
class SheetLayout:
    name: str
    purpose: str
    columns: tuple[Col, ...]
    form: bool = False  # a form (field / value / help) rather than a table
    annual_only: bool = False

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


def _c(key, label, help, kind="text", choices=(), required=False, **more) -> Col:
    return Col(key, label, help, kind, tuple(choices), required, **more)


INFO = SheetLayout(
    "Raport",
    "dane raportu (wypełnione z arkusza partnerów) i prezentacja mikrosukcesów kwartału",
    (
        _c(
            "coalition", "Koalicja", "nazwa koalicji z arkusza partnerów", plan=True, max_length=300
        ),
        _c("gmina", "Gmina", "nazwa gminy", plan=True, max_length=150),
        _c("terc", "Kod TERC", "kod gminy: łączy raport z arkuszem partnerów", plan=True),
        _c("period", "Okres", "kwartał (np. 2026-Q3) albo rok (np. 2026)", plan=True),
        _c("kind", "Rodzaj raportu", "kwartalny albo roczny", plan=True),
        _c("sheet", "Arkusz partnerów", "plik arkusza partnerów koalicji", plan=True),
        _c("sheet_sha256", "Skrót arkusza", "sha256 arkusza partnerów (kontrola)", plan=True),
        _c("deadline", "Termin", "ostatni dzień na sporządzenie raportu", "date", plan=True),
        _c("prepared_by", "Sporządził(a)", "funkcja w zespole, np. koordynator", max_length=200),
        _c("prepared_on", "Data sporządzenia", "np. 2026-10-15", "date", required=True),
        _c(
            "presentation_held",
            "Prezentacja mikrosukcesów odbyła się?",
            "TAK albo NIE: kwartalna prezentacja mikrosukcesów dla mieszkańców i partnerów",
            "bool",
            required=True,
        ),
        _c("presentation_date", "Data prezentacji", "gdy TAK: kiedy", "date"),
        _c("presentation_place", "Miejsce prezentacji", "gdy TAK: gdzie", max_length=200),
        _c("presentation_audience", "Dla kogo", "gdy TAK: odbiorcy prezentacji", max_length=300),
        _c("presentation_participants", "Liczba uczestników prezentacji", "liczba osób", "int"),
    ),
    form=True,
)

MICRO = SheetLayout(
    "Mikrosukcesy",
    "zaplanowane mikrosukcesy okresu: status każdego; nowe (niezaplanowane) dopisz niżej z TAK w kolumnie Nowy?",
    (
        _c("action", "Działanie (id)", "identyfikator działania z planu", required=True, width=12),
        _c("action_title", "Działanie", "tytuł działania", plan=True, width=30),
        _c("quarter", "Kwartał", "np. 2026-Q3", "quarter", required=True, width=10),
        _c("planned", "Zaplanowany mikrosukces", "z Planu działań", plan=True, width=36),
        _c("new", "Nowy?", "TAK: mikrosukces spoza planu", "bool", width=8),
        _c("description", "Co osiągnięto", "opis efektu; wymagany dla nowego", width=36),
        _c(
            "status",
            "Status",
            "zrealizowane, częściowo, nie, przesunięte",
            "choice",
            STATUSES,
            True,
        ),
        _c("moved_to", "Przesunięte na kwartał", "gdy przesunięte: nowy kwartał", "quarter"),
        _c("date", "Data", "kiedy mikrosukces osiągnięto", "date", width=12),
        _c("participants", "Liczba uczestników", "liczba osób, bez danych osobowych", "int"),
        _c("partners", "Zaangażowani partnerzy (id)", "identyfikatory stron, po przecinku"),
        _c("problem", "Problem społeczny", "na jaki problem odpowiedział", width=28),
        _c("evidence", "Dowód", "link albo nazwa pliku (zdjęcia, lista obecności)", width=28),
        _c("remarks", "Uwagi", "trudności, korekty", width=30),
    ),
)

ACTIONS = SheetLayout(
    "Działania",
    "działania prowadzone w okresie i stan ich realizacji",
    (
        _c("action", "Id", "identyfikator działania", plan=True, width=8),
        _c("title", "Tytuł", "tytuł działania", plan=True, width=36),
        _c("problem", "Problem społeczny", "z planu", plan=True, width=28),
        _c("lead", "Lider", "strona prowadząca", plan=True, width=12),
        _c("quarters", "Okres działania", "kwartały z planu", plan=True, width=18),
        _c("state", "Stan realizacji", "stan w okresie", "choice", ACTION_STATES, True, width=18),
        _c("remarks", "Uwagi", "", width=36),
    ),
)

PROMOTION = SheetLayout(
    "Promocja",
    "wydarzenia promocyjne zaplanowane w okresie: czy się odbyły",
    (
        _c("kind", "Rodzaj", "z planu", plan=True, width=24),
        _c("quarter", "Kwartał", "z planu", "quarter", plan=True, width=10),
        _c("audience", "Odbiorcy", "z planu", plan=True, width=30),
        _c("held", "Odbyło się?", "TAK albo NIE", "bool", required=True, width=10),
        _c("date", "Data", "", "date", width=12),
        _c("place", "Miejsce", "", max_length=200, width=22),
        _c("participants", "Liczba uczestników", "", "int"),
        _c("remarks", "Uwagi", "", width=30),
    ),
)

CHANGES = SheetLayout(
    "Zmiany planu",
    "proponowane zmiany Planu działań na kolejne okresy, po jednej w wierszu",
    (
        _c("action", "Działanie (id)", "puste dla nowego działania", width=12),
        _c("change", "Rodzaj zmiany", "wybierz z listy", "choice", CHANGE_KINDS, True, width=20),
        _c("description", "Opis zmiany", "co i dlaczego", required=True, width=50),
        _c("from_quarter", "Od kwartału", "np. 2027-Q1", "quarter", width=12),
    ),
)

GOALS = SheetLayout(
    "Cele",
    "postęp w realizacji celów koalicji",
    (
        _c("goal", "Cel", "z deklaracji partnerstwa", plan=True, width=50),
        _c("progress", "Postęp", "wybierz z listy", "choice", GOAL_PROGRESS, True, width=14),
        _c("evidence", "Co na to wskazuje", "wskaźnik, efekt", width=40),
        _c("remarks", "Uwagi", "", width=30),
    ),
    annual_only=True,
)

CONTRIBUTIONS = SheetLayout(
    "Wkłady",
    "czy strony wniosły zadeklarowany wkład",
    (
        _c("party", "Strona (id)", "z arkusza partnerów", plan=True, width=10),
        _c("party_name", "Strona", "", plan=True, width=30),
        _c("resource", "Zasób", "", plan=True, width=12),
        _c("declared", "Zadeklarowany wkład", "", plan=True, width=40),
        _c("delivered", "Wniesiono?", "tak, częściowo, nie", "choice", DELIVERED, True, width=12),
        _c("amount", "Kwota wniesiona (zł)", "dla wkładu finansowego", "amount", width=14),
        _c("remarks", "Uwagi", "", width=30),
    ),
    annual_only=True,
)

SUSTAINABILITY = SheetLayout(
    "Trwałość",
    "mechanizmy trwałości: posiedzenia zespołu, zobowiązania po zmianie władz",
    (
        _c("team_meetings", "Posiedzenia zespołu w roku", "liczba", "int", required=True),
        _c(
            "authorities_changed",
            "Zmiana władz gminy w roku?",
            "TAK albo NIE",
            "bool",
            required=True,
        ),
        _c(
            "commitments_kept",
            "Zobowiązania dotrzymane po zmianie władz?",
            "TAK, NIE albo nie dotyczy",
            "choice",
            YES_NO_NA,
            True,
        ),
        _c(
            "authorities_briefed",
            "Nowe władze poinformowane o deklaracji?",
            "TAK, NIE albo nie dotyczy",
            "choice",
            YES_NO_NA,
        ),
        _c("council_date", "Raport przekazany radzie gminy (data)", "", "date"),
    ),
    form=True,
    annual_only=True,
)

CONCLUSIONS = SheetLayout(
    "Wnioski",
    "wnioski zespołu z roku i rekomendacje",
    (
        _c(
            "conclusions", "Wnioski zespołu", "co się udało, co nie", required=True, max_length=3000
        ),
        _c("recommendations", "Rekomendacje", "na kolejny rok", max_length=3000),
    ),
    form=True,
    annual_only=True,
)

SHEETS = (
    INFO,
    MICRO,
    ACTIONS,
    PROMOTION,
    CHANGES,
    GOALS,
    CONTRIBUTIONS,
    SUSTAINABILITY,
    CONCLUSIONS,
)
INSTRUCTIONS = "Instrukcja"
FORM_HEADERS = ("Pole", "Wartość", "Pomoc")


def sheets_for(annual: bool) -> tuple[SheetLayout, ...]:
    return tuple(s for s in SHEETS if annual or not s.annual_only)


def norm(text) -> str:
    """A header as matched: case, spacing and the required mark ignored."""
    return " ".join(str(text).replace("\u00a0", " ").split()).rstrip("*").strip().casefold()
