"""Messages about partner sheets, in Polish (default) and English, keyed by a message code.

A Polish message names what a librarian sees — a kind as „stowarzyszenie”, a section as
„Skarbnik”, a column by its label, money as „5 000,00 zł” — never a code or a key of the data:
:func:`render_message` derives those words (``kind_pl``, ``amount_pl``…) from the parameters.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from deedgen.sheet import enumerations
from deedgen.sheet.messages_parties import PARTY_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Polish, English) — str.format placeholders come from the problem's params
    "required": ("brak wymaganej wartości", "a required value is missing"),
    "invalid": ("nieprawidłowa wartość", "invalid value"),
    "unknown_field": ("nieznane pole (literówka w nazwie?)", "unknown field (a typo in its name?)"),
    "expected_text": ("oczekiwano tekstu, jest {found}", "expected text, found {found}"),
    "expected_list": ("oczekiwano listy, jest {found}", "expected a list, found {found}"),
    "expected_mapping": (
        "oczekiwano sekcji z polami, jest {found}",
        "expected a section of fields, found {found}",
    ),
    "expected_integer": (
        "„{found}” to nie liczba — {hint}",
        "'{found}' is not a whole number — {hint_en}",
    ),
    "expected_boolean": (
        "„{found}” — wpisz TAK albo NIE",
        "'{found}' — write TAK (yes) or NIE (no)",
    ),
    "invisible_character": (
        "usunięto niewidoczny znak {char} ({name}) na pozycji {position} (razem {count});"
        " sprawdź, czy tekst jest taki, jak zamierzono",
        "removed an invisible character {char} at position {position} ({count} in all); check"
        " that the text reads as intended",
    ),
    "refused_character": (
        "niedozwolony znak {char} ({kind}) na pozycji {position}; usuń go albo przepisz tekst",
        "a forbidden character {char} ({kind_en}) at position {position}; delete it or retype the text",
    ),
    "too_many_items": (
        "za dużo wierszy: {found}, dopuszczalne {max}",
        "too many rows: {found}, at most {max}",
    ),
    "too_long": (
        "tekst za długi: {found} znaków, dopuszczalne {max}",
        "text too long: {found} characters, at most {max}",
    ),
    "pesel": (
        "pole zawiera numer PESEL — deedgen nie przetwarza numerów PESEL (minimalizacja danych, RODO)",
        "the field contains a PESEL number — deedgen never processes PESEL numbers (GDPR data minimisation)",
    ),
    "private_data": (
        "pole „{field}” zawiera {kind} — deedgen nie przetwarza takich danych osób fizycznych (minimalizacja danych, RODO); usuń je{hint}",
        "the field '{field}' contains {kind_en} — deedgen does not process such personal data (GDPR data minimisation); remove it{hint_en}",
    ),
    "private_data_suspect": (
        "pole „{field}” zawiera coś, co wygląda jak {kind} (suma kontrolna się nie zgadza) — jeśli to dane osoby fizycznej, usuń je (RODO)",
        "the field '{field}' contains what looks like {kind_en} (its check digit fails) — if these are a natural person's data, remove them (GDPR)",
    ),
    "choice": (
        "„{found}” nie ma na liście{did_you_mean}; wybierz jedną z wartości: {expected_pl}",
        "'{found}' is not on the list{did_you_mean_en}; choose one of: {expected}",
    ),
    "nip_checksum": (
        "NIP {found} ma błędną cyfrę kontrolną",
        "NIP {found} has a wrong check digit",
    ),
    "nip_office": (
        "NIP {found} nie jest prawdziwym numerem (pierwsze trzy cyfry to kod urzędu skarbowego)",
        "NIP {found} is not a real number (its first three digits are a tax office's code)",
    ),
    "regon_zeros": (
        "REGON {found} nie jest prawdziwym numerem (same zera)",
        "REGON {found} is not a real number (all zeros)",
    ),
    "nip_length": ("NIP musi mieć 10 cyfr, jest „{found}”", "a NIP has 10 digits, found '{found}'"),
    "nip_format": (
        "NIP może zawierać tylko cyfry, jest „{found}”",
        "a NIP contains digits only, found '{found}'",
    ),
    "regon_checksum": (
        "REGON {found} ma błędną cyfrę kontrolną",
        "REGON {found} has a wrong check digit",
    ),
    "regon_length": (
        "REGON musi mieć 9 lub 14 cyfr, jest „{found}”",
        "a REGON has 9 or 14 digits, found '{found}'",
    ),
    "regon_format": (
        "REGON może zawierać tylko cyfry, jest „{found}”",
        "a REGON contains digits only, found '{found}'",
    ),
    "krs": ("numer KRS to 10 cyfr, jest „{found}”", "a KRS number has 10 digits, found '{found}'"),
    "terc_format": (
        "TERC ma 7 cyfr (WWPPGGR, np. 1426042), jest „{found}”",
        "a TERC code has 7 digits (WWPPGGR), found '{found}'",
    ),
    "terc_voivodeship": (
        "kod województwa w TERC musi być parzysty, od 02 do 32; jest {found}",
        "the voivodeship code in TERC must be even, 02 to 32; found {found}",
    ),
    "terc_kind": (
        "ostatnia cyfra TERC (rodzaj) musi być 1, 2 lub 3 (gmina miejska, wiejska, miejsko-wiejska); jest {found}",
        "the last TERC digit (kind) must be 1, 2 or 3 (urban, rural, urban-rural gmina); found {found}",
    ),
    "terc_kind_mismatch": (
        "rodzaj gminy „{kind}” nie zgadza się z kodem TERC {terc} (jego ostatnia cyfra oznacza rodzaj: {expected})",
        "gmina kind '{kind}' does not match TERC code {terc} (its last digit means a {expected} gmina)",
    ),
    "postal_code": (
        "kod pocztowy w formacie NN-NNN, jest „{found}”",
        "postal code must be NN-NNN, found '{found}'",
    ),
    "email": ("nieprawidłowy adres e-mail „{found}”", "invalid e-mail address '{found}'"),
    "date": (
        "oczekiwano daty (2026-03-01 albo 1.03.2026), jest „{found}”",
        "expected a date (2026-03-01 or 1.03.2026), found '{found}'",
    ),
    "quarter": (
        "oczekiwano kwartału w formacie 2026-Q2, jest „{found}”",
        "expected a quarter like 2026-Q2, found '{found}'",
    ),
    "amount": (
        "oczekiwano kwoty w złotych ≥ 0 (np. 1000,00), jest „{found}”",
        "expected an amount in PLN ≥ 0 (e.g. 1000.00), found '{found}'",
    ),
    "year_range": (
        "rok spoza zakresu {first}–{last}: „{found}”",
        "a year outside {first}–{last}: '{found}'",
    ),
    "period_too_long": (
        "okres programu trwa za długo ({found} – {expected}); najwyżej {limit} lat",
        "the program period is too long ({found} – {expected}); at most {limit} years",
    ),
    "amount_too_large": (
        "kwota jest za duża: „{found}”; najwyżej {limit} zł",
        "the amount is too large: '{found}'; at most {limit_en} PLN",
    ),
    "amount_cents": (
        "kwota może mieć najwyżej 2 miejsca po przecinku, jest „{found}”",
        "an amount has at most 2 decimal places, found '{found}'",
    ),
    "no_parties": ("arkusz nie zawiera żadnej strony", "the sheet lists no party"),
    "library_count": (
        "koalicję inicjuje dokładnie jedna biblioteka gminna (rodzaj „biblioteka gminna”); jest {found}",
        "exactly one municipal library (kind library) initiates the coalition; found {found}",
    ),
    "gmina_party_count": (
        "gmina musi być dokładnie jedną ze stron (rodzaj „gmina (JST)”); jest {found}",
        "the gmina must be exactly one party (kind gmina); found {found}",
    ),
    "urzad_gminy": (
        "stroną jest gmina, a nie urząd gminy — wpisz np. „{suggestion}”",
        "the party is the gmina itself, not its office (urząd) — write e.g. '{suggestion}'",
    ),
    "gmina_name_mismatch": (
        "nazwa strony „{found}” różni się od nazwy gminy „{expected}”",
        "party name '{found}' differs from the gmina's name '{expected}'",
    ),
    "duplicate_id": (
        "identyfikator „{found}” powtarza się (pierwszy raz: {first_pl})",
        "id '{found}' is used twice (first at {first})",
    ),
    "unknown_party": (
        "nie ma strony o identyfikatorze „{found}”; są: {expected}",
        "no party has the id '{found}'; known: {expected}",
    ),
    "unknown_action": (
        "nie ma działania o identyfikatorze „{found}”; są: {expected}",
        "no action has the id '{found}'; known: {expected}",
    ),
    "no_representatives": (
        "strona „{party}” nie ma reprezentanta, który podpisze deklarację — dopisz go w arkuszu Przedstawiciele",
        "party '{party}' has no representative to sign",
    ),
    "representatives_count": (
        "strona rodzaju „{kind_pl}” wymaga co najmniej {expected} reprezentantów; jest {found}",
        "a party of kind {kind} needs at least {expected} representatives; found {found}",
    ),
    "power_of_attorney": (
        "szkoła działa na podstawie pełnomocnictwa wójta/burmistrza — podaj jego numer i datę (kolumny „Nr pełnomocnictwa” i „Data pełnomocnictwa”)",
        "a school acts under the executive's power of attorney — give its number and date",
    ),
    "krs_required": (
        "strona rodzaju „{kind_pl}” powinna mieć numer KRS",
        "a party of kind {kind} should have a KRS number",
    ),
    "treasurer_required": (
        "gmina wnosi środki finansowe ({amount_pl}) — wpisz skarbnika gminy (sekcja „Skarbnik”), który kontrasygnuje deklarację",
        "the gmina contributes money ({amount_en}) — a treasurer (skarbnik) is required to countersign",
    ),
    "preliminary_after_declaration": (
        "wstępna deklaracja JST ({found}) musi poprzedzać deklarację partnerstwa ({expected})",
        "the JST's preliminary declaration ({found}) must precede the partnership declaration ({expected})",
    ),
    "period_order": (
        "koniec okresu programu ({found}) jest przed jego początkiem ({expected})",
        "the program period ends ({found}) before it starts ({expected})",
    ),
    "quarter_outside": (
        "kwartał {found} wykracza poza okres programu ({expected})",
        "quarter {found} lies outside the program period ({expected})",
    ),
    "quarter_order": (
        "kwartał zakończenia {found} jest przed kwartałem rozpoczęcia {expected}",
        "end quarter {found} is before start quarter {expected}",
    ),
    "micro_outside_action": (
        "mikrosukces w kwartale {found}, a działanie trwa {expected}",
        "a micro-success in quarter {found}, but the action runs {expected}",
    ),
    "micro_duplicate": (
        "drugi mikrosukces w kwartale {found} dla tego działania",
        "a second micro-success in quarter {found} for this action",
    ),
    "evaluation_month": (
        "miesiąc ewaluacji to liczba od 1 do 12, jest {found}",
        "the evaluation month is 1 to 12, found {found}",
    ),
    "amount_not_finances": (
        "kwotę podaje się tylko dla wkładu „finanse”; ten wkład to „{found_pl}”",
        "an amount belongs to a financial contribution (finances) only; found on '{found}'",
    ),
    "finances_without_amount": (
        "wkład finansowy bez kwoty",
        "a financial contribution without an amount",
    ),
    "value_on_finances": (
        "wartość szacunkową (value) podaje się dla wkładu niefinansowego; wkład finansowy ma kwotę (amount)",
        "an estimated value (value) belongs to a non-financial contribution; money has an amount (amount)",
    ),
    "finances_looks_in_kind": (
        "opis wkładu finansowego mówi o usłudze albo rzeczy (np. druk, sala, sprzęt) — jeśli Strona nie przekazuje pieniędzy, wybierz zasób „wkład rzeczowy” i podaj wartość szacunkową zamiast kwoty",
        "the description of a financial contribution names a service or a thing (printing, a room, equipment) — if the party transfers no money, choose resource in_kind and give an estimated value instead of an amount",
    ),
    "coordinator_count": (
        "zespół projektowy ma {found} koordynatorów; zwykle jeden",
        "the project team has {found} coordinators; usually one",
    ),
    "executive_mismatch": (
        "reprezentant gminy „{found}” to nie {title} „{expected}” — zastępca potrzebuje upoważnienia (art. 46 u.s.g.)",
        "the gmina's representative '{found}' is not the {title} '{expected}' — a deputy needs an authorisation",
    ),
    "positive_integer": (
        "oczekiwano liczby od {min} do {max}, jest {found}",
        "expected a number from {min} to {max}, found {found}",
    ),
    "goal_unknown": (
        "nie ma celu „{found}” w bibliotece klauzul{did_you_mean}; wybierz z listy: {expected_pl}",
        "no goal '{found}' in the clause library; known: {expected}",
    ),
    "edition_unknown": (
        "nie ma warunków finansowania edycji „{found}” — sprawdź rok edycji programu",
        "there are no funding conditions for edition '{found}' — check the program edition",
    ),
    "bad_header": (
        "kolumna „{found}” nie należy do arkusza{did_you_mean} — pominięta, jej wartości nie trafią do dokumentów; kolumny arkusza: {expected}",
        "column '{found}' is not part of the sheet{did_you_mean_en} — skipped, its values do not reach the documents; the sheet's columns: {expected}",
    ),
    "leading_zero": (
        "{label} „{found}” zapisano jako liczbę, która straciła zero na początku — odczytano {fixed}; wpisz go jako tekst",
        "{label} '{found}' was stored as a number that lost its leading zero — read as {fixed}; type it as text",
    ),
    "missing_sheet": (
        "brak arkusza „{found}” w skoroszycie",
        "the workbook has no sheet '{found}'",
    ),
    "empty_value": ("puste pole", "empty value"),
    "iod_missing": (
        "podmiot publiczny („{kind_pl}”) ma obowiązek wyznaczyć inspektora ochrony danych — podaj jego e-mail w kolumnie „E-mail IOD”; trafi do klauzuli RODO",
        "a public body (kind {kind}) must appoint a data protection officer — give their e-mail (iod_email) for the GDPR clause",
    ),
    **PARTY_MESSAGES,
}


def render_message(code: str, params: dict, lang: str = "pl") -> str:
    pl, en = MESSAGES.get(code, (code, code))
    template = pl if lang == "pl" else en
    try:
        return template.format(**{**_derived(code, params), **params})
    except (KeyError, IndexError):
        return template


def _money(value, lang: str) -> str:
    from babel.numbers import format_currency

    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_currency(amount, "PLN", locale="pl_PL" if lang == "pl" else "en_GB")


def _derived(code: str, params: dict) -> dict:
    """The words a message shows for coded parameters: labels for codes, money, suggestions."""
    out = {"did_you_mean": "", "did_you_mean_en": "", "first_pl": params.get("first", "")}
    if "kind" in params:
        out["kind_pl"] = enumerations.label_pl(enumerations.PARTY_KINDS, params["kind"])
    if "amount" in params:
        out["amount_pl"], out["amount_en"] = (
            _money(params["amount"], "pl"),
            _money(params["amount"], "en"),
        )
    if code == "amount_not_finances":
        out["found_pl"] = enumerations.label_pl(enumerations.RESOURCES, params.get("found", ""))
    if code == "choice":
        choices = tuple(c.strip() for c in str(params.get("expected", "")).split(","))
        out["expected_pl"] = ", ".join(enumerations.label_pl(choices, c) for c in choices)
        near = enumerations.near_miss(choices, params.get("found", ""))
        if near:
            out["did_you_mean"], out["did_you_mean_en"] = (
                f" — czy chodziło o: {near}?",
                f" — did you mean: {near}?",
            )
    if params.get("suggestion_pl"):
        out["did_you_mean"] = f" — czy chodziło o: {params['suggestion_pl']}?"
        out["did_you_mean_en"] = f" — did you mean: {params['suggestion_pl']}?"
    out.setdefault("expected_pl", params.get("expected", ""))
    return out


MESSAGES.update(
    {
        "unknown_sheet": (
            "arkusz „{found}” nie należy do arkusza partnerów i został pominięty",
            "sheet '{found}' is not part of the partner sheet and was skipped",
        ),
        "no_label": (
            "wartość „{found}” bez nazwy pola w kolumnie A",
            "value '{found}' has no field name in column A",
        ),
        "duplicate_row": (
            "pole „{found}” występuje drugi raz (pierwszy raz: {first})",
            "field '{found}' appears a second time (first at {first})",
        ),
        "no_header": (
            "wartość „{found}” w kolumnie bez nagłówka — pominięta",
            "value '{found}' in a column without a header — skipped",
        ),
        "duplicate_column": (
            "kolumna „{found}” występuje drugi raz (pierwszy raz: {first})",
            "column '{found}' appears a second time (first at {first})",
        ),
    }
)
