"""Messages about report workbooks, in Polish (default) and English, keyed by a message code.

Report problems are :class:`deedgen.exceptions.Problem` objects whose texts are composed here
(:func:`problem`); codes not known here fall back to the partner sheet's messages.
"""

from __future__ import annotations

from deedgen.exceptions import Problem

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("{found}", "{found}"),
    "formula": (
        "komórka zawiera formułę ({found}) — wpisz wartość, nie formułę",
        "the cell holds a formula ({found}) — type a value, not a formula",
    ),
    "pesel": (
        "pole zawiera numer PESEL — raport nie może zawierać danych osobowych (RODO)",
        "the field contains a PESEL number — a report holds no personal data (GDPR)",
    ),
    "too_long": (
        "tekst za długi: {found} znaków, dopuszczalne {max}",
        "text too long: {found} characters, at most {max}",
    ),
    "required": ("brak wymaganej wartości", "a required value is missing"),
    "choice": (
        "oczekiwano jednej z wartości: {expected}; jest „{found}”",
        "expected one of: {expected}; found '{found}'",
    ),
    "date": (
        "oczekiwano daty (np. 2026-10-15), jest „{found}”",
        "expected a date (e.g. 2026-10-15), found '{found}'",
    ),
    "quarter": (
        "oczekiwano kwartału (np. 2026-Q3), jest „{found}”",
        "expected a quarter (e.g. 2026-Q3), found '{found}'",
    ),
    "integer": (
        "oczekiwano liczby całkowitej ≥ 0, jest „{found}”",
        "expected a whole number ≥ 0, found '{found}'",
    ),
    "amount": (
        "oczekiwano kwoty (np. 1500,00), jest „{found}”",
        "expected an amount (e.g. 1500.00), found '{found}'",
    ),
    "missing_sheet": (
        "brak arkusza „{found}” w raporcie",
        "the report has no sheet '{found}'",
    ),
    "unknown_column": (
        "nieznana kolumna „{found}” — pominięta",
        "unknown column '{found}' — skipped",
    ),
    "unknown_field": (
        "nieznane pole „{found}” — pominięte",
        "unknown field '{found}' — skipped",
    ),
    "not_a_report": (
        "to nie jest raport deedgen (brak arkusza Raport z kodem TERC i okresem)",
        "not a deedgen report (no Raport sheet with a TERC code and a period)",
    ),
    "other_coalition": (
        "raport dotyczy gminy o kodzie TERC {found}, a arkusz partnerów — {expected}",
        "the report is for the gmina with TERC {found}, the partner sheet for {expected}",
    ),
    "no_sheet": (
        "nie znaleziono arkusza partnerów koalicji o kodzie TERC {found} — wskaż kohortę opcją --cohort",
        "no partner sheet found for the coalition with TERC {found} — name the cohort with --cohort",
    ),
    "sheet_changed": (
        "arkusz partnerów zmienił się od przygotowania raportu — sprawdź, czy plan się zgadza",
        "the partner sheet changed since the report was prepared — check that the plan matches",
    ),
    "unknown_action": (
        "działania „{found}” nie ma w Planie działań; znane: {expected}",
        "action '{found}' is not in the action plan; known: {expected}",
    ),
    "not_planned": (
        "działanie {action} nie ma zaplanowanego mikrosukcesu w kwartale {quarter} — "
        "wpisz TAK w kolumnie Nowy?, jeśli to nowy mikrosukces",
        "action {action} plans no micro-success in {quarter} — put TAK in the column "
        "Nowy? if it is a new one",
    ),
    "outside_period": (
        "kwartał {found} jest poza okresem raportu ({expected})",
        "quarter {found} lies outside the report's period ({expected})",
    ),
    "duplicate_micro": (
        "mikrosukces działania {action} w kwartale {quarter} występuje drugi raz (pierwszy: {first})",
        "the micro-success of action {action} in {quarter} appears twice (first: {first})",
    ),
    "planned_missing": (
        "brak wiersza zaplanowanego mikrosukcesu działania {action} w kwartale {quarter} "
        "(liczony jako niezrealizowany)",
        "the planned micro-success of action {action} in {quarter} has no row (counted as not achieved)",
    ),
    "moved_to_required": (
        "status przesunięte wymaga nowego kwartału w kolumnie Przesunięte na kwartał",
        "status przesunięte needs the new quarter in the column Przesunięte na kwartał",
    ),
    "moved_backwards": (
        "nowy kwartał {found} musi być późniejszy niż {quarter}",
        "the new quarter {found} must come after {quarter}",
    ),
    "date_outside": (
        "data {found} jest poza kwartałem {quarter}",
        "date {found} lies outside the quarter {quarter}",
    ),
    "unknown_party": (
        "strony „{found}” nie ma w arkuszu partnerów; znane: {expected}",
        "party '{found}' is not in the partner sheet; known: {expected}",
    ),
    "new_needs_description": (
        "nowy mikrosukces wymaga opisu w kolumnie Co osiągnięto",
        "a new micro-success needs a description in the column Co osiągnięto",
    ),
    "presentation_details": (
        "prezentacja odbyła się: podaj jej datę i odbiorców",
        "the presentation was held: give its date and audience",
    ),
    "prepared_late": (
        "raport sporządzono {found}, po terminie {deadline}",
        "the report was prepared on {found}, after the deadline {deadline}",
    ),
    "wrong_kind": (
        "rodzaj raportu „{found}” nie pasuje do okresu {period}",
        "report kind '{found}' does not match the period {period}",
    ),
}


def render(code: str, params: dict, lang: str = "pl") -> str:
    if code not in MESSAGES:
        from deedgen.sheet.messages import render_message

        return render_message(code, params, lang)
    pl, en = MESSAGES[code]
    try:
        return (pl if lang == "pl" else en).format(**params)
    except (KeyError, IndexError):
        return pl if lang == "pl" else en


def problem(code: str, params: dict, severity: str, location, path: str = "") -> Problem:
    """A :class:`~deedgen.exceptions.Problem` with its texts composed from :data:`MESSAGES`
    (``params["text"]`` Polish, ``params["text_en"]`` English), as the one Problem type wants."""
    texts = {"text": render(code, params, "pl"), "text_en": render(code, params, "en")}
    return Problem(path, code, {**params, **texts}, severity, location)
