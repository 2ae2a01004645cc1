"""Texts of compliance findings, in Polish (default) and English, keyed by a message code.

``MESSAGES`` says what was found; ``FIXES`` says what to do about it, in the words of the partner
sheet a librarian fills in (its sheets: Strony, Wkłady, Zespół, Działania, Promocja…). Counts are
written as "działań …: 1" so that Polish needs no plural forms.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from deedgen.context import PROMOTION_LABELS
from deedgen.document import DOCUMENT_TITLES
from deedgen.sheet.enumerations import PARTY_KIND_LABELS_PL, RESOURCE_LABELS_PL


class Bilingual:
    """A message parameter that reads differently in Polish and English."""

    __slots__ = ("pl", "en")

    def __init__(self, pl: str, en: str) -> None:
        self.pl, self.en = pl, en

    def get(self, lang: str) -> str:
        return self.pl if lang == "pl" else self.en

    def __str__(self) -> str:
        return self.pl

    def __eq__(self, other) -> bool:
        return isinstance(other, Bilingual) and (self.pl, self.en) == (other.pl, other.en)

    def __hash__(self) -> int:
        return hash((self.pl, self.en))

    def __repr__(self) -> str:
        return f"Bilingual({self.pl!r}, {self.en!r})"


def kind_label(kind: str) -> Bilingual:
    return Bilingual(PARTY_KIND_LABELS_PL.get(kind, kind), kind.replace("_", " "))


def kind_labels(kinds) -> Bilingual:
    return Bilingual(
        ", ".join(kind_label(k).pl for k in kinds), ", ".join(kind_label(k).en for k in kinds)
    )


def resource_labels(resources) -> Bilingual:
    if not resources:
        return Bilingual("—", "—")
    return Bilingual(
        ", ".join(RESOURCE_LABELS_PL.get(r, r) for r in resources), ", ".join(resources)
    )


def document_label(kind: str) -> Bilingual:
    titles = DOCUMENT_TITLES.get(kind, {})
    return Bilingual(titles.get("pl", kind), titles.get("en", kind))


def promotion_label(kind: str) -> Bilingual:
    pl, en = PROMOTION_LABELS.get(kind, (kind, kind))
    return Bilingual(pl, en)


def date_label(day: dt.date) -> Bilingual:
    return Bilingual(day.strftime("%d.%m.%Y"), day.isoformat())


def money_label(amount: Decimal) -> Bilingual:
    """1 000,00 zł (with a no-break space) / PLN 1,000.00."""
    en = f"{amount:,.2f}"
    pl = en.replace(",", "\u00a0").replace(".", ",")
    return Bilingual(f"{pl}\u00a0zł", f"PLN {en}")


MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Polish, English); str.format placeholders come from the params
    "document_missing": (
        "nie złożono dokumentu: {document}",
        "the document was not assembled: {document}",
    ),
    # parties and signatures
    "initiator_count": (
        "stron rodzaju „{kind}”: {found}; koalicję inicjuje dokładnie jedna",
        "parties of kind '{kind}': {found}; exactly one initiates the coalition",
    ),
    "party_kind_missing": ("wśród stron nie ma: {kind}", "no party is a {kind}"),
    "party_not_signing": (
        "strona „{name}” nie ma miejsca na podpis w dokumencie: {document}",
        "party '{name}' has no signature line in: {document}",
    ),
    "required_parties_ok": ("podpisują ({document}): {names}", "signing ({document}): {names}"),
    "countersignature_not_needed": (
        "żadna ze stron rodzaju: {kinds} nie wnosi środków finansowych — kontrasygnata skarbnika nie jest potrzebna",
        "no party of kind: {kinds} contributes money — no treasurer's countersignature is needed",
    ),
    "countersignature_missing": (
        "strona „{party}” wnosi środki finansowe ({amount}), a dokument nie ma miejsca na kontrasygnatę skarbnika",
        "party '{party}' contributes money ({amount}) but the document has no line for the treasurer's countersignature (kontrasygnata)",
    ),
    "countersignature_ok": (
        "środki finansowe wnosi: {parties}; dokument ma miejsce na kontrasygnatę skarbnika",
        "money is contributed by: {parties}; the document has the treasurer's countersignature line",
    ),
    "iod_missing": (
        "strona „{name}” ({kind}) jest podmiotem publicznym i musi wyznaczyć inspektora ochrony danych (art. 37 ust. 1 lit. a RODO), a arkusz nie podaje jego e-maila",
        "party '{name}' ({kind}) is a public body and must appoint a data protection officer (art. 37(1)(a) GDPR), but the sheet gives no e-mail for them",
    ),
    "iod_ok": (
        "każdy podmiot publiczny wśród stron (liczba: {found}) podaje inspektora ochrony danych",
        "every public body among the parties ({found}) names its data protection officer",
    ),
    "representatives_too_few": (
        "strona „{name}” ({kind}): osób podpisujących {found}, wymagane co najmniej {expected}",
        "party '{name}' ({kind}): {found} signatories, at least {expected} required",
    ),
    "representatives_ok": (
        "każda strona ma wymaganą liczbę osób podpisujących",
        "every party has the required number of signatories",
    ),
    # actions
    "social_actions_ok": (
        "działań odpowiadających na problemy społeczne: {found} ({ids}); wymagane co najmniej {min}",
        "actions addressing social problems: {found} ({ids}); at least {min} required",
    ),
    "social_actions_too_few": (
        "działań odpowiadających na problemy społeczne: {found} ({ids}); wymagane co najmniej {min}",
        "actions addressing social problems: {found} ({ids}); at least {min} required",
    ),
    "micro_success_missing": (
        "działanie „{action}” nie ma mikrosukcesu w kwartałach: {quarters}",
        "action '{action}' has no micro-success in: {quarters}",
    ),
    "action_outside_period": (
        "działanie „{action}”: kwartał {quarter} wykracza poza okres programu ({period})",
        "action '{action}': quarter {quarter} lies outside the program period ({period})",
    ),
    "micro_successes_ok": (
        "każde działanie (liczba działań: {count}) ma mikrosukces w każdym kwartale",
        "every action ({count}) has a micro-success in each of its quarters",
    ),
    # team and mentor
    "team_party_missing": (
        "w zespole projektowym nie ma przedstawiciela strony „{name}”",
        "the project team has no representative of '{name}'",
    ),
    "team_no_coordinator": (
        "zespół projektowy nie ma koordynatora",
        "the project team has no coordinator",
    ),
    "project_team_ok": (
        "zespół projektowy (osób: {count}) reprezentuje wymagane strony",
        "the project team ({count} people) represents the required parties",
    ),
    "mentor_missing": (
        "nie wskazano mentora z biblioteki wojewódzkiej",
        "no mentor from the voivodeship library (BW) is named",
    ),
    "mentor_ok": ("mentor: {name} ({library})", "mentor: {name} ({library})"),
    # clauses
    "clause_missing": (
        "w dokumencie „{document}” brakuje klauzuli {clause}{why}",
        "'{document}' lacks the clause {clause}{why}",
    ),
    "clauses_present_ok": (
        "dokument „{document}” zawiera: {clauses}",
        "'{document}' contains: {clauses}",
    ),
    # promotion
    "promotion_year_missing": (
        "{year} ({span}): zaplanowanych wydarzeń promocyjnych {found}, wymagane co najmniej {min}",
        "{year} ({span}): {found} promotion events planned, at least {min} required",
    ),
    "promotion_yearly_ok": (
        "wydarzenia promocyjne zaplanowano w każdym roku (lat: {years}, wydarzeń: {count})",
        "promotion events are planned in every year ({years} years, {count} events)",
    ),
    "quarterly_presentation_ok": (
        "prezentację mikrosukcesów zaplanowano w każdym kwartale działań (kwartałów: {count})",
        "a presentation of micro-successes is planned in each quarter of the actions ({count})",
    ),
    "quarterly_presentation_by_clause": (
        "prezentację mikrosukcesów co kwartał zapewnia klauzula {clause} ({where}); w arkuszu Promocja nie zaplanowano jej w kwartałach: {quarters}",
        "quarterly presentation of micro-successes is provided by clause {clause} ({where}); the Promotion sheet plans none in: {quarters}",
    ),
    "quarterly_presentation_missing": (
        "nie zaplanowano prezentacji mikrosukcesów ({kind}) w kwartałach: {quarters}",
        "no presentation of micro-successes ({kind}) is planned in: {quarters}",
    ),
    # contributions
    "resources_too_few": (
        "rodzajów zasobów we wkładach: {found} ({have}); wymagane co najmniej {min}; brakuje: {missing}",
        "resource kinds among the contributions: {found} ({have}); at least {min} required; missing: {missing}",
    ),
    "party_no_contribution": (
        "strona „{name}” nie wnosi żadnego wkładu",
        "party '{name}' contributes nothing",
    ),
    "contributions_ok": (
        "rodzajów zasobów we wkładach: {found} ({have})",
        "resource kinds among the contributions: {found} ({have})",
    ),
    # dates
    "preliminary_too_late": (
        "wstępna deklaracja współpracy JST ({preliminary}) nie poprzedza deklaracji partnerstwa ({declared}); wymagany odstęp w dniach: co najmniej {days}",
        "the JST's preliminary declaration ({preliminary}) does not precede the partnership declaration ({declared}) by at least {days} days",
    ),
    "preliminary_ok": (
        "wstępna deklaracja współpracy JST ({preliminary}) poprzedza deklarację partnerstwa ({declared})",
        "the JST's preliminary declaration ({preliminary}) precedes the partnership declaration ({declared})",
    ),
    "period_too_short": (
        "okres programu {start} – {end}: pełnych miesięcy {found}, wymagane co najmniej {min}",
        "program period {start} – {end}: {found} whole months, at least {min} required",
    ),
    "period_ok": (
        "okres programu {start} – {end}: pełnych miesięcy {found} (wymagane co najmniej {min})",
        "program period {start} – {end}: {found} whole months (at least {min} required)",
    ),
    "rule_met": ("warunek spełniony", "condition met"),
}

FIXES: dict[str, tuple[str, str]] = {
    "document_missing": (
        "Dokument nie powstał z biblioteki klauzul — zgłoś to osobie, która prowadzi bibliotekę klauzul.",
        "The clause library produced no such document — tell whoever maintains the clause library.",
    ),
    "initiator_count": (
        "W arkuszu Strony wpisz dokładnie jedną bibliotekę gminną (rodzaj: „biblioteka gminna”).",
        "In the Parties sheet, list exactly one municipal library (kind: library).",
    ),
    "party_kind_missing": (
        "Dodaj tę stronę w arkuszu Strony (gminę jako jednostkę samorządu, nie „Urząd Gminy”).",
        "Add this party in the Parties sheet (the gmina itself, not the 'Urząd Gminy').",
    ),
    "party_not_signing": (
        "Wpisz osobę reprezentującą tę stronę (imię i nazwisko, funkcja) w reprezentantach strony.",
        "Enter the person who represents this party (name and function) among its representatives.",
    ),
    "iod_missing": (
        "Wpisz w arkuszu Strony, w kolumnie E-mail IOD, adres inspektora ochrony danych tej strony; "
        "trafi do informacji o przetwarzaniu danych osobowych w Deklaracji.",
        "Enter the party's data protection officer's e-mail in the Parties sheet (column E-mail IOD); "
        "it goes into the Declaration's personal data information.",
    ),
    "countersignature_missing": (
        "Uzupełnij sekcję Skarbnik (imię i nazwisko, funkcja): zobowiązanie pieniężne gminy wymaga "
        "kontrasygnaty skarbnika (art. 46 ust. 3 ustawy o samorządzie gminnym).",
        "Fill in the treasurer (skarbnik): a gmina's financial commitment needs the treasurer's "
        "countersignature (art. 46(3) of the Act on gmina self-government).",
    ),
    "representatives_too_few": (
        "Dodaj reprezentantów tej strony zgodnie ze sposobem jej reprezentacji (powiat: dwóch członków "
        "zarządu, art. 48 ustawy o samorządzie powiatowym; stowarzyszenie, fundacja: jak w KRS i statucie).",
        "Add the representatives this party's rules of representation require (a powiat: two members "
        "of the zarząd; an association or foundation: as its KRS entry and statute say).",
    ),
    "social_actions_too_few": (
        "W arkuszu Działania wpisz problem społeczny, na który odpowiada działanie (kolumna Problem "
        "społeczny), albo dodaj kolejne działanie odpowiadające na problem społeczny.",
        "In the Actions sheet, fill in the social problem an action addresses (column 'problem'), "
        "or add another action that addresses a social problem.",
    ),
    "micro_success_missing": (
        "Dopisz temu działaniu mikrosukces (mierzalny efekt) w każdym z wymienionych kwartałów.",
        "Add a micro-success (a measurable result) for this action in each quarter listed.",
    ),
    "action_outside_period": (
        "Przesuń działanie w okres programu albo popraw okres programu w sekcji Koalicja.",
        "Move the action into the program period, or correct the period in the Coalition section.",
    ),
    "team_party_missing": (
        "Dodaj w arkuszu Zespół osobę reprezentującą tę stronę (Strona: {party}).",
        "Add a member representing this party to the Team sheet (party: {party}).",
    ),
    "team_no_coordinator": (
        "Wskaż w arkuszu Zespół koordynatora (rola: „koordynator”).",
        "Name a coordinator in the Team sheet (role: coordinator).",
    ),
    "mentor_missing": (
        "Wpisz mentora w sekcji Mentor (imię i nazwisko, biblioteka wojewódzka): działania koalicji "
        "są realizowane pod opieką mentora z biblioteki wojewódzkiej.",
        "Fill in the Mentor section (name, voivodeship library): the coalition's actions run under "
        "a mentor from the voivodeship library.",
    ),
    "clause_missing": (
        "Ta klauzula jest wymagana przez warunki finansowania. Jeśli wyłączył ją warunek — popraw "
        "wskazane dane w arkuszu; jeśli zastąpiła ją warstwa regionalna lub lokalna biblioteki "
        "klauzul — poproś mentora BW o przywrócenie klauzuli.",
        "The funding conditions require this clause. If a condition excluded it, correct the data "
        "shown; if a regional or local layer of the clause library replaced it, ask the BW mentor "
        "to restore it.",
    ),
    "promotion_year_missing": (
        "Zaplanuj w arkuszu Promocja wydarzenie (np. seminarium, konferencję) w tym okresie.",
        "Plan an event (e.g. a seminar or a conference) in this period in the Promotion sheet.",
    ),
    "quarterly_presentation_missing": (
        "Zaplanuj w arkuszu Promocja prezentację mikrosukcesów w każdym z tych kwartałów "
        "(rodzaj: „kwartalna prezentacja mikrosukcesów”).",
        "Plan a presentation of micro-successes in each of these quarters in the Promotion sheet "
        "(kind: quarterly_presentation).",
    ),
    "resources_too_few": (
        "Dopisz w arkuszu Wkłady wkład innego rodzaju (ludzie, przestrzeń, finanse, wiedza).",
        "Add a contribution of another kind (people, space, finances, knowledge) to the Contributions sheet.",
    ),
    "party_no_contribution": (
        "Dopisz w arkuszu Wkłady, co wnosi ta strona (Strona: {party}).",
        "Add what this party contributes to the Contributions sheet (party: {party}).",
    ),
    "preliminary_too_late": (
        "Sprawdź datę wstępnej deklaracji JST i datę deklaracji partnerstwa w sekcji Koalicja: "
        "wstępna deklaracja gminy (etap 2) musi być wcześniejsza.",
        "Check the dates of the JST's preliminary declaration and of the partnership declaration in "
        "the Coalition section: the gmina's preliminary declaration (stage 2) must come first.",
    ),
    "period_too_short": (
        "Wydłuż okres programu (sekcja Koalicja: koniec okresu programu).",
        "Extend the program period (Coalition section: end of the program period).",
    ),
}


def _resolve(params: dict, lang: str) -> dict:
    return {
        key: value.get(lang) if isinstance(value, Bilingual) else value
        for key, value in params.items()
    }


def render(code: str, params: dict, lang: str = "pl") -> str:
    pl, en = MESSAGES.get(code, (code, code))
    return _format(pl if lang == "pl" else en, params, lang)


def render_fix(code: str, params: dict, lang: str = "pl") -> str | None:
    if code not in FIXES:
        return None
    pl, en = FIXES[code]
    return _format(pl if lang == "pl" else en, params, lang)


def _format(template: str, params: dict, lang: str) -> str:
    try:
        return template.format(**_resolve(params, lang))
    except (KeyError, IndexError):
        return template


RULE_TITLES: dict[str, tuple[str, str]] = {
    # rule id: (Polish, English) short title — a column head of the cohort report; the rule's
    # description (from its rule file) is the longer text
    "library-and-gmina": ("Biblioteka i gmina", "Library and gmina"),
    "countersignature": ("Kontrasygnata skarbnika", "Treasurer's countersignature"),
    "representation": ("Podpisujący", "Signatories"),
    "ngo-representation": ("Podpisy NGO", "NGO signatures"),
    "social-actions": ("Działania społeczne", "Social actions"),
    "actions-requirements-clause": ("Wymogi działań", "Action requirements"),
    "micro-successes": ("Mikrosukcesy", "Micro-successes"),
    "project-team": ("Zespół projektowy", "Project team"),
    "mentor": ("Mentor BW", "Mentor"),
    "sustainability-clauses": ("Trwałość", "Sustainability"),
    "promotion-yearly": ("Promocja co rok", "Yearly promotion"),
    "quarterly-presentation": ("Prezentacja co kwartał", "Quarterly presentation"),
    "contributions": ("Wkłady", "Contributions"),
    "preliminary-declaration": ("Wstępna deklaracja JST", "Preliminary declaration"),
    "program-period": ("Okres programu", "Program period"),
    "reported-social-actions": ("Raporty działań", "Reported actions"),
}


def rule_title(rule_id: str, lang: str = "pl") -> str:
    """The short title of a funding rule; a rule of another rule file: its id, words spaced."""
    pl, en = RULE_TITLES.get(rule_id, (rule_id.replace("-", " "),) * 2)
    return pl if lang == "pl" else en
